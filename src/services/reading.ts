import { readStored, writeStored } from './storage'

/** What the reader kept on this device: favourite explainers and what was read when. */
export interface ReadingRecord {
  id: string
  /** ISO time of the last reading. */
  at: string
}

const HISTORY_LIMIT = 100
const listeners = new Set<() => void>()
let favourites: string[] | null = null
let history: ReadingRecord[] | null = null

function changed() {
  listeners.forEach((listener) => listener())
}

export function listFavourites(): string[] {
  if (favourites === null) favourites = readStored('pufa.favourites') ?? []
  return favourites
}

export function toggleFavourite(id: string): boolean {
  const current = listFavourites()
  const on = !current.includes(id)
  favourites = on ? [id, ...current] : current.filter((other) => other !== id)
  writeStored('pufa.favourites', favourites)
  changed()
  return on
}

export function listHistory(): ReadingRecord[] {
  if (history === null) history = readStored('pufa.history') ?? []
  return history
}

export function recordReading(id: string, at: Date = new Date()): void {
  history = [{ id, at: at.toISOString() }, ...listHistory().filter((record) => record.id !== id)].slice(0, HISTORY_LIMIT)
  writeStored('pufa.history', history)
  changed()
}

export function clearHistory(): void {
  history = []
  writeStored('pufa.history', history)
  changed()
}

export function subscribeReading(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
