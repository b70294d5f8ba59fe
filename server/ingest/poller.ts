/**
 * Polls the configured sources one after another, every CONTENT_POLL_SECONDS, with conditional
 * GET. Its timer never keeps the process alive, and `stop()` aborts a fetch in flight and waits
 * for a write in progress, so the database can close right after. Staff may read one source now
 * (ingestNow); a source is never read by two at once. Of several instances on one PostgreSQL
 * database, one polls: the one holding the polling lease (an advisory lock); the others try each
 * round and take over when its session ends.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'

import { purgeTombstones } from '../content/content.repository'
import { ADVISORY_LOCKS, AdvisoryLease } from '../db/advisory-locks'
import { dialectOf } from '../db/database'
import type { Database } from '../db/schema'
import { ingestSource, type IngestOptions, type IngestReport } from './ingest'
import type { ContentSource } from './sources'

/** Tombstones older than this are removed for good; phones that slept longer sync afresh. */
export const TOMBSTONE_RETENTION_MS = 180 * 24 * 60 * 60 * 1000

export interface PollerOptions {
  db: Kysely<Database>
  sources: readonly ContentSource[]
  intervalMs: number
  log: FastifyBaseLogger
  /** Passed to every ingest (tests shorten the limits). */
  ingest?: Omit<IngestOptions, 'signal' | 'conditional'>
}

/** An ingest asked for while the same source is being read (by the poller or by staff). */
export class SourceBusy extends Error {
  constructor(readonly source: string) {
    super(`source ${source} is being read`)
    this.name = 'SourceBusy'
  }
}

export class ContentPoller {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<IngestReport[]> | undefined
  /** The ingest under way per source name: one at a time, whoever asked. */
  private readonly busy = new Map<string, Promise<IngestReport>>()
  private readonly stopping = new AbortController()
  private readonly lease: AdvisoryLease

  constructor(private readonly options: PollerOptions) {
    this.lease = new AdvisoryLease(options.db, dialectOf(options.db), ADVISORY_LOCKS.contentPolling)
  }

  /** Polls now, then on the interval. Does nothing without sources or with an interval of 0. */
  start(): void {
    if (this.options.sources.length === 0 || this.options.intervalMs <= 0 || this.stopping.signal.aborted) return
    this.schedule(0)
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.pollOnce().finally(() => {
        if (!this.stopping.signal.aborted) this.schedule(this.options.intervalMs)
      })
    }, delayMs)
    this.timer.unref()
  }

  /** One round over every source (none while another instance polls); a round already under way is joined, not doubled. */
  pollOnce(): Promise<IngestReport[]> {
    this.running ??= this.round().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async round(): Promise<IngestReport[]> {
    const { db, sources, log } = this.options
    const reports: IngestReport[] = []
    if (!(await this.lease.holdFor(this.options.log, { doing: 'polls the content sources', skipped: 'content poll skipped' }))) return reports
    for (const source of sources) {
      if (this.stopping.signal.aborted) break
      try {
        // A source staff are reading right now is not read twice: the round takes that read's report.
        const report = await (this.busy.get(source.name) ?? this.ingestOne(source, true))
        reports.push(report)
        if (report.outcome === 'failed') log.warn({ source: source.name, reason: report.error }, 'content source failed; last good content kept')
        else if (report.outcome === 'ingested') {
          log.info(
            { source: source.name, added: report.added, updated: report.updated, deleted: report.deleted, rejected: report.rejected.length },
            'content source ingested',
          )
          for (const rejected of report.rejected) log.warn({ source: source.name, reason: rejected.reason }, 'content item rejected')
        }
      } catch (error) {
        log.error({ err: error, source: source.name }, 'content ingest failed')
      }
    }
    if (!this.stopping.signal.aborted) {
      try {
        const purged = await purgeTombstones(db, Date.now() - TOMBSTONE_RETENTION_MS)
        if (purged > 0) log.info({ purged }, 'old content tombstones purged')
      } catch (error) {
        log.error({ err: error }, 'purging content tombstones failed')
      }
    }
    return reports
  }

  /** Whether that source is being read right now. */
  isReading(name: string): boolean {
    return this.busy.has(name)
  }

  /** The configured source of that name. */
  source(name: string): ContentSource | undefined {
    return this.options.sources.find((source) => source.name === name)
  }

  /**
   * Reads one source now, in full (no conditional GET), with the poller's own ingest. Throws
   * SourceBusy while that source is being read, by a poll or by another request.
   */
  ingestNow(source: ContentSource): Promise<IngestReport> {
    if (this.busy.has(source.name)) return Promise.reject(new SourceBusy(source.name))
    return this.ingestOne(source, false)
  }

  private ingestOne(source: ContentSource, conditional: boolean): Promise<IngestReport> {
    const read = ingestSource(this.options.db, source, { ...this.options.ingest, conditional, signal: this.stopping.signal }).finally(() => {
      this.busy.delete(source.name)
    })
    this.busy.set(source.name, read)
    return read
  }

  async stop(): Promise<void> {
    this.stopping.abort()
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
    await Promise.all([...this.busy.values()].map((read) => read.catch(() => undefined)))
    await this.lease.release()
  }
}
