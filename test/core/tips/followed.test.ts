import { afterCheck, hasNews, parseFollowed } from '../../../src/core/tips/followed'

const submitted = { status: 'submitted', timeline: [{}] }
const accepted = { status: 'accepted', timeline: [{}, {}] }
const closed = { status: 'closed', timeline: [{}, {}, {}, {}] }

describe('followed reports', () => {
  it('marks a change the reporter has not seen, until the status page shows it', () => {
    const first = afterCheck(undefined, submitted, 1, false)
    expect(first).toEqual({ status: 'submitted', changes: 0, seenChanges: 0, checkedAt: 1 })
    expect(hasNews(first)).toBe(false)

    const later = afterCheck(first, accepted, 2, false)
    expect(later.status).toBe('accepted')
    expect(hasNews(later)).toBe(true)

    const seen = afterCheck(later, accepted, 3, true)
    expect(hasNews(seen)).toBe(false)
    expect(hasNews(afterCheck(seen, closed, 4, false))).toBe(true)
    expect(hasNews(afterCheck(seen, accepted, 5, false))).toBe(false)
  })

  it('has no news of a report never checked', () => {
    expect(hasNews(undefined)).toBe(false)
  })

  it('keeps only whole entries from storage', () => {
    const good = { status: 'closed', changes: 3, seenChanges: 1, checkedAt: 9 }
    expect(parseFollowed({ A: good, B: { status: 'closed' }, C: null, D: { ...good, changes: 1.5 } })).toEqual({ A: good })
    expect(parseFollowed('x')).toEqual({})
    expect(parseFollowed([good])).toEqual({})
  })
})
