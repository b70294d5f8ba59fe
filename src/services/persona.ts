import { isPersona, type Persona, type PersonaChoice } from '../core/home/persona'
import { readStored, writeStored } from './storage'

const listeners = new Set<() => void>()
let current: PersonaChoice | null | undefined

/** The person's answer to 我是谁 on this device; null while they have neither answered nor skipped. */
export function getPersonaChoice(): PersonaChoice | null {
  if (current === undefined) {
    const stored = readStored('pufa.persona')
    current = stored && (stored.persona === null || isPersona(stored.persona)) ? { persona: stored.persona } : null
  }
  return current
}

/** Keeps the answer (a persona, or null for 跳过) on the device. */
export function setPersona(persona: Persona | null): void {
  current = { persona }
  writeStored('pufa.persona', current)
  listeners.forEach((listener) => listener())
}

export function subscribePersona(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
