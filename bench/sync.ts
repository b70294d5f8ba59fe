/**
 * `npm run bench:sync`: the content pipeline on a generated feed of 1,000 policy explainers of
 * about 3 KB each. Measures the ingest, then a phone's cold sync (every page, gzip, bytes on the
 * wire over loopback) and warm sync (nothing new) against the real service, on SQLite and, when
 * it answers, PostgreSQL (TEST_PG_URL). A benchmark, not a test: it prints figures.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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
import { generateFeed, SYNC_SHAPE } from './explainers'
import { PG_URL_SHOWN, postgresDatabase } from './postgres'

const ITEMS = SYNC_SHAPE.count
const PAGE_SIZE = 200

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

async function main() {
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
    await measure('SQLite', prepareDataDir(loadConfig({ DATA_DIR: sqliteDir, LOG_LEVEL: 'silent' })), feedFile, contentGzipBytes)

    const postgres = await postgresDatabase()
    if (postgres === undefined) {
      console.log(`\nPostgreSQL at ${PG_URL_SHOWN} is unreachable: skipped`)
    } else {
      try {
        await measure('PostgreSQL', prepareDataDir(loadConfig({ DATA_DIR: path.join(dir, 'pg'), DATABASE_URL: postgres.url, LOG_LEVEL: 'silent' })), feedFile, contentGzipBytes)
      } finally {
        await postgres.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
