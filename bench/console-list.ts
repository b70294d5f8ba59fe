/**
 * `npm run bench:console`: the staff inbox (GET /api/v1/admin/tips) over 10,000 reports, in process
 * (app.inject: routing, validation, the queries, decrypting the page's masked names, the audit
 * entry; no network). Four lists a console asks for: the default (whole city, by urgency), an
 * inspector's filtered view (overdue, open statuses), a search (part of an employer's name), and a
 * deep page (page 400 of 25). On SQLite and, when it answers, PostgreSQL (TEST_PG_URL). Target:
 * p95 ≤ 100 ms. A benchmark, not a test: it prints figures.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'

import { chinaDateOf } from '../src/core/calendar/working-days'
import { formatTrackingCode, TRACKING_CODE_RANDOM_BYTES } from '../src/core/tips/tracking-code'
import { generateStaffToken, staffTokenHashOf } from '../server/admin/staff-token'
import type { Config } from '../server/config'
import { migrate } from '../server/db/migrations'
import { loadSampleContentIfEmpty } from '../server/ingest/sample'
import { encryptField } from '../server/privacy/field-crypto'
import { createServer } from '../server/server'
import { dueColumnsOf, workCalendarIn } from '../server/tips/due-dates'
import { readSite } from '../server/content/content.repository'
import { printTable } from './load'
import { onEachDatabase } from './postgres'

const REPORTS = 10_000
const WARM_UP = 20
const RUNS = 200
const DAY = 24 * 60 * 60 * 1000
const STATUSES = ['submitted', 'submitted', 'accepted', 'investigating', 'investigating', 'closed', 'closed', 'closed', 'rejected'] as const
const EMPLOYERS = ['建筑劳务有限公司', '餐饮管理有限公司', '物业服务有限公司', '电子科技有限公司', '服装加工厂', '物流有限公司']

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]
}

async function seed(config: Config, db: Awaited<ReturnType<typeof createServer>>['db']): Promise<{ cityToken: string; inspectorToken: string; district: string }> {
  await loadSampleContentIfEmpty(db)
  const site = await readSite(db)
  if (!site) throw new Error('no site content')
  const districts = site.districts.map((district) => district.code)
  const calendar = await workCalendarIn(db)
  const now = Date.now()
  const cityToken = generateStaffToken()
  const inspectorToken = generateStaffToken()
  const inspectorId = randomUUID()
  await db
    .insertInto('staff')
    .values([
      { id: randomUUID(), kind: 'token', name: '市劳动保障监察支队', role: 'supervisor', district_code: null, token_hash: staffTokenHashOf(cityToken), created_at: now, revoked_at: null },
      { id: inspectorId, kind: 'token', name: '区劳动监察大队', role: 'inspector', district_code: districts[0], token_hash: staffTokenHashOf(inspectorToken), created_at: now, revoked_at: null },
    ])
    .execute()
  const keyring = config.fieldKeys
  for (let start = 0; start < REPORTS; start += 500) {
    const rows = []
    for (let index = start; index < Math.min(REPORTS, start + 500); index += 1) {
      const id = randomUUID()
      const status = STATUSES[index % STATUSES.length]
      const kind = index % 4 === 0 ? 'tip' : 'complaint'
      // Spread over the last 200 days: many open ones are overdue, some due soon.
      const createdAt = now - Math.floor(((index * 7919) % 200) * DAY + (index % 1000) * 1000)
      const submittedOn = chinaDateOf(new Date(createdAt))
      const acceptedOn = status === 'submitted' || status === 'rejected' ? null : submittedOn
      const at = (column: string) => ({ table: 'tips', rowId: id, column })
      const anonymous = kind === 'tip' && index % 8 === 0
      rows.push({
        id,
        tracking_code: formatTrackingCode(Buffer.from(id.replace(/-/g, '').slice(0, TRACKING_CODE_RANDOM_BYTES * 2).padEnd(TRACKING_CODE_RANDOM_BYTES * 2, '0'), 'hex')),
        access_key_hash: null,
        kind,
        district_code: districts[index % districts.length],
        status,
        reporter_name: anonymous ? null : encryptField(keyring, `测试${index}`, at('reporter_name')),
        reporter_mobile: anonymous ? null : encryptField(keyring, `139${String(index).padStart(8, '0')}`, at('reporter_mobile')),
        reporter_id_number: null,
        mobile_hash: null,
        mobile_last4_hash: null,
        employer_name: `第${index % 997}号${EMPLOYERS[index % EMPLOYERS.length]}`,
        employer_uscc: null,
        employer_hash: `employer-${index % 997}`,
        work_address: `天河区天河路${index % 500}号`,
        is_construction: index % 3 === 0 ? 1 : 0,
        project_name: null,
        workers_owed: 1 + (index % 50),
        amount_fen: 100_000 + index * 137,
        amount_approximate: 0,
        owed_from: '2025-06',
        owed_to: '2025-09',
        description: '工程完工后老板一直拖着不发工资，多次讨要无果。',
        consent_sensitive: 1,
        created_at: createdAt,
        duplicate_of: null,
        deadlines: '{}',
        accepted_on: acceptedOn,
        handler_id: acceptedOn !== null && index % 2 === 0 ? inspectorId : null,
        address_hash: `address-${index % 500}`,
        ...dueColumnsOf({ kind, status, createdAt, acceptedOn, extended: false }, calendar),
      })
    }
    await db.insertInto('tips').values(rows).execute()
  }
  return { cityToken, inspectorToken, district: districts[0] }
}

const rows: string[][] = []

async function measure(label: string, config: Config): Promise<void> {
  const server = await createServer(config, { logger: false })
  try {
    await server.ready()
    await migrate(server.db)
    const seeded = Date.now()
    const { cityToken, inspectorToken } = await seed(config, server.db)
    console.log(`${label}: ${REPORTS} reports seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)
    const cases: [string, string, string][] = [
      ['default (city, urgency)', cityToken, '/api/v1/admin/tips'],
      ['inspector, overdue, open', inspectorToken, '/api/v1/admin/tips?view=overdue&statuses=submitted,accepted,investigating&kind=complaint'],
      ['search 餐饮', cityToken, `/api/v1/admin/tips?q=${encodeURIComponent('餐饮')}`],
      ['deep page 400 × 25', cityToken, '/api/v1/admin/tips?page=400&pageSize=25'],
    ]
    for (const [name, token, url] of cases) {
      const ask = async () => {
        const response = await server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
        if (response.statusCode !== 200) throw new Error(`${name}: HTTP ${response.statusCode} ${response.body}`)
        return response.json() as { items: unknown[]; total: number }
      }
      for (let index = 0; index < WARM_UP; index += 1) await ask()
      const latencies: number[] = []
      let last = { items: [] as unknown[], total: 0 }
      for (let index = 0; index < RUNS; index += 1) {
        const started = process.hrtime.bigint()
        last = await ask()
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
      }
      latencies.sort((a, b) => a - b)
      rows.push([label, name, String(last.total), String(last.items.length), percentile(latencies, 0.5).toFixed(1), percentile(latencies, 0.95).toFixed(1)])
    }
  } finally {
    await server.close()
  }
}

async function main() {
  console.log(`staff inbox over ${REPORTS} reports: ${WARM_UP} to warm up, then ${RUNS} timed one at a time; Node ${process.versions.node}, ${os.cpus().length} cores`)
  await onEachDatabase('console', measure)
  printTable(['storage', 'list', 'total', 'items', 'p50 ms', 'p95 ms'], rows, 2)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
