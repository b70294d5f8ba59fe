/**
 * `npm run bench:sync`: the content pipeline on a generated feed of 1,000 policy explainers of
 * about 3 KB each. Measures the ingest, then a phone's cold sync (every page, gzip, bytes on the
 * wire over loopback) and warm sync (nothing new) against the real service, on SQLite and, when
 * it answers, PostgreSQL (TEST_PG_URL). Then the service under load beside its peer: the first
 * page and its 304, from `pufa serve` (own process, log at info to a file) and from nginx serving
 * the same bytes as files (gzip_static, ETag on), with wrk at 32 connections, in the same run.
 * Needs Debian's nginx and wrk. A benchmark, not a test: it prints figures.
 */
import { EventEmitter } from 'node:events'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'


import { loadConfig, prepareDataDir, type Config } from '../server/config'
import { openDatabase } from '../server/db/database'
import { migrate } from '../server/db/migrations'
import { ingestSource } from '../server/ingest/ingest'
import { fileSource } from '../server/ingest/sources'
import { listen } from '../server/server'
import { freePort } from '../test/support/free-port'
import { serverEnvironment } from '../test/server/server-process'
import { generateFeed, SYNC_SHAPE } from './explainers'
import { printTable } from './load'
import { loadWithWrk, requireTools, startNginx, startService, type LoadFigures, type Peer } from './peers'
import { PG_URL_SHOWN, postgresDatabase } from './postgres'

const ITEMS = SYNC_SHAPE.count
const PAGE_SIZE = 200
const CONNECTIONS = 32
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
/** The service's share of nginx's requests per second that the hot path aims at. */
const AIM = 0.3

interface Exchange {
  status: number
  /** Bytes the client received: status line, headers and (compressed) body. */
  bytes: number
  body: Buffer
  headers: http.IncomingHttpHeaders
}

function get(url: string, headers: Record<string, string>): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const socket = response.socket
        const bytes = socket.bytesRead
        resolve({ status: response.statusCode ?? 0, bytes, body: Buffer.concat(chunks), headers: response.headers })
      })
    })
    request.on('error', reject)
  })
}

interface Page {
  items: { data?: unknown }[]
  cursor: string
  hasMore: boolean
}

function decoded(exchange: Exchange): Page {
  const raw = exchange.headers['content-encoding'] === 'gzip' ? gunzipSync(exchange.body) : exchange.body
  return JSON.parse(raw.toString('utf8')) as Page
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function measure(label: string, config: Config, feedFile: string, contentGzipBytes: number): Promise<void> {
  const database = openDatabase(config)
  let ingestMs: number
  try {
    await migrate(database.db)
    const started = performance.now()
    const report = await ingestSource(database.db, fileSource(feedFile))
    ingestMs = performance.now() - started
    if (report.outcome !== 'ingested' || report.added !== ITEMS) throw new Error(`ingest: ${report.outcome} ${report.error ?? ''} added ${report.added}`)
  } finally {
    await database.close()
  }

  const signals = new EventEmitter()
  const emptySampleDir = mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-nosample-'))
  const running = await listen({ ...config, port: await freePort() }, { logger: false, signals, sampleFeedDir: emptySampleDir })
  const base = `${running.url}api/v1/content/changes`
  const gzip = { 'accept-encoding': 'gzip' }
  try {
    await get(`${base}?limit=1`, gzip)

    let since: string | undefined
    let received = 0
    let pages = 0
    let items = 0
    let last: Exchange | undefined
    const coldStarted = performance.now()
    for (;;) {
      const exchange = await get(`${base}?limit=${PAGE_SIZE}${since ? `&since=${since}` : ''}`, gzip)
      if (exchange.status !== 200) throw new Error(`cold sync: HTTP ${exchange.status}`)
      const page = decoded(exchange)
      received += exchange.bytes
      pages += 1
      items += page.items.length
      since = page.cursor
      last = exchange
      if (!page.hasMore) break
    }
    const coldMs = performance.now() - coldStarted
    if (items !== ITEMS) throw new Error(`cold sync saw ${items} items`)

    const warmStarted = performance.now()
    const warm = await get(`${base}?since=${since}`, gzip)
    const warmMs = performance.now() - warmStarted
    const notModified = await get(`${base}?since=${since}`, { ...gzip, 'if-none-match': String(warm.headers.etag) })
    if (warm.status !== 200 || decoded(warm).items.length !== 0 || notModified.status !== 304) throw new Error('warm sync did not find nothing new')
    void last

    console.log(`\n${label}`)
    console.log(`  ingest of ${ITEMS} explainers: ${ingestMs.toFixed(0)} ms (${(ingestMs / ITEMS).toFixed(2)} ms per item)`)
    console.log(`  cold sync: ${pages} pages of up to ${PAGE_SIZE}, ${kb(received)} on the wire (gzip, headers included), ${coldMs.toFixed(0)} ms over loopback`)
    console.log(`  warm sync, nothing new: ${warm.bytes} bytes (200 with an empty page) in ${warmMs.toFixed(1)} ms; with If-None-Match: ${notModified.bytes} bytes (304)`)
    console.log(`  ratio cold-sync bytes ÷ gzip size of the content: ${(received / contentGzipBytes).toFixed(3)} (aim ≤ 1.1)`)
    console.log(`  warm-sync bytes: ${warm.bytes} (aim ≤ 1024)`)
  } finally {
    signals.emit('SIGTERM', 'SIGTERM')
    await running.stopped
    rmSync(emptySampleDir, { recursive: true, force: true })
  }
}

interface Served {
  status: number
  etag: string
  raw: Buffer
}

async function fetchOnce(url: string, headers: Record<string, string>): Promise<Served> {
  const exchange = await get(url, headers)
  return { status: exchange.status, etag: String(exchange.headers.etag), raw: exchange.body }
}

const loadRows: string[][] = []
const ratioLines: string[] = []

/** The first page (gzip) and its 304 under load, from the service and from nginx serving the same bytes. */
async function againstNginx(label: string, config: Config, dir: string): Promise<void> {
  const service = await startService(serverEnvironment(config, { RATE_LIMITS: 'false' }), path.join(dir, `service-${label}.log`))
  let nginx: Peer | undefined
  let www: string | undefined
  try {
    const pageUrl = `${service.url}api/v1/content/changes`
    const gzip = { 'accept-encoding': 'gzip' }
    const page = await fetchOnce(pageUrl, gzip)
    const text = await fetchOnce(pageUrl, {})
    if (page.status !== 200 || text.status !== 200 || gunzipSync(page.raw).toString('utf8') !== text.raw.toString('utf8')) throw new Error('the service did not serve the first page')

    // Readable by nginx's workers, which drop to an unprivileged user when started as root.
    www = mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-www-'))
    chmodSync(www, 0o755)
    writeFileSync(path.join(www, 'changes.json'), text.raw)
    writeFileSync(path.join(www, 'changes.json.gz'), page.raw)
    nginx = await startNginx(www, path.join(dir, `nginx-${label}`), 'application/json; charset=utf-8')
    const nginxUrl = `${nginx.url}changes.json`
    const fromNginx = await fetchOnce(nginxUrl, gzip)
    if (fromNginx.status !== 200 || !fromNginx.raw.equals(page.raw)) throw new Error(`nginx did not serve the same bytes: HTTP ${fromNginx.status}, ${fromNginx.raw.length} bytes for ${page.raw.length}`)

    const peers = [
      { name: 'nginx', peer: nginx, url: nginxUrl, etag: fromNginx.etag },
      { name: 'pufa serve', peer: service, url: pageUrl, etag: page.etag },
    ]
    const figures = new Map<string, LoadFigures>()
    for (const answer of ['200', '304'] as const) {
      for (const { name, peer, url, etag } of peers) {
        const headers = answer === '304' ? { ...gzip, 'if-none-match': etag } : gzip
        const check = await fetchOnce(url, headers)
        if (String(check.status) !== answer) throw new Error(`${name}: HTTP ${check.status} where ${answer} was due`)
        const measured = loadWithWrk(url, headers, { connections: CONNECTIONS, seconds: LOAD_SECONDS, serverPids: peer.pids })
        figures.set(`${name} ${answer}`, measured)
        const nginxFigures = figures.get(`nginx ${answer}`)!
        loadRows.push([
          label,
          name,
          answer === '200' ? `200, ${kb(page.raw.length)} gzip` : '304',
          measured.perSecond.toFixed(0),
          measured.p50Ms.toFixed(2),
          measured.p99Ms.toFixed(2),
          (measured.cpuMsPerRequest * 1000).toFixed(0),
          measured.bytesPerRequest.toFixed(0),
          name === 'nginx' ? '' : (measured.perSecond / nginxFigures.perSecond).toFixed(3),
        ])
      }
    }
    for (const answer of ['200', '304']) {
      const ratio = figures.get(`pufa serve ${answer}`)!.perSecond / figures.get(`nginx ${answer}`)!.perSecond
      const cpu = figures.get(`pufa serve ${answer}`)!.cpuMsPerRequest / figures.get(`nginx ${answer}`)!.cpuMsPerRequest
      ratioLines.push(`${label}: ${answer} at ${ratio.toFixed(3)}× nginx's requests/s (aim ≥ ${AIM}) ${ratio >= AIM ? 'met' : 'NOT met'}; ${cpu.toFixed(1)}× its CPU per request`)
    }
  } finally {
    await nginx?.stop()
    await service.stop()
    if (www !== undefined) rmSync(www, { recursive: true, force: true })
  }
}

async function main() {
  requireTools({ nginx: 'nginx', wrk: 'wrk' })
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-sync-'))
  try {
    const feedFile = path.join(dir, 'feed.json')
    writeFileSync(feedFile, JSON.stringify(generateFeed()))

    // What the content amounts to: every item's stored data, as one gzip stream.
    const probe = prepareDataDir(loadConfig({ DATA_DIR: path.join(dir, 'probe'), LOG_LEVEL: 'silent' }))
    const probeDb = openDatabase(probe)
    let contentBytes: number
    let contentGzipBytes: number
    try {
      await migrate(probeDb.db)
      await ingestSource(probeDb.db, fileSource(feedFile))
      const rows = await probeDb.db.selectFrom('content_items').select('data').orderBy('seq').execute()
      const content = Buffer.from(`[${rows.map((row) => row.data).join(',')}]`)
      contentBytes = content.length
      contentGzipBytes = gzipSync(content).length
    } finally {
      await probeDb.close()
    }
    console.log(`generated ${ITEMS} explainers: content ${kb(contentBytes)} (${(contentBytes / ITEMS / 1024).toFixed(2)} KB per item as stored), gzip ${kb(contentGzipBytes)}`)

    const sqliteDir = path.join(dir, 'sqlite')
    mkdirSync(sqliteDir)
    const sqlite = prepareDataDir(loadConfig({ DATA_DIR: sqliteDir, LOG_LEVEL: 'silent' }))
    await measure('SQLite', sqlite, feedFile, contentGzipBytes)
    await againstNginx('SQLite', sqlite, dir)

    const postgres = await postgresDatabase()
    if (postgres === undefined) {
      console.log(`\nPostgreSQL at ${PG_URL_SHOWN} is unreachable: skipped`)
    } else {
      try {
        const pg = prepareDataDir(loadConfig({ DATA_DIR: path.join(dir, 'pg'), DATABASE_URL: postgres.url, LOG_LEVEL: 'silent' }))
        await measure('PostgreSQL', pg, feedFile, contentGzipBytes)
        await againstNginx('PostgreSQL', pg, dir)
      } finally {
        await postgres.drop()
      }
    }
    console.log(
      `\nthe first page (${PAGE_SIZE} explainers) under load: wrk, 1 thread, ${CONNECTIONS} connections, ${LOAD_SECONDS} s after 1 s of warm-up; ` +
        `Node ${process.versions.node}, ${os.cpus().length} cores shared by server and load tool`,
    )
    printTable(['storage', 'server', 'answer', 'requests/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'bytes/req', '÷ nginx'], loadRows, 3)
    console.log('')
    for (const line of ratioLines) console.log(line)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
