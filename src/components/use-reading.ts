import { useSyncExternalStore } from 'react'
import { listFavourites, listHistory, subscribeReading, type ReadingRecord } from '../services/reading'

export function useFavourites(): string[] {
  return useSyncExternalStore(subscribeReading, listFavourites, listFavourites)
}

export function useHistory(): ReadingRecord[] {
  return useSyncExternalStore(subscribeReading, listHistory, listHistory)
}
