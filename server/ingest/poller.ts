/**
 * Polls the configured sources one after another, every CONTENT_POLL_SECONDS, with conditional
 * GET. Its timer never keeps the process alive, and `stop()` aborts a fetch in flight and waits
 * for a write in progress, so the database can close right after.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'

import { purgeTombstones } from '../content/content.repository'
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

export class ContentPoller {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<IngestReport[]> | undefined
  private readonly stopping = new AbortController()

  constructor(private readonly options: PollerOptions) {}

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

  /** One round over every source; a round already under way is joined, not doubled. */
  pollOnce(): Promise<IngestReport[]> {
    this.running ??= this.round().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async round(): Promise<IngestReport[]> {
    const { db, sources, log } = this.options
    const reports: IngestReport[] = []
    for (const source of sources) {
      if (this.stopping.signal.aborted) break
      try {
        const report = await ingestSource(db, source, { ...this.options.ingest, conditional: true, signal: this.stopping.signal })
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

  async stop(): Promise<void> {
    this.stopping.abort()
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
  }
}
