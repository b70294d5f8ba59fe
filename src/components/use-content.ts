import { useCallback, useSyncExternalStore } from 'react'
import type { WorkCalendar } from '../core/calendar/working-days'
import type { ContentType, Site } from '../core/content/model'
import { getContent, getSite, listContent, subscribeContent, workCalendar, type ContentItem } from '../services/content-store'

/** Every synced item of a type, sorted by id; the same array until that type changes. */
export function useContent<T extends ContentType>(type: T): readonly ContentItem<T>[] {
  const snapshot = useCallback(() => listContent(type), [type])
  return useSyncExternalStore(subscribeContent, snapshot, snapshot)
}

/** One synced item, or null when it was never synced or has been withdrawn. */
export function useContentItem<T extends ContentType>(type: T, id: string): ContentItem<T> | null {
  const snapshot = useCallback(() => getContent(type, id), [type, id])
  return useSyncExternalStore(subscribeContent, snapshot, snapshot)
}

/** The city and bureau as synced, else the product's defaults (src/core/site.ts). */
export function useSite(): Site {
  return useSyncExternalStore(subscribeContent, getSite, getSite)
}

/** The official working-day calendar built from the synced yearly schedules. */
export function useWorkCalendar(): WorkCalendar {
  return useSyncExternalStore(subscribeContent, workCalendar, workCalendar)
}
