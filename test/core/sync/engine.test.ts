import { decide, emptyLocal, nextRequest, startOver, step, type LocalContent } from '../../../src/core/sync/engine'
import type { ChangesPage } from '../../../src/core/sync/protocol'
import { emptyState } from '../../../src/core/sync/state'
import { at, Feed, ids, policy, sync } from './feed'

function feedOf(count: number): Feed {
  const feed = new Feed()
  for (let n = 1; n <= count; n += 1) feed.put('policy', `p${n}`, policy(`政策${n}`))
  return feed
}

const page = (over: Partial<ChangesPage> = {}): ChangesPage => ({
  epoch: 'e1',
  schema: 1,
  minClientSchema: 1,
  items: [],
  cursor: 'e1:9',
  hasMore: false,
  ...over,
})

describe('what an answer calls for', () => {
  const state = { ...emptyState(), epoch: 'e1', cursor: 'e1:5' }
  const from = { since: 'e1:5', etag: null }

  it.each([
    ['no network', { kind: 'unreachable' as const }, { type: 'retry-later', reason: 'offline' }],
    ['a server error', { kind: 'failed' as const, status: 503 }, { type: 'retry-later', reason: 'error' }],
    ['304', { kind: 'not-modified' as const }, { type: 'done' }],
    ['410', { kind: 'gone' as const }, { type: 'reset' }],
  ])('%s', (_, response, action) => {
    expect(decide(response, from, state, 1)).toEqual(action)
  })

  it('a 410 for the very beginning is a server fault, not a reason to start over again', () => {
    expect(decide({ kind: 'gone' }, { since: null, etag: null }, emptyState(), 1)).toEqual({ type: 'retry-later', reason: 'error' })
  })

  it('a page of another epoch for a cursor of ours means starting over', () => {
    expect(decide({ kind: 'page', page: page({ epoch: 'e2' }), etag: null }, from, state, 1)).toEqual({ type: 'reset' })
  })

  it('"more" with a cursor that did not move is an error, not an endless loop', () => {
    expect(decide({ kind: 'page', page: page({ cursor: 'e1:5', hasMore: true }), etag: null }, from, state, 1)).toEqual({
      type: 'retry-later',
      reason: 'error',
    })
  })

  it('a page that needs a newer app is not applied', () => {
    const response = { kind: 'page' as const, page: page({ minClientSchema: 2, items: [{ id: 'x', type: 'policy', seq: 9, deleted: true }] }), etag: null }
    expect(decide(response, from, state, 1)).toEqual({ type: 'outdated', minClientSchema: 2 })
  })
})

describe('a sync from nothing', () => {
  it('applies every page, moving the cursor after each, until the server has no more', () => {
    const { local, steps } = sync(emptyLocal(), feedOf(5), { limit: 2 })
    expect(steps.map((s) => s.action.type)).toEqual(['apply', 'apply', 'apply'])
    expect(steps.map((s) => s.local.main.cursor)).toEqual(['e1:2', 'e1:4', 'e1:5'])
    expect(ids(local)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5'])
    expect(local.main.lastSyncedAt).toBe(at(5))
    expect(local.pending).toBeNull()
  })
})

describe('an interrupted sync', () => {
  it('resumes from the saved cursor after a crash: nothing lost, nothing doubled', () => {
    const feed = feedOf(5)
    // Page 1 is applied and saved, then the app dies before page 2 arrives.
    const { local: saved } = sync(emptyLocal(), feed, { maxSteps: 1, limit: 2 })
    expect(ids(saved)).toEqual(['p1', 'p2'])
    expect(saved.main.lastSyncedAt).toBeNull()

    // Meanwhile the bureau edits one that was synced and withdraws one that was not.
    feed.put('policy', 'p1', policy('政策1（修订）')).remove('policy', 'p4')
    const { local, steps } = sync(saved, feed, { limit: 2 })
    expect(steps[0].action.type).toBe('apply')
    expect(nextRequest(saved).since).toBe('e1:2')
    expect(ids(local)).toEqual(['p1', 'p2', 'p3', 'p5'])
    expect(local.main.items.policy.get('p1')?.data.title).toBe('政策1（修订）')
  })

  it('keeps everything when the network fails halfway', () => {
    const { local: saved } = sync(emptyLocal(), feedOf(5), { maxSteps: 1 })
    const result = step(saved, nextRequest(saved), { kind: 'unreachable' }, { clientSchema: 1, now: at(9) })
    expect(result.local).toBe(saved)
  })
})

describe('tombstones', () => {
  it('remove what was synced before, and are not sent to a phone starting from nothing', () => {
    const feed = feedOf(3)
    const { local: before } = sync(emptyLocal(), feed, { limit: 10 })
    feed.remove('policy', 'p2')
    const { local: after } = sync(before, feed)
    expect(ids(after)).toEqual(['p1', 'p3'])
    expect(ids(sync(emptyLocal(), feed).local)).toEqual(['p1', 'p3'])
  })
})

describe('410: the cursor is no longer valid', () => {
  function synced(): { feed: Feed; local: LocalContent } {
    const feed = feedOf(4)
    return { feed, local: sync(emptyLocal(), feed, { limit: 10, now: at(1) }).local }
  }

  it('keeps showing the old content until the full re-sync completes, then replaces it', () => {
    const { feed, local: before } = synced()
    feed.remove('policy', 'p1').put('policy', 'p9', policy('新政策')).newEpoch('e2')

    const { local: midway, steps } = sync(before, feed, { maxSteps: 2, limit: 2, now: at(7) })
    expect(steps.map((s) => s.action.type)).toEqual(['reset', 'apply'])
    expect(ids(midway)).toEqual(['p1', 'p2', 'p3', 'p4'])
    expect(midway.main.lastSyncedAt).toBe(at(1))
    expect(midway.main.cursor).toBeNull()
    expect(midway.pending?.cursor).toBe('e2:2')

    const { local: after } = sync(midway, feed, { limit: 2, now: at(8) })
    expect(ids(after)).toEqual(['p2', 'p3', 'p4', 'p9'])
    expect(after.main).toMatchObject({ epoch: 'e2', cursor: 'e2:4', lastSyncedAt: at(8) })
    expect(after.pending).toBeNull()
  })

  it('starts the re-sync over when the server changes epoch again during it', () => {
    const { feed, local: before } = synced()
    feed.newEpoch('e2')
    const { local: midway } = sync(before, feed, { maxSteps: 2, limit: 1 })
    feed.put('policy', 'p5', policy('政策5')).newEpoch('e3')
    const { local: after, steps } = sync(midway, feed, { limit: 1 })
    expect(steps[0].action.type).toBe('reset')
    expect(ids(after)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5'])
    expect(after.main.epoch).toBe('e3')
  })

  it('without content to keep, downloads straight into what is shown', () => {
    const local = startOver({ ...emptyLocal(), main: { ...emptyState(), epoch: 'e1', cursor: 'e1:3' } })
    expect(local.pending).toBeNull()
    expect(local.main.cursor).toBeNull()
  })
})

describe('the schema gate', () => {
  it('applies nothing and remembers that the app is too old', () => {
    const feed = feedOf(2)
    const { local: before } = sync(emptyLocal(), feed)
    feed.put('policy', 'p3', policy('需要新版本')).minClientSchema = 2
    const { local, steps } = sync(before, feed)
    expect(steps.map((s) => s.action)).toEqual([{ type: 'outdated', minClientSchema: 2 }])
    expect(local.main).toBe(before.main)
    expect(local.blockedSchema).toBe(2)

    feed.minClientSchema = 1
    expect(sync(local, feed).local.blockedSchema).toBeNull()
  })
})

describe('conditional requests', () => {
  it('sends the ETag back only for the cursor it was given for', () => {
    const feed = feedOf(1)
    const { local } = sync(emptyLocal(), feed)
    const request = nextRequest(local)
    // The answer for the current cursor (nothing new) carries an ETag.
    const empty = feed.respond(request.since)
    const tagged = step(local, request, { ...empty, etag: '"v1"' } as typeof empty, { clientSchema: 1, now: at(6) })
    expect(nextRequest(tagged.local)).toEqual({ since: 'e1:1', etag: '"v1"' })
    const unchanged = step(tagged.local, nextRequest(tagged.local), { kind: 'not-modified' }, { clientSchema: 1, now: at(9) })
    expect(unchanged.action).toEqual({ type: 'done' })
    expect(unchanged.local.main.lastSyncedAt).toBe(at(9))

    feed.put('policy', 'p2', policy('政策2'))
    const moved = sync(unchanged.local, feed).local
    expect(nextRequest(moved)).toEqual({ since: 'e1:2', etag: null })
  })
})
