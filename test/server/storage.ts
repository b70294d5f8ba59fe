// The storages every storage test runs against: embedded SQLite and PostgreSQL.
//
//   describe.each(storages())('feedback on $name', (storage) => {
//     const { app } = useApp(storage)
//     it('…', async () => { await app().inject(…) })
//   })
//
// SQLite gets a fresh temporary DATA_DIR per describe block, PostgreSQL a fresh database
// (pufa_test_<random>) on TEST_PG_URL, dropped afterwards. When PostgreSQL cannot be reached the
// PostgreSQL variants are skipped with a warning, except with CI=true, where they fail.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import { Client } from 'pg'

import { loadConfig, prepareDataDir, REPO_ROOT, type Config, type Environment } from '../../server/config'
import type { Dialect } from '../../server/db/database'
import { migrate } from '../../server/db/migrations'
import { createServer } from '../../server/server'

export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres'

export interface Storage {
  name: string
  dialect: Dialect
}

export const SQLITE: Storage = { name: 'SQLite', dialect: 'sqlite' }
export const POSTGRES: Storage = { name: 'PostgreSQL', dialect: 'postgres' }

function redacted(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

// Jest collects tests synchronously, so whether PostgreSQL answers must be known synchronously.
const PROBE = `
const { Client } = require('pg')
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 })
client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1))
`
let postgresReachable: boolean | undefined

function isPostgresReachable(): boolean {
  if (postgresReachable === undefined) {
    const probe = spawnSync(process.execPath, ['-e', PROBE, TEST_PG_URL], { cwd: REPO_ROOT, timeout: 10_000 })
    postgresReachable = probe.status === 0
  }
  return postgresReachable
}

// One warning per test run, not per test file: the files share the parent process id.
function warnOnce(message: string): void {
  const marker = path.join(os.tmpdir(), `pufa-test-pg-warned-${process.env.JEST_WORKER_ID ? process.ppid : process.pid}`)
  if (existsSync(marker)) return
  writeFileSync(marker, '')
  console.warn(message)
}

export function storages(): Storage[] {
  if (isPostgresReachable() || process.env.CI === 'true') return [SQLITE, POSTGRES]
  warnOnce(`PostgreSQL at ${redacted(TEST_PG_URL)} is unreachable: PostgreSQL variants of the server tests are skipped (set TEST_PG_URL, or CI=true to make this a failure).`)
  return [SQLITE]
}

/** PostgreSQL alone, for what only several instances on one database can show (none when unreachable outside CI). */
export function postgresOnly(): Storage[] {
  return storages().filter((storage) => storage.dialect === 'postgres')
}

/** A temporary directory removed after the block's tests. */
export function useTempDir(prefix = 'pufa-test-'): () => string {
  let dir: string | undefined
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    if (!dir) throw new Error('useTempDir: only available inside tests')
    return dir
  }
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pufa_test_${randomBytes(6).toString('hex')}`
  const admin = new Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5000 })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${redacted(TEST_PG_URL)} is unreachable (${(error as Error).message}). ` +
        'With CI=true the PostgreSQL server tests must run: start PostgreSQL or set TEST_PG_URL.',
    )
  }
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const cleaner = new Client({ connectionString: TEST_PG_URL })
      await cleaner.connect()
      try {
        await cleaner.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
        await cleaner.query(`DROP DATABASE IF EXISTS ${name}`)
      } finally {
        await cleaner.end()
      }
    },
  }
}

export interface StorageHandle {
  /** Configuration pointing at this block's fresh database and temporary directories. */
  config(): Config
}

/** A fresh, empty database of the given storage for the enclosing describe block. */
export function useStorage(storage: Storage, env: Environment = {}): StorageHandle {
  const tempDir = useTempDir()
  let config: Config | undefined
  let dropDatabase: (() => Promise<void>) | undefined

  beforeAll(async () => {
    const databaseUrl = storage.dialect === 'postgres' ? await createPostgresDatabase() : undefined
    dropDatabase = databaseUrl?.drop
    // As the service and the commands do when they start: DATA_DIR and its key file exist.
    config = prepareDataDir(
      loadConfig({
        DATA_DIR: path.join(tempDir(), 'data'),
        H5_DIR: path.join(tempDir(), 'h5'),
        CONSOLE_DIR: path.join(tempDir(), 'console'),
        LOG_LEVEL: 'silent',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl.url } : {}),
        ...env,
      }),
    )
  })
  afterAll(async () => {
    await dropDatabase?.()
  })

  return {
    config() {
      if (!config) throw new Error('useStorage: the database is not ready (only available inside tests)')
      return config
    },
  }
}

export interface AppHandle extends StorageHandle {
  app(): FastifyInstance
}

/** The whole service on a fresh, migrated database, driven with `app().inject(…)`. */
export function useApp(storage: Storage, env: Environment = {}): AppHandle {
  let app: FastifyInstance | undefined
  // Jest runs afterAll hooks in the order they are declared: the app must let go of its database
  // before the database is dropped, so this one is declared before useStorage declares its own.
  afterAll(async () => {
    await app?.close()
  })
  const storageHandle = useStorage(storage, env)
  beforeAll(async () => {
    app = await createServer(storageHandle.config(), { logger: false })
    await app.ready()
    await migrate(app.db)
  })

  return {
    config: storageHandle.config,
    app() {
      if (!app) throw new Error('useApp: the app is not ready (only available inside tests)')
      return app
    },
  }
}
