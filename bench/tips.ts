/**
 * `npm run bench:tips`: durable reports per second, and their latency, at 32 at a time. First over
 * real HTTP against the real service (`pufa serve` in its own process, RATE_LIMITS=false); then its
 * peer, a bare Fastify route in its own process storing the same row with one durable insert on the
 * same database (bench/tips-peer.ts), with the same load; then the route's transaction straight on
 * the same database with nothing in front (idempotency key, report with encrypted fields and keyed
 * hashes, key completion), on SQLite and, when it answers, PostgreSQL (TEST_PG_URL). A benchmark,
 * not a test: it prints figures, and the service's share of the peer's reports per second.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'


import { chinaDateOf } from '../src/core/calendar/working-days'
import { workCalendarOf } from '../src/core/sync/work-calendar'
import { reportDeadlines } from '../src/core/tips/deadlines'
import { validateReport, type ValidReport } from '../src/core/tips/report'
import { REPO_ROOT, type Config } from '../server/config'
import { openDatabase } from '../server/db/database'
import { recordTip } from '../server/tips/record-tip'
import { readHolidayCalendars, readSite } from '../server/content/content.repository'
import { serverEnvironment, startServerProcess } from '../test/server/server-process'
import { freePort } from '../test/support/free-port'
import { figuresOf, printTable, runConcurrently, send, type Figures } from './load'
import { onEachDatabase } from './postgres'

const WARM_UP = 200
const COUNT = 2000
const CONCURRENCY = 32
/** The service's share of the bare-Fastify peer's reports per second that it aims at. */
const AIM = 0.5

/** Report `index`: a real-name complaint, every one from another phone. */
function reportBody(index: number): Record<string, unknown> {
  return {
    kind: 'complaint',
    reporter: { name: '基准测试', mobile: `139${String(index).padStart(8, '0')}`, residentId: '11010519491231002X' },
    employer: { name: '基准测试建筑劳务有限公司', uscc: '91440300708461136T' },
    districtCode: '440106',
    workAddress: '天河区天河路385号工地',
    isConstruction: true,
    constructionProject: '天河北综合楼',
    workersOwed: 1 + (index % 200),
    amountYuan: `${10_000 + index}.00`,
    owedPeriod: { from: '2025-06', to: '2025-09' },
    description: '工程完工后老板一直拖着不发工资，多次讨要无果。',
    consentSensitive: true,
    truthful: true,
  }
}

/** WARM_UP then COUNT reports posted to `url`, 32 at a time on kept-alive connections (like a reverse proxy in front). */
async function postReports(url: string, keyPrefix: string): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  // Made beforehand: the load generator shares the cores with the server, so it does as little as it can.
  const payloads = Array.from({ length: WARM_UP + COUNT }, (_, index) => Buffer.from(JSON.stringify(reportBody(index)), 'utf8'))
  const operation = async (index: number) => {
    const { status } = await send(agent, 'POST', url, { 'idempotency-key': `${keyPrefix}-${index}` }, payloads[index])
    if (status !== 201) throw new Error(`report ${index}: HTTP ${status}`)
  }
  try {
    await runConcurrently(CONCURRENCY, WARM_UP, 0, operation)
    return figuresOf(await runConcurrently(CONCURRENCY, COUNT, WARM_UP, operation))
  } finally {
    agent.destroy()
  }
}

async function overHttp(config: Config): Promise<Figures> {
  // The service as deployed: its own process, default log level (one line per request).
  const server = await startServerProcess(serverEnvironment(config, { RATE_LIMITS: 'false', LOG_LEVEL: 'info' }))
  try {
    return await postReports(`${server.url}api/v1/tips`, 'bench-http')
  } finally {
    server.kill('SIGTERM')
    await server.exited
  }
}

/** The bare-Fastify peer (bench/tips-peer.ts) in its own process on the same database. */
async function bareFastifyPeer(config: Config): Promise<Figures> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'tips-peer.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...serverEnvironment(config, { PORT: String(port), LOG_LEVEL: 'silent' }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        if (chunk.includes('peer listening')) resolve()
      })
      void exited.then(() => reject(new Error('the bare-Fastify peer exited early')))
    })
    return await postReports(`http://127.0.0.1:${port}/api/v1/tips`, 'bench-peer')
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

/** The route's transaction (recordTip), with nothing in front of it: no HTTP, no JSON, no validation. */
async function straightOnTheDatabase(config: Config): Promise<Figures> {
  const { db, close } = openDatabase(config)
  try {
    const site = await readSite(db)
    if (!site) throw new Error('no site content: the HTTP run should have loaded the sample')
    const today = new Date()
    const deadlines = reportDeadlines(chinaDateOf(today), workCalendarOf(await readHolidayCalendars(db)))
    const reportOf = (index: number): ValidReport => {
      const verdict = validateReport(reportBody(index), { districts: site.districts, today })
      if (!verdict.ok) throw new Error(`report ${index} is invalid: ${JSON.stringify(verdict.fields)}`)
      return verdict.value
    }
    const prepared = new Map<number, ValidReport>()
    for (let index = WARM_UP + COUNT; index < 2 * (WARM_UP + COUNT); index += 1) prepared.set(index, reportOf(index))

    const operation = async (index: number) => {
      await recordTip(db, config, { idempotencyKey: `bench-raw-${index}`, report: prepared.get(index)!, now: Date.now(), deadlines, wechatUserId: null })
    }
    await runConcurrently(CONCURRENCY, WARM_UP, WARM_UP + COUNT, operation)
    const figures = figuresOf(await runConcurrently(CONCURRENCY, COUNT, 2 * WARM_UP + COUNT, operation))

    // Every report of the three runs is there, once.
    const stored = await db.selectFrom('tips').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    if (Number(stored.count) !== 3 * (WARM_UP + COUNT)) throw new Error(`expected ${3 * (WARM_UP + COUNT)} reports, found ${stored.count}`)
    return figures
  } finally {
    await close()
  }
}

const rows: string[][] = []
const ratios: string[] = []

async function measure(label: string, config: Config): Promise<void> {
  const network = await overHttp(config)
  const peer = await bareFastifyPeer(config)
  const raw = await straightOnTheDatabase(config)
  const cells = (figures: Figures) => [figures.perSecond.toFixed(0), figures.p50.toFixed(1), figures.p99.toFixed(1)]
  const ofPeer = network.perSecond / peer.perSecond
  rows.push([label, 'HTTP, pufa serve', ...cells(network), ofPeer.toFixed(2), (network.perSecond / raw.perSecond).toFixed(2)])
  rows.push([label, 'HTTP, bare Fastify, one insert', ...cells(peer), '', ''])
  rows.push([label, 'recordTip, no HTTP', ...cells(raw), '', ''])
  ratios.push(`${label}: pufa serve at ${ofPeer.toFixed(2)}× the bare-Fastify peer's reports/s (aim ≥ ${AIM}) ${ofPeer >= AIM ? 'met' : 'NOT met'}`)
}

async function main() {
  console.log(
    `durable reports: ${WARM_UP} to warm up, then ${COUNT} timed, ${CONCURRENCY} at a time; ` +
      `Node ${process.versions.node}, ${os.cpus().length} cores`,
  )
  await onEachDatabase('tips', measure)
  printTable(['storage', 'path', 'reports/s', 'p50 ms', 'p99 ms', '÷ peer', '÷ recordTip'], rows, 2)
  console.log('')
  for (const line of ratios) console.log(line)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
