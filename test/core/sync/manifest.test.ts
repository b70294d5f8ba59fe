import { CONTENT_TYPES } from '../../../src/core/content/model'
import { emptyLocal, type LocalContent } from '../../../src/core/sync/engine'
import { headOf, parseManifest, restoreContent, type ContentManifest } from '../../../src/core/sync/manifest'
import { planShards, type ShardPlan } from '../../../src/core/sync/shards'
import { at, Feed, ids, policy, sync } from './feed'

const limits = { targetBytes: 600, keyBytes: 1500 }

/** What a save would leave on the device: the shard values and the manifest. */
function saved(local: LocalContent): { manifest: ContentManifest; values: Map<string, string> } {
  let n = 0
  const newKey = () => `s${n++}`
  const main = planShards([], local.main, newKey, limits) as ShardPlan
  const pending = local.pending && (planShards([], local.pending, newKey, limits) as ShardPlan)
  const values = new Map([...main.writes, ...(pending?.writes ?? [])].map(({ key, text }) => [key, text]))
  const manifest: ContentManifest = {
    format: 1,
    generation: 7,
    main: headOf(local.main, main.shards),
    pending: local.pending && pending ? headOf(local.pending, pending.shards) : null,
    blockedSchema: local.blockedSchema,
    types: [...CONTENT_TYPES],
  }
  return { manifest, values }
}

function synced(count = 6): LocalContent {
  const feed = new Feed()
  for (let n = 1; n <= count; n += 1) feed.put('policy', `p${n}`, policy(`政策${n}`))
  feed.remove('policy', 'p6')
  return sync(emptyLocal(), feed, { limit: 100, now: at(3) }).local
}

describe('restoring stored content', () => {
  it('gives back exactly what was saved, tombstones included', () => {
    const local = synced()
    const { manifest, values } = saved(local)
    expect(manifest.main.shards.length).toBeGreaterThan(1)
    const restored = restoreContent(manifest, (key) => values.get(key) ?? null)
    expect(restored.damaged).toBe(false)
    expect(restored.generation).toBe(7)
    expect(restored.local).toEqual(local)
    expect(restored.pool.map((s) => s.key).sort()).toEqual([...values.keys()].sort())
  })

  it('downloads everything again when the content was synced by an app that did not know every type', () => {
    const local = synced()
    const { manifest, values } = saved(local)
    for (const types of [undefined, CONTENT_TYPES.filter((type) => type !== 'glossary')]) {
      const restored = restoreContent({ ...manifest, types }, (key) => values.get(key) ?? null)
      expect(restored.damaged).toBe(false)
      // What was there stays shown until the full download completes.
      expect(ids(restored.local)).toEqual(ids(local))
      expect(restored.local.main).toMatchObject({ cursor: null, etag: null, lastSyncedAt: at(3) })
      expect(restored.local.pending).toMatchObject({ cursor: null, epoch: null })
    }
    expect(parseManifest({ ...manifest, types: 'policy' })).toBeNull()
  })

  it('starts empty without a manifest', () => {
    expect(restoreContent(null, () => null)).toEqual({ local: emptyLocal(), pool: [], generation: 0, damaged: false })
  })

  it('keeps the intact shards when one is missing, drops the cursor and plans a full re-sync', () => {
    const local = synced()
    const { manifest, values } = saved(local)
    const lost = manifest.main.shards[0]
    values.delete(lost.key)
    const restored = restoreContent(manifest, (key) => values.get(key) ?? null)
    expect(restored.damaged).toBe(true)
    expect(ids(restored.local).length).toBe(5 - lost.count)
    expect(ids(restored.local).length).toBeGreaterThan(0)
    expect(restored.local.main).toMatchObject({ cursor: null, etag: null, lastSyncedAt: at(3) })
    expect(restored.local.pending).toMatchObject({ cursor: null, epoch: null })
    expect(restored.pool.some((s) => s.key === lost.key)).toBe(false)
  })

  it('treats a shard whose value was replaced or cut like a missing one', () => {
    const { manifest, values } = saved(synced())
    const [first, second] = manifest.main.shards
    values.set(first.key, values.get(first.key)!.slice(0, -2))
    values.set(second.key, values.get(manifest.main.shards[2].key)!)
    const restored = restoreContent(manifest, (key) => values.get(key) ?? null)
    expect(restored.damaged).toBe(true)
    expect(restored.local.main.cursor).toBeNull()
  })

  it('restarts a damaged re-sync from the beginning, keeping the content shown', () => {
    const local = synced()
    const resyncing: LocalContent = { ...local, main: { ...local.main, cursor: null }, pending: { ...synced(2).main, cursor: 'e1:2', lastSyncedAt: null } }
    const { manifest, values } = saved(resyncing)
    values.delete(manifest.pending!.shards[0].key)
    const restored = restoreContent(manifest, (key) => values.get(key) ?? null)
    expect(ids(restored.local)).toEqual(ids(local))
    expect(restored.local.pending).toMatchObject({ cursor: null, epoch: null })
  })

  it('remembers that the server wanted a newer app', () => {
    const { manifest, values } = saved({ ...synced(), blockedSchema: 3 })
    expect(restoreContent(manifest, (key) => values.get(key) ?? null).local.blockedSchema).toBe(3)
  })
})

describe('reading the manifest', () => {
  it('accepts what a save writes, and nothing that is not one', () => {
    const { manifest } = saved(synced())
    expect(parseManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest)
    expect(parseManifest(null)).toBeNull()
    expect(parseManifest('')).toBeNull()
    expect(parseManifest({ ...manifest, format: 2 })).toBeNull()
    expect(parseManifest({ ...manifest, main: { ...manifest.main, shards: [{ key: 1 }] } })).toBeNull()
    expect(parseManifest({ ...manifest, generation: -1 })).toBeNull()
  })
})
