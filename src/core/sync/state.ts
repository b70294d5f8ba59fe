/**
 * The content a phone holds: items by type and id, and where its sync stands. States are
 * immutable; applying a page returns a new state that shares every untouched type's map, so that
 * readers can tell what changed by identity alone.
 */
import { CONTENT_TYPES, type ContentByType, type ContentType } from '../content/model'
import type { ChangeItem, ChangesPage } from './protocol'

export interface ContentEntry<T extends ContentType = ContentType> {
  readonly seq: number
  readonly data: ContentByType[T]
}

export type ItemsByType = { readonly [T in ContentType]: ReadonlyMap<string, ContentEntry<T>> }

/** The seq at which each deleted id was deleted, so that an older copy of it is never revived. */
export type TombstonesByType = { readonly [T in ContentType]: ReadonlyMap<string, number> }

/** The ETag of the answer to `since`: sent back as If-None-Match only for that same `since`. */
export interface Etag {
  readonly since: string | null
  readonly value: string
}

export interface ContentState {
  /** The server's epoch the seqs and cursor belong to; null before the first page. */
  readonly epoch: string | null
  /** Opaque position after the last applied page; null means "from the beginning". */
  readonly cursor: string | null
  readonly etag: Etag | null
  /** ISO instant at which the server last confirmed there was nothing more to fetch. */
  readonly lastSyncedAt: string | null
  readonly items: ItemsByType
  readonly tombstones: TombstonesByType
}

function emptyByType<V>(): { [T in ContentType]: ReadonlyMap<string, V> } {
  return { policy: new Map(), quiz_question: new Map(), calendar: new Map(), site: new Map(), glossary: new Map() }
}

export function emptyState(): ContentState {
  return {
    epoch: null,
    cursor: null,
    etag: null,
    lastSyncedAt: null,
    items: emptyByType() as ItemsByType,
    tombstones: emptyByType<number>(),
  }
}

export function hasItems(state: ContentState): boolean {
  return CONTENT_TYPES.some((type) => state.items[type].size > 0)
}

/** The highest seq this state knows for an id, live or deleted; -1 when it knows none. */
export function knownSeq(state: ContentState, type: ContentType, id: string): number {
  return Math.max(state.items[type].get(id)?.seq ?? -1, state.tombstones[type].get(id) ?? -1)
}

/**
 * Upserts and tombstones of a page, by seq: an item at or below the seq already known for its id
 * is ignored, so that applying a page twice, or an older copy after a newer one, changes nothing.
 */
export function applyItems(state: ContentState, items: readonly ChangeItem[]): ContentState {
  const liveMaps = new Map<ContentType, Map<string, ContentEntry>>()
  const deadMaps = new Map<ContentType, Map<string, number>>()
  const liveNow = (type: ContentType) => liveMaps.get(type) ?? (state.items[type] as ReadonlyMap<string, ContentEntry>)
  const deadNow = (type: ContentType) => deadMaps.get(type) ?? state.tombstones[type]
  const live = (type: ContentType) => copyOnWrite(liveMaps, type, liveNow(type))
  const dead = (type: ContentType) => copyOnWrite(deadMaps, type, deadNow(type))

  for (const item of items) {
    const { type, id } = item
    if (item.seq <= Math.max(liveNow(type).get(id)?.seq ?? -1, deadNow(type).get(id) ?? -1)) continue
    if (item.deleted) {
      if (liveNow(type).has(id)) live(type).delete(id)
      dead(type).set(id, item.seq)
    } else {
      live(type).set(id, { seq: item.seq, data: item.data })
      if (deadNow(type).has(id)) dead(type).delete(id)
    }
  }
  if (liveMaps.size === 0 && deadMaps.size === 0) return state
  return {
    ...state,
    items: { ...state.items, ...Object.fromEntries(liveMaps) } as ItemsByType,
    tombstones: { ...state.tombstones, ...Object.fromEntries(deadMaps) } as TombstonesByType,
  }
}

function copyOnWrite<V>(copies: Map<ContentType, Map<string, V>>, type: ContentType, original: ReadonlyMap<string, V>): Map<string, V> {
  let copy = copies.get(type)
  if (!copy) {
    copy = new Map(original)
    copies.set(type, copy)
  }
  return copy
}

/**
 * A page applied to a state: its items, then its epoch and cursor. The state counts as synced
 * (`lastSyncedAt`) only when the page was the last one.
 */
export function applyPage(state: ContentState, page: ChangesPage, now: string): ContentState {
  return {
    ...applyItems(state, page.items),
    epoch: page.epoch,
    cursor: page.cursor,
    etag: null,
    lastSyncedAt: page.hasMore ? state.lastSyncedAt : now,
  }
}
