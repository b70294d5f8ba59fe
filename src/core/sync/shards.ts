/**
 * How content is cut into storage values that fit WeChat's limits (1 MB per key, 10 MB in all).
 * A shard is written once under a fresh key and never changed, so a manifest that names it always
 * finds it as it was; keeping shards whose entries did not change makes a small page cost a small
 * write instead of rewriting everything.
 */
import { CONTENT_TYPES, isContentType, type ContentType } from '../content/model'
import type { ContentState } from './state'

export interface ShardLimits {
  /** A shard is closed once the next entry would take it past this many bytes of UTF-8. */
  targetBytes: number
  /** The most one value may hold: a single entry above the target is stored alone up to this. */
  keyBytes: number
}

// 800 KB leaves a fifth of WeChat's 1 MB per key for its own overhead and H5's JSON wrapping.
export const SHARD_LIMITS: ShardLimits = { targetBytes: 800 * 1024, keyBytes: 1000 * 1024 }

/** What content may occupy in all, of WeChat's 10 MB: the rest is for drafts, outbox and settings. */
export const CONTENT_BUDGET_BYTES = 8 * 1024 * 1024

/** A shard as the manifest records it: enough to notice a missing, cut or replaced value. */
export interface ShardRecord {
  key: string
  bytes: number
  count: number
}

/** A shard as the app holds it in memory: which entry (at which seq) it stores, for which epoch. */
export interface PlacedShard extends ShardRecord {
  epoch: string | null
  members: ReadonlyMap<string, number>
}

export interface ShardWrite {
  key: string
  text: string
}

export interface ShardPlan {
  shards: PlacedShard[]
  writes: ShardWrite[]
}

/** One stored entry: an item (`d`) or a tombstone (no `d`). Short names: they repeat thousands of times. */
export interface StoredEntry {
  t: ContentType
  i: string
  s: number
  d?: unknown
}

export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}

export function entryKey(type: ContentType, id: string): string {
  return `${type}\n${id}`
}

interface Wanted {
  seq: number
  entry: StoredEntry
}

function wantedEntries(state: ContentState): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>()
  for (const type of CONTENT_TYPES) {
    for (const [id, { seq, data }] of state.items[type]) wanted.set(entryKey(type, id), { seq, entry: { t: type, i: id, s: seq, d: data } })
    for (const [id, seq] of state.tombstones[type]) wanted.set(entryKey(type, id), { seq, entry: { t: type, i: id, s: seq } })
  }
  return wanted
}

/**
 * The shards that hold `state`: shards of `pool` (of the same epoch) whose every entry is still
 * current are kept; everything else is packed, in seq order, into new shards under `newKey()`.
 * A kept shard under half full is repacked whenever anything is written, so shards stay few.
 * Null when one entry alone exceeds `limits.keyBytes` and cannot be stored at all.
 */
export function planShards(
  pool: readonly PlacedShard[],
  state: ContentState,
  newKey: () => string,
  limits: ShardLimits = SHARD_LIMITS,
): ShardPlan | null {
  const wanted = wantedEntries(state)
  const placed = new Set<string>()
  let kept: PlacedShard[] = []
  for (const shard of pool) {
    if (shard.epoch !== state.epoch) continue
    const current = [...shard.members].every(([key, seq]) => wanted.get(key)?.seq === seq && !placed.has(key))
    if (!current) continue
    kept.push(shard)
    shard.members.forEach((_, key) => placed.add(key))
  }
  if (placed.size === wanted.size) return { shards: kept, writes: [] }

  const underfull = kept.filter((shard) => shard.bytes < limits.targetBytes / 2)
  underfull.forEach((shard) => shard.members.forEach((_, key) => placed.delete(key)))
  kept = kept.filter((shard) => !underfull.includes(shard))

  const fresh = [...wanted].filter(([key]) => !placed.has(key)).sort(([a, x], [b, y]) => x.seq - y.seq || (a < b ? -1 : 1))
  const shards: PlacedShard[] = [...kept]
  const writes: ShardWrite[] = []
  let texts: string[] = []
  let members = new Map<string, number>()
  let bytes = 2
  const flush = () => {
    if (texts.length === 0) return
    const key = newKey()
    writes.push({ key, text: `[${texts.join(',')}]` })
    shards.push({ key, bytes, count: texts.length, epoch: state.epoch, members })
    texts = []
    members = new Map()
    bytes = 2
  }
  for (const [key, { seq, entry }] of fresh) {
    const text = JSON.stringify(entry)
    const size = utf8Bytes(text)
    if (size + 2 > limits.keyBytes) return null
    if (texts.length > 0 && bytes + 1 + size > limits.targetBytes) flush()
    bytes += (texts.length > 0 ? 1 : 0) + size
    texts.push(text)
    members.set(key, seq)
  }
  flush()
  return { shards, writes }
}

function isStoredEntry(value: unknown): value is StoredEntry {
  if (typeof value !== 'object' || value === null) return false
  const { t, i, s, d } = value as Record<string, unknown>
  return (
    isContentType(t) &&
    typeof i === 'string' &&
    typeof s === 'number' &&
    Number.isSafeInteger(s) &&
    (d === undefined || (typeof d === 'object' && d !== null))
  )
}

/** The entries of a stored shard, or null when the value is missing, cut short or not the one recorded. */
export function readShard(text: string | null, record: ShardRecord): StoredEntry[] | null {
  if (typeof text !== 'string' || utf8Bytes(text) !== record.bytes) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (!Array.isArray(parsed) || parsed.length !== record.count || !parsed.every(isStoredEntry)) return null
  return parsed
}

/** Bytes taken by all the distinct shards of the given sets. */
export function totalBytes(...sets: readonly (readonly ShardRecord[])[]): number {
  const byKey = new Map<string, number>()
  sets.forEach((shards) => shards.forEach((shard) => byKey.set(shard.key, shard.bytes)))
  let total = 0
  byKey.forEach((bytes) => (total += bytes))
  return total
}
