import { entryKey, planShards, readShard, totalBytes, utf8Bytes, type PlacedShard, type ShardLimits } from '../../../src/core/sync/shards'
import type { ChangeItem } from '../../../src/core/sync/protocol'
import { applyItems, applyPage, emptyState, type ContentState } from '../../../src/core/sync/state'
import { at, policy } from './feed'

const limits: ShardLimits = { targetBytes: 1000, keyBytes: 1500 }

function keys() {
  let n = 0
  return () => `k${n++}`
}

function stateOf(count: number, bodyChars = 30): ContentState {
  const items: ChangeItem[] = []
  for (let n = 1; n <= count; n += 1) {
    items.push({ id: `p${n}`, type: 'policy', seq: n, deleted: false, data: policy(`政策${n}`, { summary: '字'.repeat(bodyChars) }) })
  }
  return applyPage(emptyState(), { epoch: 'e1', schema: 1, minClientSchema: 1, items, cursor: `e1:${count}`, hasMore: false }, at(1))
}

describe('UTF-8 byte count', () => {
  it.each([
    ['abc', 3],
    ['é', 2],
    ['工资', 6],
    ['𠀀', 4],
    ['\ud800', 3],
  ])('%s is %i bytes', (text, bytes) => {
    expect(utf8Bytes(text)).toBe(bytes)
  })

  it('agrees with an encoder on mixed text', () => {
    const text = JSON.stringify({ t: '劳动合同法 第八十二条 “双倍工资” 😀 ok' })
    expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length)
  })
})

describe('planning shards', () => {
  it('cuts content into shards under the target, each a JSON array that reads back', () => {
    const state = stateOf(12)
    const plan = planShards([], state, keys(), limits)
    expect(plan).not.toBeNull()
    const { shards, writes } = plan!
    expect(shards.length).toBeGreaterThan(2)
    expect(Math.max(...shards.map((s) => s.count))).toBeGreaterThan(1)
    writes.forEach(({ key, text }) => {
      const shard = shards.find((s) => s.key === key)!
      expect(utf8Bytes(text)).toBe(shard.bytes)
      expect(shard.bytes).toBeLessThanOrEqual(limits.targetBytes)
      expect(readShard(text, shard)).toHaveLength(shard.count)
    })
    expect(shards.reduce((sum, s) => sum + s.count, 0)).toBe(12)
    expect(totalBytes(shards)).toBe(writes.reduce((sum, w) => sum + utf8Bytes(w.text), 0))
  })

  it('writes nothing when nothing changed', () => {
    const state = stateOf(12)
    const first = planShards([], state, keys(), limits)!
    expect(planShards(first.shards, { ...state, cursor: 'e1:99' }, keys(), limits)).toEqual({ shards: first.shards, writes: [] })
  })

  it('rewrites only the shard of a changed item, plus the small tail', () => {
    const state = stateOf(12)
    const first = planShards([], state, keys(), limits)!
    const changed = applyItems(state, [{ id: 'p1', type: 'policy', seq: 13, deleted: false, data: policy('政策1（修订）') }])
    const second = planShards(first.shards, changed, keys(), limits)!
    const kept = second.shards.filter((s) => first.shards.includes(s))
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.some((s) => s.members.has(entryKey('policy', 'p1')))).toBe(false)
    const rewritten = second.writes.flatMap(({ text }) => JSON.parse(text) as { i: string }[]).map((e) => e.i)
    expect(rewritten).toContain('p1')
    expect(rewritten.length).toBeLessThan(12)
    const all = second.shards.flatMap((s) => [...s.members.keys()])
    expect(new Set(all).size).toBe(all.length)
    expect(all).toHaveLength(12)
  })

  it('never reuses a shard of another epoch, where the same seq means something else', () => {
    const state = stateOf(3)
    const first = planShards([], state, keys(), limits)!
    const second = planShards(first.shards, { ...state, epoch: 'e2' }, keys(), limits)!
    expect(second.shards.some((s) => first.shards.includes(s))).toBe(false)
  })

  it('stores an entry above the target alone, and refuses one above the per-key limit', () => {
    const big = stateOf(1, 150)
    const plan = planShards([], big, keys(), { targetBytes: 500, keyBytes: 1500 })!
    expect(plan.shards).toHaveLength(1)
    expect(plan.shards[0].bytes).toBeGreaterThan(500)
    expect(planShards([], stateOf(1, 500), keys(), { targetBytes: 500, keyBytes: 1500 })).toBeNull()
  })

  it('keeps tombstones, so that an older copy cannot come back after a restart', () => {
    const state = applyItems(stateOf(2), [{ id: 'p1', type: 'policy', seq: 3, deleted: true }])
    const { writes, shards } = planShards([], state, keys(), limits)!
    const entries = writes.flatMap(({ text }) => JSON.parse(text) as { i: string; s: number; d?: unknown }[])
    expect(entries.find((e) => e.i === 'p1')).toEqual({ t: 'policy', i: 'p1', s: 3 })
    expect(shards.reduce((sum, s) => sum + s.count, 0)).toBe(2)
  })
})

describe('reading a shard back', () => {
  const shard: PlacedShard = { key: 'k', bytes: 0, count: 1, epoch: 'e1', members: new Map() }
  const text = JSON.stringify([{ t: 'policy', i: 'a', s: 1, d: policy('a') }])
  const record = { ...shard, bytes: utf8Bytes(text) }

  it('accepts the value the manifest recorded', () => {
    expect(readShard(text, record)).toHaveLength(1)
  })

  it.each([
    ['missing', null],
    ['cut short', text.slice(0, -1)],
    ['of an unknown type', text.replace('policy', 'polica')],
    ['not JSON', 'x'.repeat(utf8Bytes(text))],
  ])('rejects a value that is %s', (_, value) => {
    expect(readShard(value, record)).toBeNull()
  })
})
