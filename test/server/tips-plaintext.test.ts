// Reporters' names, mobiles and ID numbers are never readable outside the app: not in a dump of
// the PostgreSQL database, and not in the server's log, even at its most talkative level. (The
// SQLite file is checked the same way in tips.test.ts.)
import { spawnSync } from 'node:child_process'

import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { residentIdCheckChar } from './bad-tips'
import { postJson, serverEnvironment, startServerProcess } from './server-process'
import { POSTGRES, postgresOnly, storages, useApp, useStorage } from './storage'

jest.setTimeout(120_000)

const CHINESE = /[\u4e00-\u9fff]/
const EMPLOYER = '鼎盛明文检查劳务有限公司'
const DESCRIPTION = '工程结束后老板拖欠全班组三个月工资，多次讨要无果。'

function residentId(first17: string): string {
  return first17 + residentIdCheckChar(first17)
}

function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
}

interface Reporter {
  name: string
  /** As typed into the form; the server keeps the digits. */
  mobile: string
  digits: string
  residentId?: string
}

// Distinctive values, each written the way a person might type it.
const REPORTERS: Reporter[] = [
  { name: '慕容雪芹', mobile: '159-2026-1128', digits: '15920261128', residentId: residentId('44010619880715007') },
  { name: '诸葛铁柱', mobile: '177 1234 5098', digits: '17712345098', residentId: residentId('51010719790203871') },
  { name: '上官秋菊', mobile: '18698765432', digits: '18698765432' },
]

/** Every form of the personal data that must not appear: as typed, as stored, either case of X. */
function personalForms(reporters: Reporter[]): string[] {
  return reporters.flatMap((reporter) => [
    reporter.name,
    reporter.mobile,
    reporter.digits,
    ...(reporter.residentId ? [reporter.residentId, reporter.residentId.toLowerCase()] : []),
  ])
}

function report(reporter: Reporter): Record<string, unknown> {
  return {
    kind: reporter.residentId ? 'complaint' : 'tip',
    reporter: { name: reporter.name, mobile: reporter.mobile, ...(reporter.residentId ? { residentId: reporter.residentId } : {}) },
    employer: { name: EMPLOYER },
    districtCode: '440111',
    workAddress: '白云区机场路1963号工地',
    isConstruction: false,
    workersOwed: 8,
    amountYuan: '64000.00',
    owedPeriod: { from: '2025-06', to: '2025-08' },
    description: DESCRIPTION,
    consentSensitive: true,
    truthful: true,
  }
}

let keyCounter = 0
function newKey(): string {
  keyCounter += 1
  return `plaintext-${Date.now()}-${keyCounter}`
}

const postgres = postgresOnly()

;(postgres.length > 0 ? describe : describe.skip)('pg_dump of the PostgreSQL database', () => {
  const { app, config } = useApp(POSTGRES, { RATE_LIMITS: 'false' })

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    for (const reporter of REPORTERS) {
      const response = await app().inject({
        method: 'POST',
        url: '/api/v1/tips',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        payload: report(reporter),
      })
      expect(response.statusCode).toBe(201)
    }
  })

  it('holds no reporter name, mobile or ID number in plain text, but the rest of the report', () => {
    const dump = spawnSync('pg_dump', ['--no-owner', '--dbname', config().databaseUrl!], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    expect(dump.error).toBeUndefined()
    expect(dump.stderr).toBe('')
    expect(dump.status).toBe(0)
    // The dump has the reports: the check would see plain text if there were any.
    expect(dump.stdout).toContain(EMPLOYER)
    expect(dump.stdout).toContain(DESCRIPTION)
    expect(dump.stdout.split(EMPLOYER).length - 1).toBeGreaterThanOrEqual(REPORTERS.length)
    // One ID number ends in X, so both ways of writing it are looked for.
    expect(REPORTERS[0].residentId).toMatch(/X$/)
    for (const text of personalForms(REPORTERS)) expect(dump.stdout).not.toContain(text)
  })
})

describe.each(storages())('the server log at LOG_LEVEL=trace on $name', (storage) => {
  const { config } = useStorage(storage)

  it('holds no personal data from reports, whatever the answer was', async () => {
    const server = await startServerProcess(serverEnvironment(config(), { RATE_LIMITS: 'false', LOG_LEVEL: 'trace' }))
    const tips = `${server.url}api/v1/tips`
    const secrets = [...personalForms(REPORTERS), DESCRIPTION]
    const statuses: number[] = []
    try {
      for (const reporter of REPORTERS) {
        const key = newKey()
        const created = await postJson(tips, report(reporter), { 'idempotency-key': key })
        expect(created.status).toBe(201)
        const { trackingCode, accessKey } = JSON.parse(created.body) as { trackingCode: string; accessKey?: string }
        secrets.push(trackingCode, ...(accessKey ? [accessKey] : []))
        statuses.push(created.status)
        // The replay, the same key with other content, and many at once with one key.
        statuses.push((await postJson(tips, report(reporter), { 'idempotency-key': key })).status)
        statuses.push((await postJson(tips, { ...report(reporter), workersOwed: 9 }, { 'idempotency-key': key })).status)
        const racingKey = newKey()
        const racing = await Promise.all(Array.from({ length: 10 }, () => postJson(tips, report(reporter), { 'idempotency-key': racingKey })))
        statuses.push(...racing.map((answer) => answer.status))
      }
      const [reporter] = REPORTERS
      const bad = [
        // A bad ID number beside a good name and mobile.
        postJson(tips, { ...report(reporter), reporter: { name: reporter.name, mobile: reporter.mobile, residentId: withWrongCheck(reporter.residentId!) } }, { 'idempotency-key': newKey() }),
        // The personal data in unknown fields, and in an unparseable body.
        postJson(tips, { ...report(reporter), [reporter.digits]: reporter.name, contact: reporter.mobile }, { 'idempotency-key': newKey() }),
        postJson(tips, Buffer.from(`{"reporter":{"name":"${reporter.name}","mobile":"${reporter.digits}"`), { 'idempotency-key': newKey() }),
        // Over the body limit, without a key, as a form, and in the URL.
        postJson(tips, { ...report(reporter), description: `${reporter.name}${reporter.digits}`.repeat(60_000) }, { 'idempotency-key': newKey() }),
        postJson(tips, report(reporter)),
        postJson(tips, report(reporter), { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': newKey() }),
        postJson(`${tips}?mobile=${reporter.digits}&name=${encodeURIComponent(reporter.name)}`, report(reporter), { 'idempotency-key': newKey() }),
      ]
      statuses.push(...(await Promise.all(bad)).map((answer) => answer.status))
    } finally {
      server.kill('SIGTERM')
    }
    expect(await server.exited).toEqual({ code: 0, signal: null })

    // Every kind of answer was given (409 only when a racing duplicate finds the first in flight), and logged.
    const kinds = [201, 400, 413, 415, 422]
    expect([...new Set(statuses)].filter((status) => status !== 409).sort()).toEqual(kinds)
    const output = server.output()
    for (const status of kinds) expect(output).toContain(`"path":"/api/v1/tips","statusCode":${status}`)
    expect(output).toMatch(CHINESE)
    for (const secret of secrets) expect(output).not.toContain(secret)
  })
})
