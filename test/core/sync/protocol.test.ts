import { parseChangesPage } from '../../../src/core/sync/protocol'
import { policy } from './feed'

const valid = {
  epoch: 'e1',
  schema: 1,
  minClientSchema: 1,
  items: [
    { id: 'p1', type: 'policy', seq: 1, deleted: false, data: policy('工资支付') },
    { id: 'p2', type: 'policy', seq: 2, deleted: true },
  ],
  cursor: 'e1:2',
  hasMore: false,
}

describe('reading a page of changes', () => {
  it('accepts a page that follows the contract', () => {
    expect(parseChangesPage(valid)).toEqual(valid)
  })

  it('drops items of a type this app does not know, and keeps the rest', () => {
    const page = parseChangesPage({ ...valid, items: [...valid.items, { id: 'v', type: 'video', seq: 3, deleted: false, data: {} }] })
    expect(page?.items.map((item) => item.id)).toEqual(['p1', 'p2'])
  })

  it.each([
    ['not an object', 'oops'],
    ['no cursor', { ...valid, cursor: '' }],
    ['no epoch', { ...valid, epoch: undefined }],
    ['hasMore missing', { ...valid, hasMore: undefined }],
    ['items not a list', { ...valid, items: {} }],
    ['an item without data', { ...valid, items: [{ id: 'p1', type: 'policy', seq: 1, deleted: false }] }],
    ['a negative seq', { ...valid, items: [{ id: 'p1', type: 'policy', seq: -1, deleted: true }] }],
    ['a fractional schema', { ...valid, minClientSchema: 1.5 }],
  ])('rejects %s', (_, body) => {
    expect(parseChangesPage(body)).toBeNull()
  })
})
