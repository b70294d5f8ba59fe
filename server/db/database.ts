import { chmodSync, closeSync, existsSync, openSync } from 'node:fs'

import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'

import type { Config } from '../config'
import type { Database } from './schema'
import { cachingStatements } from './statement-cache'

export type Dialect = 'sqlite' | 'postgres'

export interface OpenDatabase {
  db: Kysely<Database>
  dialect: Dialect
  close(): Promise<void>
}

const PG_INT8_OID = 20

// Epoch-millisecond timestamps and counts are int8; they fit a JS number, so read them as one
// instead of pg's default string (SQLite already gives numbers: both dialects then agree).
function parseInt8(value: string): number {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed)) throw new RangeError('int8 value exceeds Number.MAX_SAFE_INTEGER')
  return parsed
}

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === PG_INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format),
}

export interface OpenDatabaseOptions {
  /** Told when a PostgreSQL connection drops; the pool replaces it, and a query on it fails by itself, so this is only news. */
  onConnectionError?: (error: Error) => void
}

// Kysely keeps its dialect to itself (by design), yet a few migrations must write dialect-specific DDL.
const dialects = new WeakMap<Kysely<Database>, Dialect>()

/** The dialect of a handle made by openDatabase. */
export function dialectOf(db: Kysely<Database>): Dialect {
  const dialect = dialects.get(db)
  if (dialect === undefined) throw new Error('dialectOf: this database handle was not made by openDatabase')
  return dialect
}

export function openDatabase(config: Config, options: OpenDatabaseOptions = {}): OpenDatabase {
  const database =
    config.databaseUrl === undefined
      ? openSqlite(config.sqliteFile)
      : openPostgres(config.databaseUrl, options.onConnectionError ?? (() => undefined))
  dialects.set(database.db, database.dialect)
  return database
}

const PRIVATE_FILE_MODE = 0o600

/**
 * The database file exists, readable by the service's user only, before SQLite opens it: SQLite
 * creates files 0644 but gives the WAL and SHM files the database file's mode. Files left 0644 by
 * an older version are tightened too.
 */
function makePrivate(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
  for (const own of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(own)) chmodSync(own, PRIVATE_FILE_MODE)
}

function openSqlite(file: string): OpenDatabase {
  makePrivate(file)
  const connection = new BetterSqlite3(file)
  connection.pragma('journal_mode = WAL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('busy_timeout = 5000')
  // A report is acknowledged only once it survives a power cut: WAL with FULL syncs on every commit.
  connection.pragma('synchronous = FULL')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(connection) }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

function openPostgres(connectionString: string, onConnectionError: (error: Error) => void): OpenDatabase {
  const pool = new pg.Pool({ connectionString, types: pgTypes, max: 10, connectionTimeoutMillis: 10_000 })
  // Without a listener, a client losing its connection would crash the process: the pool listens to
  // idle ones only (and passes it on as its own 'error'), while a lent one (a transaction, the
  // polling lease) emits it to whoever listens to the client. Each client is heard once, here.
  pool.on('connect', (client) => client.on('error', onConnectionError))
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}

/** A trivial round trip, for health checks and start-up. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db)
}
