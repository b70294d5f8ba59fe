/**
 * `npm run bench:figures`: the annual figures (GET /api/v1/admin/figures and its xlsx export) over
 * 100,000 reports spread over three years (with their accept, reject and close events, outcomes and
 * ratings), 1,000,000 usage counter rows and 100,000 contest attempts, in process (app.inject: no
 * network). A city-wide year, an inspector's year, the longest period (three years) and the export.
 * On SQLite and, when it answers, PostgreSQL (TEST_PG_URL). Target: p95 ≤ 300 ms on PostgreSQL.
 * A benchmark, not a test: it prints figures.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'

import { sql } from 'kysely'

import { addDays } from '../src/core/calendar/day'
import { chinaDateOf } from '../src/core/calendar/working-days'
import { CLOSE_METHODS } from '../src/core/tips/outcome'
import { TIP_RATINGS } from '../src/core/tips/rating'
import { generateStaffToken, staffTokenHashOf } from '../server/admin/staff-token'
import type { Config } from '../server/config'
import { migrate } from '../server/db/migrations'
import { loadSampleContentIfEmpty } from '../server/ingest/sample'
import { createServer } from '../server/server'
import { readSite } from '../server/content/content.repository'
import { printTable } from './load'
import { onEachDatabase } from './postgres'

const REPORTS = 100_000
const COUNTER_ROWS = 1_000_000
const ATTEMPTS = 100_000
const PARTICIPANTS = 30_000
const WARM_UP = 3
const RUNS = 20
const DAY = 24 * 60 * 60 * 1000
const FIRST_DAY = '2024-01-01'
const DAYS = 3 * 365
const CATEGORIES = ['就业创业', '社会保险', '劳动关系', '工资支付', '人才人事', '职业技能']
const STATUSES = ['submitted', 'accepted', 'investigating', 'closed', 'closed', 'closed', 'closed', 'rejected'] as const

type Db = Awaited<ReturnType<typeof createServer>>['db']

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]
}

const chinaNoon = (date: string): number => Date.parse(`${date}T12:00:00+08:00`)

async function inBatches<T>(count: number, size: number, make: (index: number) => T, write: (rows: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += size) {
    const rows: T[] = []
    for (let index = start; index < Math.min(count, start + size); index += 1) rows.push(make(index))
    await write(rows)
  }
}

async function seed(db: Db): Promise<{ cityToken: string; inspectorToken: string }> {
  await loadSampleContentIfEmpty(db)
  const site = await readSite(db)
  if (!site) throw new Error('no site content')
  const districts = site.districts.map((district) => district.code)
  const now = Date.now()
  const cityToken = generateStaffToken()
  const inspectorToken = generateStaffToken()
  await db
    .insertInto('staff')
    .values([
      { id: randomUUID(), kind: 'token', name: '市劳动保障监察支队', role: 'supervisor', district_code: null, token_hash: staffTokenHashOf(cityToken), created_at: now, revoked_at: null },
      { id: randomUUID(), kind: 'token', name: '区劳动监察大队', role: 'inspector', district_code: districts[0], token_hash: staffTokenHashOf(inspectorToken), created_at: now, revoked_at: null },
    ])
    .execute()

  // Reports, and the events of their decisions and closing.
  const events: { id: string; tip_id: string; from_status: string; to_status: string; note_to_reporter: null; internal_note: null; staff_id: null; at: number; action: string; detail: string }[] = []
  await inBatches(
    REPORTS,
    500,
    (index) => {
      const id = randomUUID()
      const status = STATUSES[index % STATUSES.length]
      const receivedOn = addDays(FIRST_DAY, (index * 7919) % DAYS)
      const createdAt = chinaNoon(receivedOn)
      const decidedOn = addDays(receivedOn, index % 11)
      const acceptedOn = status === 'submitted' || status === 'rejected' ? null : decidedOn
      const event = (from: string, to: string, action: string, at: number) =>
        events.push({ id: randomUUID(), tip_id: id, from_status: from, to_status: to, note_to_reporter: null, internal_note: null, staff_id: null, at, action, detail: '{}' })
      if (acceptedOn !== null) event('submitted', 'accepted', 'accept', chinaNoon(acceptedOn))
      if (status === 'rejected') event('submitted', 'rejected', 'reject', chinaNoon(decidedOn))
      const closedAt = chinaNoon(addDays(receivedOn, 20 + (index % 80)))
      if (status === 'closed') event('investigating', 'closed', 'close', closedAt)
      return {
        id,
        tracking_code: `BENCH-${String(index).padStart(8, '0')}`,
        access_key_hash: null,
        kind: index % 4 === 0 ? 'tip' : 'complaint',
        district_code: districts[index % districts.length],
        status,
        reporter_name: null,
        reporter_mobile: null,
        reporter_id_number: null,
        mobile_hash: null,
        mobile_last4_hash: null,
        employer_name: `第${index % 997}号建筑劳务有限公司`,
        employer_uscc: null,
        employer_hash: `employer-${index % 997}`,
        work_address: `天河区天河路${index % 500}号`,
        is_construction: 1,
        project_name: null,
        workers_owed: 1 + (index % 50),
        amount_fen: 100_000 + index * 137,
        amount_approximate: 0,
        owed_from: '2024-01',
        owed_to: '2024-03',
        description: '工程完工后老板一直拖着不发工资，多次讨要无果。',
        consent_sensitive: 0,
        created_at: createdAt,
        duplicate_of: null,
        deadlines: '{}',
        accepted_on: acceptedOn,
        handler_id: null,
        address_hash: null,
        outcome: status === 'closed' ? JSON.stringify({ method: CLOSE_METHODS[index % CLOSE_METHODS.length], recoveredFen: (index % 5) * 1_234_500, workersPaid: index % 13 }) : null,
        rating: status === 'closed' && index % 3 !== 0 ? TIP_RATINGS[index % TIP_RATINGS.length] : null,
        rated_at: status === 'closed' && index % 3 !== 0 ? closedAt + DAY : null,
        due_on: null,
      }
    },
    (rows) => db.insertInto('tips').values(rows).execute(),
  )
  for (let start = 0; start < events.length; start += 1000) await db.insertInto('tip_events').values(events.slice(start, start + 1000)).execute()

  // Counters: explainer reads of 900 explainers (the sample's and others since removed) every day,
  // practice answers by category.
  const policies = (await db.selectFrom('content_items').select('id').where('type', '=', 'policy').execute()).map((row) => row.id)
  const explainers = Array.from({ length: 900 }, (_, index) => policies[index] ?? `removed-explainer-${index}`)
  const practiceRows = CATEGORIES.length * 2 * DAYS
  await inBatches(
    COUNTER_ROWS,
    5000,
    (index) => {
      if (index < practiceRows) {
        const category = CATEGORIES[index % CATEGORIES.length]
        const metric = Math.floor(index / CATEGORIES.length) % 2 === 0 ? 'practice_answered' : 'practice_right'
        return { metric, subject: category, day: addDays(FIRST_DAY, Math.floor(index / (CATEGORIES.length * 2))), count: metric === 'practice_answered' ? 40 : 25 + (index % 10) }
      }
      const reading = index - practiceRows
      return { metric: 'policy_read', subject: explainers[reading % explainers.length], day: addDays(FIRST_DAY, Math.floor(reading / explainers.length)), count: 1 + (reading % 30) }
    },
    (rows) => db.insertInto('usage_counters').values(rows).execute(),
  )

  // Contest participants and their attempts.
  const contest = await db.selectFrom('contests').select('id').executeTakeFirstOrThrow()
  await inBatches(
    PARTICIPANTS,
    2000,
    (index) => ({ id: `participant-${index}`, token_hash: `hash-${index}`, district_code: districts[index % districts.length], nickname: null, show_on_board: 0, created_at: now }),
    (rows) => db.insertInto('quiz_participants').values(rows).execute(),
  )
  await inBatches(
    ATTEMPTS,
    1000,
    (index) => {
      const day = addDays(FIRST_DAY, (index * 31) % DAYS)
      const startedAt = chinaNoon(day)
      return {
        id: `attempt-${index}`,
        contest_id: contest.id,
        participant_id: `participant-${index % PARTICIPANTS}`,
        china_date: day,
        ordinal: Math.floor(index / PARTICIPANTS) + 1,
        questions: '[]',
        started_at: startedAt,
        deadline_at: startedAt + 600_000,
        last_answer_at: startedAt,
        finished_at: index % 10 === 0 ? null : startedAt + 300_000,
        score: index % 10 === 0 ? null : 60 + (index % 40),
        time_used_ms: index % 10 === 0 ? null : 300_000,
      }
    },
    (rows) => db.insertInto('quiz_attempts').values(rows).execute(),
  )
  return { cityToken, inspectorToken }
}

const rows: string[][] = []

async function measure(label: string, config: Config): Promise<void> {
  const server = await createServer(config, { logger: false })
  try {
    await server.ready()
    await migrate(server.db)
    const seeded = Date.now()
    const { cityToken, inspectorToken } = await seed(server.db)
    // A database in use is vacuumed and analysed by PostgreSQL's autovacuum; a freshly loaded one not yet.
    if (label === 'PostgreSQL') await sql`VACUUM ANALYZE`.execute(server.db)
    console.log(`${label}: ${REPORTS} reports, ${COUNTER_ROWS} counter rows, ${ATTEMPTS} attempts seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)
    const longest = `from=${FIRST_DAY}&to=${addDays(FIRST_DAY, DAYS - 1)}`
    const cases: [string, string, string][] = [
      ['city, 2025', cityToken, '/api/v1/admin/figures?from=2025-01-01&to=2025-12-31'],
      ['inspector, 2025', inspectorToken, '/api/v1/admin/figures?from=2025-01-01&to=2025-12-31'],
      ['city, three years', cityToken, `/api/v1/admin/figures?${longest}`],
      ['export xlsx, 2025', cityToken, '/api/v1/admin/figures/export?from=2025-01-01&to=2025-12-31'],
    ]
    for (const [name, token, url] of cases) {
      let received = 0
      const ask = async () => {
        const response = await server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
        if (response.statusCode !== 200) throw new Error(`${name}: HTTP ${response.statusCode} ${response.body}`)
        if (!url.includes('/export')) received = (response.json() as { reports: { total: { received: number } } }).reports.total.received
      }
      for (let index = 0; index < WARM_UP; index += 1) await ask()
      const latencies: number[] = []
      for (let index = 0; index < RUNS; index += 1) {
        const started = process.hrtime.bigint()
        await ask()
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
      }
      latencies.sort((a, b) => a - b)
      rows.push([label, name, url.includes('/export') ? '—' : String(received), percentile(latencies, 0.5).toFixed(1), percentile(latencies, 0.95).toFixed(1)])
      console.log(rows[rows.length - 1].join('  '))
    }
  } finally {
    await server.close()
  }
}

async function main() {
  console.log(
    `annual figures over ${REPORTS} reports, ${COUNTER_ROWS} counter rows and ${ATTEMPTS} attempts (${chinaDateOf(new Date())}): ${WARM_UP} to warm up, then ${RUNS} timed one at a time; Node ${process.versions.node}, ${os.cpus().length} cores`,
  )
  await onEachDatabase('figures', measure)
  printTable(['storage', 'request', 'reports received', 'p50 ms', 'p95 ms'], rows, 2)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
