import type { ChangeItem, ChangesPage } from '../../../src/core/sync/protocol'
import { applyItems, applyPage, emptyState, hasItems, knownSeq } from '../../../src/core/sync/state'
import { at, policy } from './feed'

const upsert = (id: string, seq: number, title = id): ChangeItem => ({ id, type: 'policy', seq, deleted: false, data: policy(title) })
const tombstone = (id: string, seq: number): ChangeItem => ({ id, type: 'policy', seq, deleted: true })

function page(items: ChangeItem[], cursor: string, hasMore = false): ChangesPage {
  return { epoch: 'e1', schema: 1, minClientSchema: 1, items, cursor, hasMore }
}

describe('applying changes to the local content', () => {
  it('adds and replaces items by id', () => {
    const state = applyItems(emptyState(), [upsert('a', 1, '旧标题'), upsert('b', 2), upsert('a', 3, '新标题')])
    expect([...state.items.policy.keys()].sort()).toEqual(['a', 'b'])
    expect(state.items.policy.get('a')).toEqual({ seq: 3, data: policy('新标题') })
  })

  it('removes an item on its tombstone and remembers the deletion', () => {
    const state = applyItems(applyItems(emptyState(), [upsert('a', 1), upsert('b', 2)]), [tombstone('a', 3)])
    expect([...state.items.policy.keys()]).toEqual(['b'])
    expect(knownSeq(state, 'policy', 'a')).toBe(3)
  })

  it('ignores an older copy, whether of a live or of a deleted item', () => {
    const state = applyItems(emptyState(), [upsert('a', 5, '新'), tombstone('b', 6)])
    const after = applyItems(state, [upsert('a', 4, '旧'), upsert('b', 2), upsert('a', 5, '同一版本')])
    expect(after).toBe(state)
    expect(after.items.policy.get('a')?.data.title).toBe('新')
    expect(after.items.policy.has('b')).toBe(false)
  })

  it('revives a deleted id only with a newer seq', () => {
    const state = applyItems(emptyState(), [upsert('a', 1), tombstone('a', 2), upsert('a', 3, '重新发布')])
    expect(state.items.policy.get('a')?.data.title).toBe('重新发布')
    expect(state.tombstones.policy.has('a')).toBe(false)
  })

  it('gives the same state when the same page is applied twice', () => {
    const first = applyPage(emptyState(), page([upsert('a', 1), upsert('b', 2), tombstone('c', 3)], 'e1:3'), at(1))
    const again = applyPage(first, page([upsert('a', 1), upsert('b', 2), tombstone('c', 3)], 'e1:3'), at(1))
    expect(again).toEqual(first)
    expect(again.items).toBe(first.items)
  })

  it('shares the maps of untouched types, so readers see what changed by identity', () => {
    const base = applyItems(emptyState(), [upsert('a', 1), { id: '2026', type: 'calendar', seq: 2, deleted: false, data: { year: 2026, source: '国办发明电〔2025〕7号', holidays: [], workdays: [] } }])
    const next = applyItems(base, [upsert('a', 3, '改')])
    expect(next.items.policy).not.toBe(base.items.policy)
    expect(next.items.calendar).toBe(base.items.calendar)
    expect(next.items.quiz_question).toBe(base.items.quiz_question)
  })

  it('moves the cursor with each page and records the sync time only on the last one', () => {
    const first = applyPage(emptyState(), page([upsert('a', 1)], 'e1:1', true), at(1))
    expect(first).toMatchObject({ epoch: 'e1', cursor: 'e1:1', lastSyncedAt: null })
    const last = applyPage(first, page([upsert('b', 2)], 'e1:2'), at(2))
    expect(last).toMatchObject({ cursor: 'e1:2', lastSyncedAt: at(2) })
    expect(hasItems(last)).toBe(true)
    expect(hasItems(emptyState())).toBe(false)
  })
})
