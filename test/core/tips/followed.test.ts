import { afterCheck, hasNewMessages, hasNews, parseFollowed } from '../../../src/core/tips/followed'

const submitted = { status: 'submitted', timeline: [{}] }
const accepted = { status: 'accepted', timeline: [{}, {}] }
const closed = { status: 'closed', timeline: [{}, {}, {}, {}] }

describe('followed reports', () => {
  it('marks a change the reporter has not seen, until the status page shows it', () => {
    const first = afterCheck(undefined, submitted, 1, false)
    expect(first).toEqual({ status: 'submitted', changes: 0, seenChanges: 0, checkedAt: 1, staffMessageAt: null, seenStaffMessageAt: null })
    expect(hasNews(first)).toBe(false)

    const later = afterCheck(first, accepted, 2, false)
    expect(later.status).toBe('accepted')
    expect(hasNews(later)).toBe(true)

    const seen = afterCheck(later, accepted, 3, true)
    expect(hasNews(seen)).toBe(false)
    expect(hasNews(afterCheck(seen, closed, 4, false))).toBe(true)
    expect(hasNews(afterCheck(seen, accepted, 5, false))).toBe(false)
  })

  it('marks a staff message newer than the last one seen on the status page', () => {
    const quiet = afterCheck(undefined, { ...accepted, messages: { latestStaffAt: null } }, 1, false)
    expect(hasNewMessages(quiet)).toBe(false)
    const asked = afterCheck(quiet, { ...accepted, messages: { latestStaffAt: '2026-12-01T02:00:00.000Z' } }, 2, false)
    expect(hasNewMessages(asked)).toBe(true)
    // A change of status alone is not a message, and the other way round.
    expect(hasNews(asked)).toBe(hasNews(quiet))
    const seen = afterCheck(asked, { ...accepted, messages: { latestStaffAt: '2026-12-01T02:00:00.000Z' } }, 3, true)
    expect(hasNewMessages(seen)).toBe(false)
    expect(hasNewMessages(afterCheck(seen, { ...accepted, messages: { latestStaffAt: '2026-12-01T02:00:00.000Z' } }, 4, false))).toBe(false)
    expect(hasNewMessages(afterCheck(seen, { ...accepted, messages: { latestStaffAt: '2026-12-02T02:00:00.000Z' } }, 5, false))).toBe(true)
    // An older service says nothing of messages: nothing to mark.
    expect(hasNewMessages(afterCheck(undefined, accepted, 6, false))).toBe(false)
  })

  it('has no news of a report never checked', () => {
    expect(hasNews(undefined)).toBe(false)
  })

  it('keeps only whole entries from storage', () => {
    // An entry stored before messages existed has none.
    const good = { status: 'closed', changes: 3, seenChanges: 1, checkedAt: 9 }
    const withMessages = { ...good, staffMessageAt: '2026-12-01T02:00:00.000Z', seenStaffMessageAt: null }
    expect(parseFollowed({ A: good, B: { status: 'closed' }, C: null, D: { ...good, changes: 1.5 }, E: withMessages })).toEqual({
      A: { ...good, staffMessageAt: null, seenStaffMessageAt: null },
      E: withMessages,
    })
    expect(parseFollowed('x')).toEqual({})
    expect(parseFollowed([good])).toEqual({})
  })
})
