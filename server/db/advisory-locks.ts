// PostgreSQL advisory locks, for the work that several instances on one database must not do at
// once. SQLite is one instance's file: there every lock is granted at once.
import type { FastifyBaseLogger } from 'fastify'
import { sql, type Kysely } from 'kysely'

import type { Dialect } from './database'
import type { Database } from './schema'

/** The keys of the service's locks, in PostgreSQL's one bigint key space of the database. */
export const ADVISORY_LOCKS = {
  /** Migrating and what follows at start-up (sample content, workspace upkeep). */
  startUp: 7_370_657_001,
  migrations: 7_370_657_002,
  /** The right to poll the content sources. */
  contentPolling: 7_370_657_003,
  /** The right to send the subscription messages of the outbox (server/wechat/notice-sender.ts). */
  wechatNotices: 7_370_657_004,
} as const

type LockKey = (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS]

/**
 * Runs `work` while holding the lock, waiting for it as long as another instance holds it. The
 * lock is held by a connection of its own (the work uses the pool), and goes with that session
 * if the process dies.
 */
export async function whileLocked<T>(db: Kysely<Database>, dialect: Dialect, key: LockKey, work: () => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return work()
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${key}::bigint)`.execute(connection)
    try {
      return await work()
    } finally {
      // A lost connection has released the lock already: its failure here is not the work's.
      await sql`select pg_advisory_unlock(${key}::bigint)`.execute(connection).catch(() => undefined)
    }
  })
}

/**
 * A lock held for as long as this instance keeps it (not for one piece of work): `hold()` takes it
 * when it is free and says whether this instance has it; `release()` gives it up. While held, it
 * keeps one connection of the pool.
 */
/** How the log names a job one instance at a time does. */
export interface LeasedJob {
  /** "polls the content sources": logged after "this instance" or "another instance". */
  doing: string
  /** "content poll skipped": a round skipped because the database cannot be reached. */
  skipped: string
}

export class AdvisoryLease {
  private held: { alive(): Promise<boolean>; release(): Promise<void> } | undefined
  /** Whether the last holdFor() found this instance holding the lease (logged when it changes). */
  private lastHeld: boolean | undefined

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly key: LockKey,
  ) {}

  /** Whether this instance holds the lock now, taking it if nobody does. Rejects when the database cannot be reached. */
  async hold(): Promise<boolean> {
    if (this.dialect !== 'postgres') return true
    if (this.held !== undefined) {
      if (await this.held.alive()) return true
      // The connection is gone, and the session's lock with it: another instance may have it now.
      await this.release()
    }
    this.held = await this.take()
    return this.held !== undefined
  }

  /**
   * hold() for a job done by one instance at a time: false, with a warning, when the database cannot
   * be reached; the log says when this instance starts or stops being the one doing it.
   */
  async holdFor(log: FastifyBaseLogger, job: LeasedJob): Promise<boolean> {
    let holds: boolean
    try {
      holds = await this.hold()
    } catch (error) {
      log.warn({ err: error }, `${job.skipped}: the database cannot be reached`)
      return false
    }
    if (holds !== this.lastHeld) log.info(holds ? `this instance ${job.doing}` : `another instance ${job.doing}`)
    this.lastHeld = holds
    return holds
  }

  async release(): Promise<void> {
    const held = this.held
    this.held = undefined
    await held?.release()
  }

  private take(): Promise<{ alive(): Promise<boolean>; release(): Promise<void> } | undefined> {
    const key = this.key
    return new Promise((resolve, reject) => {
      let letGo: () => void = () => undefined
      const lettingGo = new Promise<void>((done) => (letGo = done))
      const session = this.db.connection().execute(async (connection) => {
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}::bigint) as locked`.execute(connection)
        if (rows[0]?.locked !== true) {
          resolve(undefined)
          return
        }
        resolve({
          alive: () => sql`select 1`.execute(connection).then(
            () => true,
            () => false,
          ),
          release: async () => {
            letGo()
            await session.catch(() => undefined)
          },
        })
        await lettingGo
        await sql`select pg_advisory_unlock(${key}::bigint)`.execute(connection).catch(() => undefined)
      })
      session.catch(reject)
    })
  }
}
