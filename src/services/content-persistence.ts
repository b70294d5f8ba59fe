/**
 * Synced content in device storage: shards (src/core/sync/shards.ts) under keys that are never
 * reused, and one manifest naming them. A save writes the new shards, then the manifest, then
 * removes the shards no longer named, so that a crash at any point leaves the old manifest with
 * its complete set of shards, or the new one with its own.
 */
import { CONTENT_TYPES } from '../core/content/model'
import type { LocalContent } from '../core/sync/engine'
import { headOf, parseManifest, restoreContent, type ContentManifest, type Restored } from '../core/sync/manifest'
import { CONTENT_BUDGET_BYTES, planShards, totalBytes, type PlacedShard, type ShardPlan } from '../core/sync/shards'
import { readStored, removeStored, storedKeys, writeStored } from './storage'

const MANIFEST_KEY = 'pufa.content.manifest'
const SHARD_PREFIX = 'pufa.content.shard.'
type ShardKey = `${typeof SHARD_PREFIX}${string}`

/** What is on the device now: the shards the next save may keep, and the keys the manifest names. */
export interface Persisted {
  generation: number
  pool: PlacedShard[]
  keys: ReadonlySet<string>
}

export type SaveResult = { ok: true; persisted: Persisted } | { ok: false; problem: 'storage-full' | 'write-failed' }

// Two H5 tabs may save the same generation at once; a tag of their own keeps their keys apart.
const writerTag = Math.random().toString(36).slice(2, 8)

function shardKeysOf(manifest: ContentManifest | null): Set<string> {
  if (manifest === null) return new Set()
  return new Set([...manifest.main.shards, ...(manifest.pending?.shards ?? [])].map((shard) => shard.key))
}

function isShardKey(key: string): key is ShardKey {
  return key.startsWith(SHARD_PREFIX)
}

export interface LoadedContent extends Restored {
  persisted: Persisted
}

/** The content on the device, as consistent as it can be made (see restoreContent), without touching the network. */
export function loadContent(): LoadedContent {
  const manifest = parseManifest(readStored(MANIFEST_KEY))
  const restored = restoreContent(manifest, (key) => (isShardKey(key) ? readStored(key) : null))
  const keys = shardKeysOf(manifest)
  // Shards of a save that crashed before its manifest was written belong to nothing.
  storedKeys().forEach((key) => {
    if (isShardKey(key) && !keys.has(key)) removeStored(key)
  })
  return { ...restored, persisted: { generation: restored.generation, pool: restored.pool, keys } }
}

/** Saves `local`, reusing every shard of `previous` that is still current. Nothing changes on failure. */
export function saveContent(local: LocalContent, previous: Persisted): SaveResult {
  const generation = previous.generation + 1
  let count = 0
  const newKey = (): ShardKey => `${SHARD_PREFIX}${generation}-${writerTag}.${count++}`
  const main = planShards(previous.pool, local.main, newKey)
  const pending: ShardPlan | null = local.pending === null ? { shards: [], writes: [] } : planShards(previous.pool, local.pending, newKey)
  if (main === null || pending === null) return { ok: false, problem: 'write-failed' }
  if (totalBytes(main.shards, pending.shards) > CONTENT_BUDGET_BYTES) return { ok: false, problem: 'storage-full' }

  const written: ShardKey[] = []
  const undo = (): SaveResult => {
    written.forEach((key) => removeStored(key))
    return { ok: false, problem: 'write-failed' }
  }
  for (const { key, text } of [...main.writes, ...pending.writes]) {
    if (!writeStored(key as ShardKey, text)) return undo()
    written.push(key as ShardKey)
  }
  const manifest: ContentManifest = {
    format: 1,
    generation,
    main: headOf(local.main, main.shards),
    pending: local.pending === null ? null : headOf(local.pending, pending.shards),
    blockedSchema: local.blockedSchema,
    types: [...CONTENT_TYPES],
  }
  if (!writeStored(MANIFEST_KEY, manifest)) return undo()

  const keys = shardKeysOf(manifest)
  previous.keys.forEach((key) => {
    if (!keys.has(key) && isShardKey(key)) removeStored(key)
  })
  return { ok: true, persisted: { generation, pool: [...main.shards, ...pending.shards], keys } }
}
