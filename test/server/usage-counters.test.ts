import type { FastifyInstance, InjectOptions } from 'fastify'
import { sql, type Kysely } from 'kysely'

import { addDays } from '../../src/core/calendar/day'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { migrate } from '../../server/db/migrations'
import type { Dialect } from '../../server/db/database'
import type { Database } from '../../server/db/schema'
import { RATE_RULES } from '../../server/rate-limit'
import { createServer } from '../../server/server'
import { SQLITE, storages, useApp, useStorage } from './storage'

const URL = '/api/v1/counters'
const today = () => chinaDateOf(new Date())

function post(body: unknown, headers: Record<string, string> = {}): InjectOptions {
  return { method: 'POST', url: URL, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) }
}

async function rows(db: Kysely<Database>) {
  const found = await db.selectFrom('usage_counters').selectAll().orderBy('metric').orderBy('subject').orderBy('day').execute()
  return found.map((row) => ({ ...row, count: Number(row.count) }))
}

/** Every value of every column of every table, as text. */
async function everyStoredValue(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const columns =
    dialect === 'postgres'
      ? (
          await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db)
        ).rows
      : (
          await sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(db)
        ).rows
  expect(columns.length).toBeGreaterThan(20)
  const values: string[] = []
  for (const { table_name: table, column_name: column } of columns) {
    const found = await sql<{ value: string | null }>`select cast(${sql.ref(column)} as text) as value from ${sql.table(table)}`.execute(db)
    for (const row of found.rows) if (row.value !== null) values.push(row.value)
  }
  return values
}

describe.each(storages())('usage counters on $name', (storage) => {
  const { app } = useApp(storage)

  it('adds each batch to the row of its metric, subject and day', async () => {
    const yesterday = addDays(today(), -1)
    const first = await app().inject(
      post({
        counts: [
          { metric: 'policy_read', subject: 'policy-wage-payment-on-time', day: today(), count: 3 },
          { metric: 'policy_read', subject: 'policy-wage-payment-on-time', day: yesterday, count: 2 },
          { metric: 'practice_answered', subject: '工资支付', day: today(), count: 5 },
          { metric: 'practice_right', subject: '工资支付', day: today(), count: 4 },
        ],
      }),
    )
    expect(first.statusCode).toBe(204)
    expect(first.body).toBe('')
    const second = await app().inject(
      post({
        counts: [
          { metric: 'policy_read', subject: 'policy-wage-payment-on-time', day: today(), count: 1 },
          // The same row twice in one batch: both add.
          { metric: 'practice_answered', subject: '工资支付', day: today(), count: 2 },
          { metric: 'practice_answered', subject: '工资支付', day: today(), count: 1 },
          { metric: 'practice_answered', subject: '社会保险', day: today(), count: 1000 },
        ],
      }),
    )
    expect(second.statusCode).toBe(204)
    expect(await rows(app().db)).toEqual([
      { metric: 'policy_read', subject: 'policy-wage-payment-on-time', day: yesterday, count: 2 },
      { metric: 'policy_read', subject: 'policy-wage-payment-on-time', day: today(), count: 4 },
      { metric: 'practice_answered', subject: '工资支付', day: today(), count: 8 },
      { metric: 'practice_answered', subject: '社会保险', day: today(), count: 1000 },
      { metric: 'practice_right', subject: '工资支付', day: today(), count: 4 },
    ])
  })

  it('takes the oldest day still counted and refuses the day before it', async () => {
    const oldest = addDays(today(), -13)
    expect((await app().inject(post({ counts: [{ metric: 'practice_right', subject: '劳动关系', day: oldest, count: 1 }] }))).statusCode).toBe(204)
    const tooOld = await app().inject(post({ counts: [{ metric: 'practice_right', subject: '劳动关系', day: addDays(oldest, -1), count: 1 }] }))
    expect(tooOld.statusCode).toBe(400)
    expect(tooOld.json().error.fields).toEqual({ 'counts.0.day': `日期（day）${addDays(oldest, -1)} 太早了：只接受最近 14 天（${oldest} 起）的计数` })
    expect((await rows(app().db)).filter((row) => row.subject === '劳动关系')).toEqual([{ metric: 'practice_right', subject: '劳动关系', day: oldest, count: 1 }])
  })
})

const entry = { metric: 'policy_read', subject: 'policy-a', day: '', count: 1 }
const withEntry = (change: Record<string, unknown>) => ({ counts: [{ ...entry, day: today(), ...change }] })

const BAD_INPUTS: { name: string; body: () => unknown; field: string; message: string }[] = [
  { name: 'no counts', body: () => ({}), field: 'counts', message: '请提交计数（counts）' },
  { name: 'an empty batch', body: () => ({ counts: [] }), field: 'counts', message: '计数（counts）至少要有 1 项' },
  { name: 'too many entries', body: () => ({ counts: Array.from({ length: 201 }, () => ({ ...entry, day: today() })) }), field: 'counts', message: '计数（counts）一次最多 200 项，请分批提交' },
  { name: 'an unknown metric', body: () => withEntry({ metric: 'page_view' }), field: 'counts.0.metric', message: '统计项（metric）只能是 policy_read、practice_answered、practice_right' },
  { name: 'a missing subject', body: () => ({ counts: [{ metric: 'policy_read', day: today(), count: 1 }] }), field: 'counts.0.subject', message: '请填写统计对象（subject）' },
  { name: 'an empty subject', body: () => withEntry({ subject: '' }), field: 'counts.0.subject', message: '请填写统计对象' },
  { name: 'a long subject', body: () => withEntry({ subject: 'a'.repeat(201) }), field: 'counts.0.subject', message: '统计对象请不超过200个字' },
  { name: 'an explainer id that cannot be one', body: () => withEntry({ subject: '张三 13812345678' }), field: 'counts.0.subject', message: '统计对象（subject）应为政策解读的编号（字母、数字和 . _ : -）' },
  {
    name: 'a category that is not one',
    body: () => withEntry({ metric: 'practice_answered', subject: '未知分类' }),
    field: 'counts.0.subject',
    message: '统计对象（subject）应为练习题的分类：就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能',
  },
  { name: 'a day in another format', body: () => withEntry({ day: '2026/12/01' }), field: 'counts.0.day', message: '日期（day）应写成 2026-01-31 这样的格式' },
  { name: 'a day that does not exist', body: () => withEntry({ day: '2026-02-30' }), field: 'counts.0.day', message: '日期（day）2026-02-30 不是有效的日期' },
  { name: 'a day in the future', body: () => withEntry({ day: addDays(today(), 1) }), field: 'counts.0.day', message: `日期（day）${addDays(today(), 1)} 是将来的日期` },
  { name: 'a count of 0', body: () => withEntry({ count: 0 }), field: 'counts.0.count', message: '次数（count）至少为 1' },
  { name: 'a count above 1000', body: () => withEntry({ count: 1001 }), field: 'counts.0.count', message: '次数（count）不能大于 1000' },
  { name: 'a fractional count', body: () => withEntry({ count: 1.5 }), field: 'counts.0.count', message: '次数（count）应为整数' },
  { name: 'a count as text', body: () => withEntry({ count: '1' }), field: 'counts.0.count', message: '次数（count）应为整数' },
  { name: 'an extra field in an entry', body: () => withEntry({ deviceId: 'abc' }), field: 'counts.0.deviceId', message: '“deviceId”不是可以提交的项，请删除后再提交' },
  { name: 'an extra field in the batch', body: () => ({ ...withEntry({}), batchId: 'b-1' }), field: 'batchId', message: '“batchId”不是可以提交的项，请删除后再提交' },
]

describe('usage counters refuse bad input', () => {
  const { app } = useApp(SQLITE)

  it.each(BAD_INPUTS)('$name: 400 naming the field in Chinese, nothing stored', async ({ body, field, message }) => {
    const response = await app().inject(post(body()))
    expect(response.statusCode).toBe(400)
    const { error } = response.json()
    expect(error.code).toBe('validation_failed')
    expect(error.fields[field]).toBe(message)
    expect(error.message).toContain(message)
    expect(await rows(app().db)).toEqual([])
  })

  it('names the entry that is wrong in a batch, and stores none of it', async () => {
    const response = await app().inject(post({ counts: [{ ...entry, day: today() }, { ...entry, day: today(), metric: 'practice_right' }] }))
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.fields)).toEqual(['counts.1.subject'])
    expect(await rows(app().db)).toEqual([])
  })
})

describe('usage counters are limited per address', () => {
  const { app } = useApp(SQLITE)

  it('answers 429 with Retry-After in plain Chinese past the limit', async () => {
    const body = withEntry({})
    for (let index = 0; index < RATE_RULES.counters.limit; index += 1) {
      expect((await app().inject({ ...post(body), remoteAddress: '192.0.2.50' })).statusCode).toBe(204)
    }
    const refused = await app().inject({ ...post(body), remoteAddress: '192.0.2.50' })
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toMatch(/^\d+$/)
    expect(refused.json().error.message).toMatch(/^提交使用计数太频繁了，请 \d+ (秒|分钟)后再试$/)
    expect((await rows(app().db))[0].count).toBe(RATE_RULES.counters.limit)
    expect((await app().inject({ ...post(body), remoteAddress: '192.0.2.51' })).statusCode).toBe(204)
    // Sized for a carrier's NAT: hundreds of batches, each written to the database.
  }, 60_000)
})

describe.each(storages())('usage counters keep nothing that identifies the sender on $name', (storage) => {
  const { config } = useStorage(storage, { TRUST_PROXY: 'true' })
  const lines: string[] = []
  let app: FastifyInstance
  const FORWARDED_IP = '203.0.113.77'
  const REMOTE_IP = '198.51.100.177'
  const USER_AGENT = 'Mozilla/5.0 (Linux; Android 14; 测试手机-UA-7f3a9c) MicroMessenger/8.0.50'
  const COOKIE = 'session=cookie-7f3a9c-secret'

  beforeAll(async () => {
    app = await createServer(config(), { logger: { level: 'trace', destination: { write: (line) => lines.push(line) } } })
    await app.ready()
    await migrate(app.db)
    const headers = { 'x-forwarded-for': FORWARDED_IP, 'user-agent': USER_AGENT, cookie: COOKIE }
    const good = await app.inject({ ...post(withEntry({ subject: 'policy-distinct' }), headers), remoteAddress: REMOTE_IP })
    expect(good.statusCode).toBe(204)
    const bad = await app.inject({ ...post(withEntry({ count: 0 }), headers), remoteAddress: REMOTE_IP })
    expect(bad.statusCode).toBe(400)
  })
  afterAll(() => app.close())

  it('stores only metric, subject, day and count', async () => {
    const dialect = app.dialect
    const columns =
      dialect === 'postgres'
        ? (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'usage_counters'`.execute(app.db)).rows
        : (await sql<{ name: string }>`select name from pragma_table_info('usage_counters')`.execute(app.db)).rows
    expect(columns.map((column) => column.name).sort()).toEqual(['count', 'day', 'metric', 'subject'])
    expect(await rows(app.db)).toEqual([{ metric: 'policy_read', subject: 'policy-distinct', day: today(), count: 1 }])
  })

  it('no table holds the address, user agent or cookie it came with', async () => {
    const stored = (await everyStoredValue(app.db, app.dialect)).join('\n')
    expect(stored).toContain('policy-distinct')
    for (const secret of [FORWARDED_IP, REMOTE_IP, '7f3a9c', 'MicroMessenger', 'cookie']) expect(stored).not.toContain(secret)
  })

  it('the log holds none of them, nor the body', () => {
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.path === URL)
    expect(requests.map((entry) => entry.statusCode)).toEqual([204, 400])
    const logged = lines.join('\n')
    for (const secret of [FORWARDED_IP, REMOTE_IP, '7f3a9c', 'MicroMessenger', 'cookie', 'policy-distinct']) expect(logged).not.toContain(secret)
  })
})
