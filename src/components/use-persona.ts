import { useSyncExternalStore } from 'react'
import type { PersonaChoice } from '../core/home/persona'
import { getPersonaChoice, subscribePersona } from '../services/persona'

export function usePersonaChoice(): PersonaChoice | null {
  return useSyncExternalStore(subscribePersona, getPersonaChoice, getPersonaChoice)
}
