import { useCallback, useSyncExternalStore } from 'react'
import { getOutboxReport, listOutbox, subscribeOutbox, type OutboxReport } from '../../../services/report-outbox'

/** The reports of this device, newest first; the same array until one changes. */
export function useOutbox(): OutboxReport[] {
  return useSyncExternalStore(subscribeOutbox, listOutbox, listOutbox)
}

/** One report of the outbox, or null when this device has none with that key. */
export function useOutboxReport(key: string): OutboxReport | null {
  const snapshot = useCallback(() => getOutboxReport(key), [key])
  return useSyncExternalStore(subscribeOutbox, snapshot, snapshot)
}
