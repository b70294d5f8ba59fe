import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { RATE_RULES, RateLimiter } from '../../server/rate-limit'
import { SQLITE, useApp } from './storage'

describe('RateLimiter', () => {
  it('lets a client make `limit` requests per window, then says how long to wait', () => {
    let now = 1_000_000
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, action: '查询进度' }, () => now)
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0])
    now += 15_000
    expect(limiter.take('a')).toBe(45)
    expect(limiter.take('b')).toBe(0)
    now += 45_000
    expect(limiter.take('a')).toBe(0)
  })
})

describe('rate limits over HTTP', () => {
  const { app } = useApp(SQLITE)

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  it('answers 429 with Retry-After and plain Chinese once a client sends too many reports, and stores nothing more', async () => {
    const { limit } = RATE_RULES.tips
    const statuses: number[] = []
    for (let index = 0; index <= limit; index += 1) {
      const response = await app().inject({
        method: 'POST',
        url: '/api/v1/tips',
        headers: { 'content-type': 'application/json', 'idempotency-key': `rate-limit-${index}-abcdef` },
        payload: '{}',
      })
      statuses.push(response.statusCode)
      if (index === limit) {
        expect(response.headers['retry-after']).toMatch(/^\d+$/)
        expect(response.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^提交反映太频繁了，请 \d+ (秒|分钟)后再试$/) } })
      }
    }
    expect(statuses.slice(0, limit).every((status) => status === 400)).toBe(true)
    expect(statuses[limit]).toBe(429)
    const row = await app().db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    expect(Number(row.count)).toBe(0)
  })

  it('answers 429 once a client sends too much feedback, and stores nothing more', async () => {
    const { limit } = RATE_RULES.feedback
    const statuses: number[] = []
    for (let index = 0; index <= limit; index += 1) {
      const response = await app().inject({
        method: 'POST',
        url: '/api/v1/feedback',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ kind: 'suggestion', content: `第 ${index} 条：希望增加更多关于工伤保险的题目` }),
      })
      statuses.push(response.statusCode)
      if (index === limit) {
        expect(response.headers['retry-after']).toMatch(/^\d+$/)
        expect(response.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^提交投诉建议太频繁了，请 \d+ (秒|分钟)后再试$/) } })
      }
    }
    expect(statuses.slice(0, limit).every((status) => status === 201)).toBe(true)
    expect(statuses[limit]).toBe(429)
    const row = await app().db.selectFrom('feedback').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    expect(Number(row.count)).toBe(limit)
  })

  it('can be turned off with RATE_LIMITS=false', async () => {
    const { loadConfig } = await import('../../server/config')
    expect(loadConfig({ DATA_DIR: app().config.dataDir, RATE_LIMITS: 'false' }).rateLimits).toBe(false)
    expect(loadConfig({ DATA_DIR: app().config.dataDir }).rateLimits).toBe(true)
  })
})
