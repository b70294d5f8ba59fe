import { readFileSync } from 'node:fs'

import type { InjectOptions } from 'fastify'
import { sql } from 'kysely'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { validateReport } from '../../src/core/tips/report'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { decryptField } from '../../server/privacy/field-crypto'
import { keyedHash } from '../../server/privacy/keyed-hash'
import { readSite } from '../../server/content/content.repository'
import { anonymousTip, complaint, MOBILE, NAME, RESIDENT_ID } from './staff-helpers'
import { storages, useApp } from './storage'

const URL = '/api/v1/tips'
const CHINESE = /[\u4e00-\u9fff]/

let keyCounter = 0
function newKey(): string {
  keyCounter += 1
  return `test-key-${Date.now()}-${keyCounter}`
}

/** `key` null sends no Idempotency-Key at all. */
function post(body: unknown, key: string | null = newKey()): InjectOptions {
  return {
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: JSON.stringify(body),
  }
}

describe.each(storages())('POST /api/v1/tips on $name', (storage) => {
  // Far more submissions than one person makes: the limits have their own test.
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  async function countTips(): Promise<number> {
    const row = await app().db.selectFrom('tips').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    return Number(row.count)
  }

  async function storedKey(key: string) {
    return app().db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst()
  }

  async function tipByCode(trackingCode: string) {
    return app().db.selectFrom('tips').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow()
  }

  it('accepts a valid complaint, answers 201 and stores the personal data only encrypted', async () => {
    const key = newKey()
    const response = await app().inject(post(complaint(), key))
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(body.accessKey).toBeUndefined()
    expect(body.deadlines.acceptBy.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(body.deadlines.investigateBy.date > body.deadlines.acceptBy.date).toBe(true)
    expect(body.deadlines.extendedBy.date > body.deadlines.investigateBy.date).toBe(true)

    const row = await tipByCode(body.trackingCode)
    expect(row).toMatchObject({ kind: 'complaint', status: 'submitted', district_code: '440103', workers_owed: 12, duplicate_of: null, access_key_hash: null })
    expect(Number(row.amount_fen)).toBe(8_640_000)
    expect(JSON.parse(row.deadlines)).toEqual(body.deadlines)

    // Nothing of the reporter is stored readable, in any column of any table.
    const everything = JSON.stringify([await app().db.selectFrom('tips').selectAll().execute(), await app().db.selectFrom('idempotency_keys').selectAll().execute()])
    for (const plain of [NAME, MOBILE, RESIDENT_ID]) expect(everything).not.toContain(plain)
    // …but the values decrypt with the configured keys, bound to their row and column.
    const keyring = config().fieldKeys
    expect(decryptField(keyring, row.reporter_name!, { table: 'tips', rowId: row.id, column: 'reporter_name' })).toBe(NAME)
    expect(decryptField(keyring, row.reporter_mobile!, { table: 'tips', rowId: row.id, column: 'reporter_mobile' })).toBe(MOBILE)
    expect(decryptField(keyring, row.reporter_id_number!, { table: 'tips', rowId: row.id, column: 'reporter_id_number' })).toBe(RESIDENT_ID)
    expect(row.mobile_hash).toMatch(/^[0-9a-f]{64}$/)

    const stored = await storedKey(key)
    expect(stored).toMatchObject({ status: 'done', response_status: 201 })
    const answerLocation = { table: 'idempotency_keys', rowId: key, column: 'response_body' }
    expect(JSON.parse(decryptField(keyring, stored!.response_body!, answerLocation))).toEqual(body)

    if (storage.dialect === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(app().db)
      const bytes = readFileSync(config().sqliteFile)
      expect(bytes.includes(Buffer.from(MOBILE, 'utf8'))).toBe(false)
      expect(bytes.includes(Buffer.from(NAME, 'utf8'))).toBe(false)
      expect(bytes.includes(Buffer.from(RESIDENT_ID, 'utf8'))).toBe(false)
      // The check would notice plain text: the employer's name is stored as is.
      expect(bytes.includes(Buffer.from('某某建筑劳务有限公司', 'utf8'))).toBe(true)
    }
  })

  it('replays the first answer for the same key and body, storing one report', async () => {
    const key = newKey()
    const before = await countTips()
    const first = await app().inject(post(complaint({ workersOwed: 3 }), key))
    // Same content with keys in another order: the same request.
    const reordered = Object.fromEntries(Object.entries(complaint({ workersOwed: 3 })).reverse())
    const second = await app().inject(post(reordered, key))
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.body).toBe(first.body)
    expect(await countTips()).toBe(before + 1)
  })

  it('replays the answer to a report first sent before estimates existed (0008), not taking the retry for another report', async () => {
    const key = newKey()
    const first = await app().inject(post(complaint({ workersOwed: 4 }), key))
    expect(first.statusCode).toBe(201)
    // The fingerprint as the service made it before 0008: the validated report, which had no estimate flag, keys sorted.
    const verdict = validateReport(complaint({ workersOwed: 4 }), { districts: (await readSite(app().db))!.districts, today: new Date() })
    if (!verdict.ok) throw new Error('the fixture is valid')
    const { amountApproximate: _flag, ...before0008 } = verdict.value
    const sorted = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sorted)
      if (typeof value !== 'object' || value === null) return value
      return Object.fromEntries(Object.keys(value).sort().map((name) => [name, sorted((value as Record<string, unknown>)[name])]))
    }
    await app().db.updateTable('idempotency_keys').set({ fingerprint: keyedHash(config().hashKey, 'submission', JSON.stringify(sorted(before0008))) }).where('key', '=', key).execute()

    const retry = await app().inject(post(complaint({ workersOwed: 4 }), key))
    expect(retry.statusCode).toBe(201)
    expect(retry.body).toBe(first.body)
  })

  it('answers 422 for the same key with a different body', async () => {
    const key = newKey()
    expect((await app().inject(post(complaint(), key))).statusCode).toBe(201)
    const before = await countTips()
    const response = await app().inject(post(complaint({ workersOwed: 99 }), key))
    expect(response.statusCode).toBe(422)
    expect(response.json().error.code).toBe('idempotency_mismatch')
    expect(response.json().error.message).toMatch(CHINESE)
    expect(await countTips()).toBe(before)
  })

  it('stores one report for 50 concurrent submissions with one key', async () => {
    const key = newKey()
    const before = await countTips()
    const responses = await Promise.all(Array.from({ length: 50 }, () => app().inject(post(complaint({ workersOwed: 50 }), key))))
    const created = responses.filter((response) => response.statusCode === 201)
    expect(created.length).toBeGreaterThanOrEqual(1)
    for (const response of responses) {
      if (response.statusCode === 201) {
        expect(response.body).toBe(created[0].body)
      } else {
        expect(response.statusCode).toBe(409)
        expect(response.json().error.code).toBe('idempotency_in_flight')
      }
    }
    expect(await countTips()).toBe(before + 1)
    const row = await tipByCode(created[0].json().trackingCode)
    expect(row.workers_owed).toBe(50)
  })

  const INVALID: Array<{ name: string; body: unknown; field: string; message: RegExp }> = [
    { name: 'a complaint without a contact number', body: complaint({ reporter: { name: NAME } }), field: 'reporter.mobile', message: /^请填写联系电话$/ },
    { name: 'a bad mobile', body: complaint({ reporter: { name: NAME, mobile: '12345' } }), field: 'reporter.mobile', message: /手机号码应为11位/ },
    { name: 'a landline without its area code', body: complaint({ reporter: { name: NAME, mobile: '8321 2345' } }), field: 'reporter.mobile', message: /区号/ },
    { name: 'a complaint without an amount', body: complaint({ amountYuan: '' }), field: 'amountYuan', message: /^投诉请填写被拖欠的工资金额；不清楚具体数目，可以写“约5万”$/ },
    { name: 'an amount in words', body: complaint({ amountYuan: '五万' }), field: 'amountYuan', message: /请用数字/ },
    { name: 'an ID number with one digit wrong', body: complaint({ reporter: { name: NAME, mobile: MOBILE, residentId: '110105194912310021' } }), field: 'reporter.residentId', message: /^身份证号码有一位不对，请对照证件再看一遍$/ },
    { name: 'a district outside the city', body: complaint({ districtCode: '330102' }), field: 'districtCode', message: CHINESE },
    { name: 'a short description', body: complaint({ description: '没发' }), field: 'description', message: CHINESE },
    { name: 'not an object', body: [1, 2], field: 'report', message: CHINESE },
  ]

  it.each(INVALID)('rejects $name with 400 and stores nothing', async ({ body, field, message }) => {
    const key = newKey()
    const before = await countTips()
    const response = await app().inject(post(body, key))
    expect(response.statusCode).toBe(400)
    const { error } = response.json()
    expect(error.code).toBe('validation_failed')
    expect(error.fields[field]).toMatch(message)
    expect(error.message).toMatch(CHINESE)
    // No personal data is echoed back.
    expect(response.body).not.toContain(MOBILE)
    expect(await countTips()).toBe(before)
    expect(await storedKey(key)).toBeUndefined()
  })

  it('stores a landline as its digits with the area code, encrypted, and an estimated amount as an estimate', async () => {
    const response = await app().inject(post(complaint({ reporter: { name: NAME, mobile: '（020）8321-2345' }, amountYuan: '约5万' })))
    expect(response.statusCode).toBe(201)
    const row = await tipByCode(response.json().trackingCode)
    expect(decryptField(config().fieldKeys, row.reporter_mobile!, { table: 'tips', rowId: row.id, column: 'reporter_mobile' })).toBe('02083212345')
    expect(JSON.stringify(row)).not.toContain('83212345')
    expect({ amount: Number(row.amount_fen), approximate: Number(row.amount_approximate) }).toEqual({ amount: 5_000_000, approximate: 1 })

    const exact = await tipByCode((await app().inject(post(complaint({ amountYuan: '¥12,800.50' })))).json().trackingCode)
    expect({ amount: Number(exact.amount_fen), approximate: Number(exact.amount_approximate) }).toEqual({ amount: 1_280_050, approximate: 0 })
  })

  it.each([
    ['left out', undefined],
    ['null', null],
    ['blank', '  '],
  ])('accepts a tip whose amount is %s, storing none', async (_label, amountYuan) => {
    const body = anonymousTip({ amountYuan })
    const response = await app().inject(post(body))
    expect(response.statusCode).toBe(201)
    const row = await tipByCode(response.json().trackingCode)
    expect(row.amount_fen).toBeNull()
    expect(Number(row.amount_approximate)).toBe(0)
  })

  it('accepts an owed period that started more than two years ago: the form warns, the service takes it', async () => {
    const [year, month] = chinaDateOf(new Date()).split('-')
    const threeYearsAgo = `${Number(year) - 3}-${month}`
    const response = await app().inject(post(complaint({ owedPeriod: { from: threeYearsAgo, to: threeYearsAgo } })))
    expect(response.statusCode).toBe(201)
    expect((await tipByCode(response.json().trackingCode)).owed_from).toBe(threeYearsAgo)
  })

  it('returns an access key once for an anonymous tip and stores only its hash', async () => {
    const key = newKey()
    const response = await app().inject(post(anonymousTip(), key))
    expect(response.statusCode).toBe(201)
    const { trackingCode, accessKey } = response.json()
    expect(accessKey).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/)
    const row = await tipByCode(trackingCode)
    expect(row.kind).toBe('tip')
    expect(row.access_key_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.reporter_name).toBeNull()
    expect(row.reporter_mobile).toBeNull()
    expect(row.mobile_hash).toBeNull()
    // Neither the report nor the stored answer (kept for replays) holds the key in plain text.
    const everything = JSON.stringify([await app().db.selectFrom('tips').selectAll().execute(), await storedKey(key)])
    expect(everything).not.toContain(accessKey)
    expect(everything).not.toContain(accessKey.replace(/-/g, ''))
    // A replay still hands the key back: the answer is stored encrypted, bound to its idempotency key.
    const replay = await app().inject(post(anonymousTip(), key))
    expect(replay.statusCode).toBe(201)
    expect(replay.json()).toEqual(response.json())
  })

  it('links a repeated report from the same phone about the same employer, never rejecting it', async () => {
    const employer = { name: '重复检测用工有限公司', uscc: '91440101MA5CXXXX0A' }
    const reporter = { name: '李四', mobile: '13900139000' }
    const first = await app().inject(post(complaint({ employer: { name: employer.name }, reporter })))
    expect(first.statusCode).toBe(201)
    const second = await app().inject(post(complaint({ employer: { name: employer.name }, reporter, workersOwed: 2 })))
    expect(second.statusCode).toBe(201)
    const other = await app().inject(post(complaint({ employer: { name: employer.name }, reporter: { ...reporter, mobile: '13700137000' } })))
    expect(other.statusCode).toBe(201)

    const firstRow = await tipByCode(first.json().trackingCode)
    const secondRow = await tipByCode(second.json().trackingCode)
    const otherRow = await tipByCode(other.json().trackingCode)
    expect(firstRow.duplicate_of).toBeNull()
    expect(secondRow.duplicate_of).toBe(firstRow.id)
    expect(otherRow.duplicate_of).toBeNull()
    expect(secondRow.employer_hash).toBe(firstRow.employer_hash)
  })

  it.each([
    { name: 'missing', key: null, code: 'idempotency_key_missing' },
    { name: 'too short', key: 'short', code: 'idempotency_key_invalid' },
    { name: 'with bad characters', key: 'key with spaces!', code: 'idempotency_key_invalid' },
    { name: 'too long', key: 'k'.repeat(101), code: 'idempotency_key_invalid' },
  ])('answers 400 when the Idempotency-Key is $name', async ({ key, code }) => {
    const before = await countTips()
    const response = await app().inject(post(complaint(), key))
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe(code)
    expect(response.json().error.message).toMatch(CHINESE)
    expect(await countTips()).toBe(before)
  })
})

describe.each(storages())('POST /api/v1/tips without site content on $name', (storage) => {
  const { app } = useApp(storage)

  it('answers 503 in Chinese and stores nothing', async () => {
    const response = await app().inject(post(complaint()))
    expect(response.statusCode).toBe(503)
    expect(response.json().error.message).toMatch(CHINESE)
    const rows = await app().db.selectFrom('tips').select('id').execute()
    expect(rows).toHaveLength(0)
  })
})
