// Several instances on one database: migrations started together, one poller among them, and a
// database that goes away and comes back (through a TCP relay the test can cut, on PostgreSQL).
import { readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import { Client } from 'pg'

import { REPO_ROOT } from '../../server/config'
import { openDatabase } from '../../server/db/database'
import { migrate } from '../../server/db/migrations'
import { isDatabaseUnreachable } from '../../server/db/unavailable'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { urlSource } from '../../server/ingest/sources'
import { createServer } from '../../server/server'
import { startFeedServer, type FeedServer } from './feed-server'
import { complaint } from './staff-helpers'
import { postgresOnly, useStorage } from './storage'


// SQLite is one instance's file; several instances share PostgreSQL only.
describe.each(postgresOnly())('instances starting together on $name', (storage) => {
  const { config } = useStorage(storage)

  it('migrate the database once between them: every migration applied by exactly one, none fails', async () => {
    const databases = [openDatabase(config()), openDatabase(config()), openDatabase(config())]
    try {
      const outcomes = await Promise.allSettled(databases.map((database) => migrate(database.db)))
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled'])
      const applied = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []))
      expect(await migrate(databases[0].db)).toEqual([])
      expect([...applied].sort()).toEqual([...new Set(applied)].sort())
      const recorded = await databases[0].db.selectFrom('kysely_migration' as never).select('name' as never).execute()
      expect(recorded).toHaveLength(applied.length)
    } finally {
      await Promise.all(databases.map((database) => database.close()))
    }
  })
})

describe.each(postgresOnly())('the content poller of two instances on $name', (storage) => {
  const { config } = useStorage(storage)
  let feeds: FeedServer
  const apps: FastifyInstance[] = []

  beforeAll(async () => {
    feeds = await startFeedServer()
    feeds.answer('/feed.json', { body: readFileSync(path.join(REPO_ROOT, 'assets', 'feed', 'sample-glossary.json')), etag: '"g1"' })
    const database = openDatabase(config())
    await migrate(database.db)
    await database.close()
    for (let index = 0; index < 2; index += 1) {
      const app = await createServer({ ...config(), contentSources: [urlSource(feeds.url('/feed.json'))!], contentPollSeconds: 60 }, { logger: false })
      await app.ready()
      apps.push(app)
    }
  })
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
    await feeds.close()
  })

  const reads = () => feeds.requests.filter((request) => request.path === '/feed.json').length

  it('read the sources from one instance at a time; when it stops, the other takes over', async () => {
    const [first, second] = apps
    // Both rounds at once: one holds the polling lease and reads, the other reads nothing.
    const rounds = await Promise.all([first.contentPoller.pollOnce(), second.contentPoller.pollOnce()])
    expect(rounds.map((reports) => reports.length).sort()).toEqual([0, 1])
    expect(reads()).toBe(1)
    const [poller, other] = rounds[0].length === 1 ? [first, second] : [second, first]

    // Round after round, the same instance keeps it.
    for (let round = 0; round < 3; round += 1) {
      expect(await other.contentPoller.pollOnce()).toEqual([])
      expect(await poller.contentPoller.pollOnce()).toHaveLength(1)
    }
    expect(reads()).toBe(4)

    // The polling instance stops (its lease goes with it): the other's next round reads.
    await poller.close()
    apps.splice(apps.indexOf(poller), 1)
    expect(await other.contentPoller.pollOnce()).toHaveLength(1)
    expect(reads()).toBe(5)
  })

  it('take over from an instance whose connection died (as when it is killed)', async () => {
    const [survivor] = apps
    const app = await createServer({ ...config(), contentSources: [urlSource(feeds.url('/feed.json'))!], contentPollSeconds: 60 }, { logger: false })
    await app.ready()
    apps.push(app)
    expect(await app.contentPoller.pollOnce()).toEqual([])

    // The session holding the lease ends as a killed process's does.
    const admin = new Client({ connectionString: config().databaseUrl })
    await admin.connect()
    try {
      const { rowCount } = await admin.query(
        "SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      )
      expect(rowCount).toBe(1)
    } finally {
      await admin.end()
    }
    const before = reads()
    expect(await app.contentPoller.pollOnce()).toHaveLength(1)
    expect(reads()).toBe(before + 1)
    // The old holder finds its lease gone and does not read beside the new one.
    expect(await survivor.contentPoller.pollOnce()).toEqual([])
    expect(reads()).toBe(before + 1)
  })
})

/** A TCP relay to PostgreSQL that the test can cut (refusing connections, dropping open ones) and restore on the same port. */
class DatabaseRelay {
  private server: net.Server | undefined
  private readonly sockets = new Set<net.Socket>()
  port = 0

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host)
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
        socket.on('error', () => undefined)
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as net.AddressInfo).port
    this.server = server
  }

  async down(): Promise<void> {
    const server = this.server
    this.server = undefined
    for (const socket of this.sockets) socket.destroy()
    if (server) await new Promise((resolve) => server.close(resolve))
  }
}

describe.each(postgresOnly())('the database going away and coming back, on $name', (storage) => {
  const { config } = useStorage(storage, { RATE_LIMITS: 'false' })
  let relay: DatabaseRelay
  let app: FastifyInstance

  beforeAll(async () => {
    const direct = new URL(config().databaseUrl!)
    relay = new DatabaseRelay({ host: direct.hostname, port: Number(direct.port || 5432) })
    await relay.up()
    const relayed = new URL(direct.toString())
    relayed.hostname = '127.0.0.1'
    relayed.port = String(relay.port)
    app = await createServer({ ...config(), databaseUrl: relayed.toString() }, { logger: false })
    await app.ready()
    await migrate(app.db)
    await loadSampleContentIfEmpty(app.db)
  })
  afterAll(async () => {
    await app.close()
    await relay.down()
  })

  const report = (key: string) =>
    app.inject({ method: 'POST', url: '/api/v1/tips', headers: { 'content-type': 'application/json', 'idempotency-key': key }, payload: JSON.stringify(complaint()) })

  it('answers 503 database_unavailable with Retry-After meanwhile, says so in health, and recovers without a restart', async () => {
    expect((await report('relay-before')).statusCode).toBe(201)
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200)

    await relay.down()
    for (const answer of [
      await report('relay-during'),
      await app.inject({ method: 'GET', url: '/api/v1/content/changes' }),
      await app.inject({ method: 'GET', url: '/api/v1/quiz/contests' }),
    ]) {
      expect(answer.statusCode).toBe(503)
      expect(answer.headers['retry-after']).toBe('10')
      expect(answer.json()).toEqual({ error: { code: 'database_unavailable', message: '服务暂时无法读取或保存数据，请稍后再试' } })
    }
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(health.statusCode).toBe(503)
    expect(health.headers['retry-after']).toBe('10')
    expect(health.json()).toMatchObject({ status: 'error', database: { dialect: 'postgres', ok: false } })

    await relay.up()
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200)
    // The report refused meanwhile is sent again, as the outbox does, and lands once, beside the first.
    expect((await report('relay-during')).statusCode).toBe(201)
    expect((await report('relay-during')).statusCode).toBe(201)
    const keys = await app.db.selectFrom('tips').select('id').execute()
    expect(keys).toHaveLength(2)
  })
})

describe('which failures mean the database cannot be reached', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception (class 08)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a wrapped cause', new Error('migrations could not start', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('%s', (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true)
  })

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    ['a NUL byte in text', Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' })],
    ['a SQLite constraint', Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })],
  ])('not %s', (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false)
  })
})
