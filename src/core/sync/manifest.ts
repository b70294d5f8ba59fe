/**
 * The manifest: the one stored value that says which shards make up the content and where its sync
 * stands. It is written last, after every shard it names, so whichever manifest a crash leaves
 * behind names a complete set; restoring checks that set anyway and never lets damage blank the app.
 */
import { CONTENT_TYPES, isContentType, type ContentType } from '../content/model'
import { emptyLocal, type LocalContent } from './engine'
import { entryKey, readShard, type PlacedShard, type ShardRecord, type StoredEntry } from './shards'
import { emptyState, hasItems, type ContentEntry, type ContentState, type Etag, type ItemsByType, type TombstonesByType } from './state'

export interface StoredHead {
  epoch: string | null
  cursor: string | null
  etag: Etag | null
  lastSyncedAt: string | null
  shards: ShardRecord[]
}

export interface ContentManifest {
  format: 1
  /** Grows with every write; new shard keys are made from it, so they never name a live shard. */
  generation: number
  main: StoredHead
  pending: StoredHead | null
  blockedSchema: number | null
  /**
   * The content types the app that synced this content understood. An older app skips items of a
   * type it does not know while its cursor moves past them; absent in manifests of such apps.
   */
  types?: string[]
}

const isString = (value: unknown): value is string => typeof value === 'string'
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string'
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

function isShardRecord(value: unknown): value is ShardRecord {
  if (typeof value !== 'object' || value === null) return false
  const { key, bytes, count } = value as Record<string, unknown>
  return isString(key) && isCount(bytes) && isCount(count)
}

function isHead(value: unknown): value is StoredHead {
  if (typeof value !== 'object' || value === null) return false
  const { epoch, cursor, etag, lastSyncedAt, shards } = value as Record<string, unknown>
  const etagOk =
    etag === null || (typeof etag === 'object' && isStringOrNull((etag as Etag).since) && isString((etag as Etag).value))
  return isStringOrNull(epoch) && isStringOrNull(cursor) && etagOk && isStringOrNull(lastSyncedAt) && Array.isArray(shards) && shards.every(isShardRecord)
}

export function parseManifest(value: unknown): ContentManifest | null {
  if (typeof value !== 'object' || value === null) return null
  const { format, generation, main, pending, blockedSchema, types } = value as Record<string, unknown>
  if (format !== 1 || !isCount(generation) || !isHead(main)) return null
  if (pending !== null && !isHead(pending)) return null
  if (blockedSchema !== null && !isCount(blockedSchema)) return null
  if (types !== undefined && !(Array.isArray(types) && types.every(isString))) return null
  return value as ContentManifest
}

export function headOf(state: ContentState, shards: readonly ShardRecord[]): StoredHead {
  const { epoch, cursor, etag, lastSyncedAt } = state
  return { epoch, cursor, etag, lastSyncedAt, shards: shards.map(({ key, bytes, count }) => ({ key, bytes, count })) }
}

export interface Restored {
  local: LocalContent
  /** The shards that were read intact, available for reuse by the next write. */
  pool: PlacedShard[]
  generation: number
  /** Some stored content was missing or damaged: its cursor was dropped so that the next sync repairs it. */
  damaged: boolean
}

interface RestoredState {
  state: ContentState
  shards: PlacedShard[]
  intact: boolean
}

function restoreState(head: StoredHead, read: (record: ShardRecord) => StoredEntry[] | null): RestoredState {
  const items = new Map<ContentType, Map<string, ContentEntry>>()
  const tombstones = new Map<ContentType, Map<string, number>>()
  const shards: PlacedShard[] = []
  let intact = true
  for (const record of head.shards) {
    const entries = read(record)
    if (entries === null) {
      intact = false
      continue
    }
    const members = new Map<string, number>()
    for (const { t, i, s, d } of entries) {
      if (!isContentType(t)) continue
      members.set(entryKey(t, i), s)
      const live = items.get(t) ?? new Map<string, ContentEntry>()
      const dead = tombstones.get(t) ?? new Map<string, number>()
      items.set(t, live)
      tombstones.set(t, dead)
      if (Math.max(live.get(i)?.seq ?? -1, dead.get(i) ?? -1) >= s) continue
      if (d === undefined) {
        live.delete(i)
        dead.set(i, s)
      } else {
        // Entries were checked against the item model when they arrived, before they were stored.
        live.set(i, { seq: s, data: d } as ContentEntry)
        dead.delete(i)
      }
    }
    shards.push({ ...record, epoch: head.epoch, members })
  }
  const empty = emptyState()
  const state: ContentState = {
    epoch: head.epoch,
    cursor: head.cursor,
    etag: head.etag,
    lastSyncedAt: head.lastSyncedAt,
    items: { ...empty.items, ...Object.fromEntries(items) } as ItemsByType,
    tombstones: { ...empty.tombstones, ...Object.fromEntries(tombstones) } as TombstonesByType,
  }
  return { state, shards, intact }
}

/**
 * The content a manifest describes, read through `readValue`. Whatever is damaged is handled so
 * that what remains is consistent and shown:
 * - a missing or damaged shard of the shown content: the intact shards stay readable, the cursor
 *   is dropped, and a full re-sync starts that replaces them once it completes;
 * - a missing or damaged shard of an unfinished re-sync: that re-sync starts again from the beginning;
 * - no manifest, or one that cannot be read: nothing is known, as on a first launch.
 */
export function restoreContent(manifest: ContentManifest | null, readValue: (key: string) => string | null): Restored {
  if (manifest === null) return { local: emptyLocal(), pool: [], generation: 0, damaged: false }
  const cache = new Map<string, StoredEntry[] | null>()
  const read = (record: ShardRecord) => {
    if (!cache.has(record.key)) cache.set(record.key, readShard(readValue(record.key), record))
    return cache.get(record.key) ?? null
  }

  const main = restoreState(manifest.main, read)
  const pending = manifest.pending === null ? null : restoreState(manifest.pending, read)
  // Synced by an app that skipped a type this one knows: only a full download brings those items.
  const skippedTypes = !CONTENT_TYPES.every((type) => manifest.types?.includes(type))
  let mainState = main.state
  if (!main.intact || skippedTypes) {
    mainState = { ...mainState, cursor: null, etag: null, lastSyncedAt: hasItems(mainState) ? mainState.lastSyncedAt : null }
  }
  let pendingState = pending === null ? null : pending.intact && !skippedTypes ? pending.state : emptyState()
  // Content without a cursor is only ever replaced by a complete download, never patched.
  if (pendingState === null && mainState.cursor === null && hasItems(mainState)) pendingState = emptyState()

  const pool = [...main.shards, ...(pending?.intact ? pending.shards : [])]
  return {
    local: { main: mainState, pending: pendingState, blockedSchema: manifest.blockedSchema },
    pool,
    generation: manifest.generation,
    damaged: !main.intact || (pending !== null && !pending.intact),
  }
}
