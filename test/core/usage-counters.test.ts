import {
  addCount,
  isUsageMetric,
  nextBatch,
  oldestCountedDay,
  pendingTotal,
  restoreCounts,
  USAGE_METRICS,
  withoutRefused,
  withoutSent,
  type UsageCount,
} from '../../src/core/usage-counters'

const TODAY = '2026-12-06'

const read = (subject: string, day = TODAY, count = 1): UsageCount => ({ metric: 'policy_read', subject, day, count })

describe('usage counters', () => {
  it('names exactly the three metrics the figures read', () => {
    expect(USAGE_METRICS).toEqual(['policy_read', 'practice_answered', 'practice_right'])
    expect(isUsageMetric('practice_right')).toBe(true)
    expect(isUsageMetric('page_view')).toBe(false)
  })

  it('merges each event into the count of its metric, subject and day', () => {
    let counts: UsageCount[] = []
    counts = addCount(counts, 'policy_read', 'policy-a', TODAY)
    counts = addCount(counts, 'policy_read', 'policy-a', TODAY)
    counts = addCount(counts, 'practice_answered', '工资支付', TODAY)
    counts = addCount(counts, 'policy_read', 'policy-a', '2026-12-07')
    counts = addCount(counts, 'practice_right', '工资支付', TODAY)
    expect(counts).toEqual([
      read('policy-a', TODAY, 2),
      { metric: 'practice_answered', subject: '工资支付', day: TODAY, count: 1 },
      read('policy-a', '2026-12-07'),
      { metric: 'practice_right', subject: '工资支付', day: TODAY, count: 1 },
    ])
    expect(pendingTotal(counts)).toBe(5)
  })

  it('stops an entry at the most the service takes for one', () => {
    expect(addCount([read('policy-a', TODAY, 1000)], 'policy_read', 'policy-a', TODAY)).toEqual([read('policy-a', TODAY, 1000)])
  })

  it('batches at most 200 entries, of the 14 days the service still takes', () => {
    expect(oldestCountedDay(TODAY)).toBe('2026-11-23')
    const many = Array.from({ length: 250 }, (_, i) => read(`policy-${i}`))
    const counts = [read('stale', '2026-11-22'), read('oldest', '2026-11-23'), read('tomorrow', '2026-12-07'), ...many]
    const batch = nextBatch(counts, TODAY)
    expect(batch).toHaveLength(200)
    expect(batch[0]).toEqual(read('oldest', '2026-11-23'))
    expect(batch.map((entry) => entry.subject)).not.toContain('stale')
    expect(batch.map((entry) => entry.subject)).not.toContain('tomorrow')
  })

  it('once the service took a batch, keeps only what was counted while it was on its way', () => {
    const sent = [read('policy-a', TODAY, 2), read('policy-b')]
    const now = [read('policy-a', TODAY, 3), read('policy-b'), read('policy-c')]
    expect(withoutSent(now, sent)).toEqual([read('policy-a', TODAY, 1), read('policy-c')])
  })

  it('drops the entries the service refused by name, keeps the rest; drops the whole batch when none is named', () => {
    const sent = [read('policy-a'), read('bad id'), read('policy-c')]
    const later = [...sent, read('policy-d')]
    expect(withoutRefused(later, sent, { 'counts.1.subject': '统计对象（subject）应为政策解读的编号' })).toEqual([read('policy-a'), read('policy-c'), read('policy-d')])
    expect(withoutRefused(later, sent, {})).toEqual([read('policy-d')])
    expect(withoutRefused(later, sent, { counts: '计数（counts）一次最多 200 项' })).toEqual([read('policy-d')])
  })

  it('restores from storage only whole entries of the days still counted, merged', () => {
    const raw = [
      read('policy-a', TODAY, 2),
      read('policy-a', TODAY, 3),
      read('stale', '2026-11-22'),
      read('tomorrow', '2026-12-07'),
      { ...read('policy-b'), count: 0 },
      { ...read('policy-b'), metric: 'page_view' },
      { ...read('policy-b'), day: '6 Dec' },
      { ...read('policy-b'), subject: '' },
      null,
      'policy-b',
      read('policy-c'),
    ]
    expect(restoreCounts(raw, TODAY)).toEqual([read('policy-a', TODAY, 5), read('policy-c')])
    expect(restoreCounts({ 'policy-a': 1 }, TODAY)).toEqual([])
    expect(restoreCounts(null, TODAY)).toEqual([])
  })
})
