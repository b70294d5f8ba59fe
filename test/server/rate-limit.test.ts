import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

import { loadConfig, REPO_ROOT } from '../../server/config'
import { migrate } from '../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { formatTrackingCode } from '../../src/core/tips/tracking-code'
import { RATE_RULES, type RateRule } from '../../server/rate-limit'
import { createServer } from '../../server/server'
import { freePort } from './http-client'
import { fromDevice, newDeviceId, redisUrls, useRedisPrefix } from './rate-limit-helpers'
import { asStaff, createStaffToken, signInRequest } from './staff-helpers'
import { SQLITE, storages, useApp, useStorage } from './storage'

// Limits sized for a NAT take hundreds of requests to reach; on a busy machine that is more than 5 s.
jest.setTimeout(60_000)

const DAY = 24 * 60 * 60 * 1000
const RATE_LIMITED = /^提交反映太频繁了，请 \d+ (秒|分钟)后再试$/

/** A report the service turns back as incomplete: counted by the limit, stored nowhere. */
function emptyReport(remoteAddress: string, index: number): InjectOptions {
  return {
    method: 'POST',
    url: '/api/v1/tips',
    headers: { 'content-type': 'application/json', 'idempotency-key': `rate-limit-${index}-${remoteAddress}-abcdef` },
    payload: '{}',
    remoteAddress,
  }
}

async function idempotencyKeyCount(app: FastifyInstance): Promise<number> {
  const row = await app.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
  return Number(row.count)
}

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  expect(response.headers['x-content-type-options']).toBe('nosniff')
  expect(response.headers['x-frame-options']).toBe('DENY')
  expect(response.headers['content-security-policy']).toBeDefined()
}

describe('rate limits per device, with the address as a flood guard, on SQLite', () => {
  const { app } = useApp(SQLITE)

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  it('refuses a device over its limit with 429, Retry-After and the security headers, while another device on the same address goes on', async () => {
    const { limit } = RATE_RULES.tips
    const address = '198.51.100.10'
    const device = newDeviceId()
    for (let index = 0; index < limit; index += 1) expect((await app().inject(fromDevice(emptyReport(address, index), device))).statusCode).toBe(400)
    const refused = await app().inject(fromDevice(emptyReport(address, limit), device))
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500)
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(RATE_LIMITED) } })
    expect(refused.json().error.message).toMatch(/请 10 分钟后再试$/)
    expectSecurityHeaders(refused)

    // The next person on the same WiFi is not the first one's script.
    expect((await app().inject(fromDevice(emptyReport(address, limit + 1), newDeviceId()))).statusCode).toBe(400)
    expect(await idempotencyKeyCount(app())).toBe(0)
  })

  it('refuses a device sending too much feedback with 429, storing nothing more, while another device goes on', async () => {
    const { limit } = RATE_RULES.feedback
    const device = newDeviceId()
    const send = (index: number, from = device) =>
      app().inject(
        fromDevice(
          {
            method: 'POST',
            url: '/api/v1/feedback',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ kind: 'suggestion', content: `第 ${index} 条：希望增加更多关于工伤保险的题目` }),
            remoteAddress: '198.51.100.15',
          },
          from,
        ),
      )
    for (let index = 0; index < limit; index += 1) expect((await send(index)).statusCode).toBe(201)
    const refused = await send(limit)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toMatch(/^\d+$/)
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^提交投诉建议太频繁了，请 \d+ (秒|分钟)后再试$/) } })
    const row = await app().db.selectFrom('feedback').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    expect(Number(row.count)).toBe(limit)
    expect((await send(limit + 1, newDeviceId())).statusCode).toBe(201)
  })

  it('holds the address flood guard whatever device ids the requests carry, and counts requests without one', async () => {
    const perAddress = RATE_RULES.tips.perAddress
    const address = '198.51.100.11'
    // A script making up a device id per request, then one sending none.
    for (let index = 0; index < perAddress - 1; index += 1) {
      expect((await app().inject(fromDevice(emptyReport(address, index), newDeviceId()))).statusCode).toBe(400)
    }
    expect((await app().inject(emptyReport(address, perAddress))).statusCode).toBe(400)
    for (const request of [fromDevice(emptyReport(address, perAddress + 1), newDeviceId()), emptyReport(address, perAddress + 2)]) {
      const refused = await app().inject(request)
      expect(refused.statusCode).toBe(429)
      expect(refused.headers['retry-after']).toMatch(/^\d+$/)
      expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^同一网络中提交反映的请求太多了，请 \d+ (秒|分钟)后再试$/) } })
      expectSecurityHeaders(refused)
    }
    expect((await app().inject(fromDevice(emptyReport('198.51.100.12', 0), newDeviceId()))).statusCode).toBe(400)
  })

  it('turns back a device id of the wrong shape with 400 naming the header', async () => {
    for (const bad of ['not-a-device', 'A'.repeat(32), `${newDeviceId()}0`]) {
      const response = await app().inject(fromDevice(emptyReport('198.51.100.13', 0), bad))
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ error: { code: 'invalid_device_id', message: expect.stringContaining('X-Pufa-Device') } })
    }
  })

  it('guards contest registration per address at a size for a NAT, before the body is read', async () => {
    const { limit } = RATE_RULES.participants
    const address = '198.51.100.14'
    const register = (payload: string, remoteAddress = address) =>
      app().inject({ method: 'POST', url: '/api/v1/quiz/participants', headers: { 'content-type': 'application/json' }, payload, remoteAddress })
    expect((await register(JSON.stringify({ districtCode: '440103' }))).statusCode).toBe(201)
    for (let index = 1; index < limit; index += 1) expect((await register('{}')).statusCode).toBe(400)
    const refused = await register(JSON.stringify({ districtCode: '440103' }))
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^登记参赛太频繁了，请 \d+ (秒|分钟)后再试$/) } })
    expect((await register(JSON.stringify({ districtCode: '440103' }), '198.51.100.15')).statusCode).toBe(201)
  })
})

describe.each(storages())('a contest played by many people behind one address on $name', (storage) => {
  const { app, config } = useApp(storage)
  const address = '203.0.113.30'
  let contestId = ''

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    const { token } = await createStaffToken(config(), '市局竞赛管理员')
    const now = Date.now()
    const created = await app().inject(
      asStaff(token, {
        method: 'POST',
        url: '/api/v1/admin/contests',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          title: '工地普法知识竞赛',
          startsAt: new Date(now - DAY).toISOString(),
          endsAt: new Date(now + 7 * DAY).toISOString(),
          questionCount: 3,
          timeLimitSeconds: 600,
          attemptsPerDay: 2,
          minSecondsPerQuestion: 0,
          drawRule: { kind: 'categories', counts: [{ category: '劳动关系', count: 2 }, { category: '工资支付', count: 1 }] },
        }),
      }),
    )
    expect(created.statusCode).toBe(201)
    contestId = created.json().id
  })

  const send = (method: 'GET' | 'POST', url: string, token?: string, body?: unknown) =>
    app().inject({
      method,
      url,
      remoteAddress: address,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })

  async function registerAndAnswer(): Promise<string> {
    const registered = await send('POST', '/api/v1/quiz/participants', undefined, { districtCode: '440105' })
    expect(registered.statusCode).toBe(201)
    const token: string = registered.json().participantToken
    const started = await send('POST', `/api/v1/quiz/contests/${contestId}/attempts`, token)
    expect(started.statusCode).toBe(201)
    const { attemptId, questions } = started.json() as { attemptId: string; questions: { id: string; options: { id: string }[] }[] }
    const answered = await send('POST', `/api/v1/quiz/attempts/${attemptId}/answers`, token, { questionId: questions[0].id, optionIds: [questions[0].options[0].id] })
    expect(answered.statusCode).toBe(201)
    return token
  }

  it('lets 30 participants sharing one address each register and answer', async () => {
    for (let person = 0; person < 30; person += 1) await registerAndAnswer()
  })

  it('refuses a participant over its limit while another participant on the same address goes on', async () => {
    const [busy, other] = [await registerAndAnswer(), await registerAndAnswer()]
    const unknownAttempt = `/api/v1/quiz/attempts/00000000-0000-4000-8000-000000000000`
    // Three counted already: starting the attempt and answering, plus this loop.
    for (let index = 2; index < RATE_RULES.quiz.limit; index += 1) expect((await send('GET', unknownAttempt, busy)).statusCode).toBe(404)
    const refused = await send('GET', unknownAttempt, busy)
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^答题太频繁了，请 \d+ (秒|分钟)后再试$/) } })
    expect((await send('GET', unknownAttempt, other)).statusCode).toBe(404)
  })
})

describe('the staff API, counted per staff account on SQLite', () => {
  const { app, config } = useApp(SQLITE)

  it('refuses an account over its limit while another account at the same address goes on', async () => {
    const [busy, other] = [await createStaffToken(config(), '市局数据接口'), await createStaffToken(config(), '市劳动保障监察支队')]
    const badTipId = (token: string) => app().inject(asStaff(token, { method: 'GET', url: `/api/v1/admin/tips/${'x'.repeat(65)}`, remoteAddress: '198.51.100.50' }))
    for (let index = 0; index < RATE_RULES.staff.limit; index += 1) expect((await badTipId(busy.token)).statusCode).toBe(400)
    const refused = await badTipId(busy.token)
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^访问工作台太频繁了，请 \d+ (秒|分钟)后再试$/) } })
    expect((await badTipId(other.token)).statusCode).toBe(400)
  }, 120_000)
})

describe('RATE_LIMITS=false', () => {
  const { app } = useApp(SQLITE, { RATE_LIMITS: 'false' })

  it('turns every limit off', async () => {
    const device = newDeviceId()
    for (let index = 0; index <= RATE_RULES.tips.limit; index += 1) {
      expect((await app().inject(fromDevice(emptyReport('198.51.100.20', index), device))).statusCode).toBe(400)
    }
    expect(loadConfig({ DATA_DIR: app().config.dataDir }).rateLimits).toBe(true)
  })
})

describe.each(redisUrls())('two instances sharing REDIS_URL (%s)', (redisUrl) => {
  const prefix = useRedisPrefix(redisUrl)
  const { app: first, config } = useApp(SQLITE, { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix })
  let second: FastifyInstance | undefined
  beforeAll(async () => {
    second = await createServer(config(), { logger: false })
    await second.ready()
  })
  afterAll(async () => {
    await second?.close()
  })
  const other = () => second as FastifyInstance
  const device = newDeviceId()
  const code = formatTrackingCode(new Uint8Array(10).fill(99))

  it('share the count of a device: half its reports through each, then both refuse it', async () => {
    await loadSampleContentIfEmpty(first().db)
    const { limit } = RATE_RULES.tips
    for (let index = 0; index < limit; index += 1) {
      const instance = index % 2 === 0 ? first() : other()
      expect((await instance.inject(fromDevice(emptyReport('198.51.100.30', index), device))).statusCode).toBe(400)
    }
    for (const instance of [first(), other()]) {
      const refused = await instance.inject(fromDevice(emptyReport('198.51.100.30', limit), device))
      expect(refused.statusCode).toBe(429)
      expect(refused.json().error.message).toMatch(RATE_LIMITED)
    }
    expect((await other().inject(fromDevice(emptyReport('198.51.100.30', limit), newDeviceId()))).statusCode).toBe(400)
  })

  it('share staff sign-in failures: counted only on failure, and checked before any password', async () => {
    const { limit } = RATE_RULES.staffSignIns
    const address = '198.51.100.31'
    for (let index = 0; index < limit; index += 1) {
      const instance = index % 2 === 0 ? first() : other()
      expect([401, 423]).toContain((await instance.inject({ ...signInRequest(`guess${index}`, 'not the password at all', '123456'), remoteAddress: address })).statusCode)
    }
    for (const instance of [first(), other()]) {
      const refused = await instance.inject({ ...signInRequest('someone', 'not the password at all', '123456'), remoteAddress: address })
      expect(refused.statusCode).toBe(429)
      expect(refused.json().error.message).toMatch(/^登录失败太多次了，请 \d+ (秒|分钟)后再试$/)
    }
  })

  it('share the failed verifiers of a tracking code: half through each, then both refuse the code', async () => {
    const { limit } = RATE_RULES.verifierFailures
    const lookup = (verifier: string, index: number) =>
      fromDevice({ method: 'GET' as const, url: `/api/v1/tips/${code}`, headers: { 'x-tip-verifier': verifier }, remoteAddress: `198.51.100.${100 + index}` }, newDeviceId())
    for (let index = 0; index < limit; index += 1) {
      const instance = index % 2 === 0 ? first() : other()
      expect((await instance.inject(lookup(String(5000 + index), index))).statusCode).toBe(404)
    }
    for (const instance of [first(), other()]) {
      const refused = await instance.inject(lookup('5999', limit))
      expect(refused.statusCode).toBe(429)
      expect(refused.json().error.message).toMatch(/^这个查询码的验证信息输错太多次了/)
    }
  })

  it('keep no address or device id in Redis, only keyed hashes under the prefix', async () => {
    const { Redis } = await import('ioredis')
    const redis = new Redis(redisUrl)
    try {
      const keys = await redis.keys(`${prefix}*`)
      expect(keys.length).toBeGreaterThan(0)
      for (const key of keys) {
        expect(key.startsWith(`${prefix}rl:`)).toBe(true)
        expect(key).not.toContain('198.51.100')
        expect(key).not.toContain(device)
        expect(key).not.toContain(code.replace(/-/g, ''))
      }
    } finally {
      await redis.quit()
    }
  })
})

describe('an instance whose Redis is down', () => {
  const { config } = useStorage(SQLITE)
  const lines: string[] = []
  let app: FastifyInstance | undefined
  beforeAll(async () => {
    const port = await freePort()
    const down = loadConfig({ DATA_DIR: config().dataDir, H5_DIR: config().h5Dir, CONSOLE_DIR: config().consoleDir, REDIS_URL: `redis://127.0.0.1:${port}` })
    app = await createServer(down, { logger: { level: 'info', destination: { write: (line) => lines.push(line) } } })
    await app.ready()
    await migrate(app.db)
    await loadSampleContentIfEmpty(app.db)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('serves without limits instead of failing, and says so once in the log without the address or the device', async () => {
    const device = newDeviceId()
    for (let index = 0; index <= RATE_RULES.tips.limit; index += 1) {
      expect((await app!.inject(fromDevice(emptyReport('198.51.100.40', index), device))).statusCode).toBe(400)
    }
    const warnings = lines.filter((line) => line.includes('限流计数暂时无法读写 Redis'))
    expect(warnings).toHaveLength(1)
    expect(JSON.parse(warnings[0])).toMatchObject({ level: 40, store: 'redis' })
    expect(lines.join('\n')).not.toMatch(new RegExp(`198\\.51\\.100\\.40|${device}`))
  })
})

describe('README「限流」', () => {
  it('shows every rule of RATE_RULES with its key and numbers', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
    const start = readme.indexOf('### 限流')
    const section = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('| limit |', start)))
    const rows = section
      .split('\n')
      .filter((line) => /^\| \S/.test(line) && !line.startsWith('| limit |'))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
    const KEYS: Record<string, RateRule['key']> = { device: 'device', address: 'address', 'participant token': 'participant', 'staff account': 'staff', 'tracking code': 'trackingCode' }
    const shown = rows.map(([, , key, limit, perAddress]) => [KEYS[key], Number(limit.replace(/,/g, '')), perAddress === '' ? null : Number(perAddress.replace(/,/g, ''))])
    const rules: RateRule[] = Object.values(RATE_RULES)
    expect(shown).toEqual(rules.map((rule) => [rule.key, rule.limit, rule.perAddress ?? null]))
  })
})
