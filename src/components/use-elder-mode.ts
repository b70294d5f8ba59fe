import { useSyncExternalStore } from 'react'
import { isElderMode, subscribeElderMode } from '../services/elder-mode'

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribeElderMode, isElderMode, isElderMode)
}
