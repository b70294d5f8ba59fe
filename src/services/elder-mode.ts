import { readStored, writeStored } from './storage'
import { systemPrefersLargeText } from './font-size'

type Listener = (on: boolean) => void

const listeners = new Set<Listener>()
let current: boolean | null = null

/** Elder mode as the user chose it on this device, else as the system's font-size setting suggests. */
export function isElderMode(): boolean {
  if (current === null) current = readStored('pufa.elderMode') ?? systemPrefersLargeText()
  return current
}

export function setElderMode(on: boolean): void {
  current = on
  writeStored('pufa.elderMode', on)
  listeners.forEach((listener) => listener(on))
}

export function subscribeElderMode(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
