// A throw-away PostgreSQL database for one benchmark run, at TEST_PG_URL's server.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Client } from 'pg'

import { loadConfig, prepareDataDir, type Config } from '../server/config'

export const PG_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres'

/** The URL without its password, for messages. */
export const PG_URL_SHOWN = PG_URL.replace(/:[^:@/]*@/, ':***@')

/** A new empty database, or undefined when the server does not answer. */
export async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
  } catch {
    return undefined
  }
  const name = `pufa_bench_${randomBytes(6).toString('hex')}`
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const cleaner = new Client({ connectionString: PG_URL })
      await cleaner.connect()
      await cleaner.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
      await cleaner.query(`DROP DATABASE IF EXISTS ${name}`)
      await cleaner.end()
    },
  }
}

/**
 * Runs `measure` with the service's configuration on a fresh SQLite database, then on a fresh
 * PostgreSQL database when the server answers (and says so when it does not); removes both after.
 */
export async function onEachDatabase(name: string, measure: (storage: 'SQLite' | 'PostgreSQL', config: Config) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pufa-bench-${name}-`))
  try {
    await measure('SQLite', prepareDataDir(loadConfig({ DATA_DIR: path.join(dir, 'sqlite'), LOG_LEVEL: 'silent' })))
    const postgres = await postgresDatabase()
    if (postgres === undefined) {
      console.log(`PostgreSQL at ${PG_URL_SHOWN} is unreachable: skipped`)
      return
    }
    try {
      await measure('PostgreSQL', prepareDataDir(loadConfig({ DATA_DIR: path.join(dir, 'pg'), DATABASE_URL: postgres.url, LOG_LEVEL: 'silent' })))
    } finally {
      await postgres.drop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
