// What the hot routes derive from the content, kept until the content changes. Every content write
// moves the content state (content_state: epoch, last seq, purge floor; see withContentWrite), so
// whatever was derived under one state is still right while a fresh read of the state gives the
// same one. The state is read on every use, so a write by another instance (PostgreSQL) or by the
// CLI is seen by the next request: nothing stale is served. Reads of the state that would overlap
// are shared, each caller getting a read that started after its call.
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib'

import type { Kysely } from 'kysely'

import { chinaDateOf, type WorkCalendar } from '../../src/core/calendar/working-days'
import type { HolidayCalendar, Site } from '../../src/core/content/model'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { deadlinesFor, type ApplicableDeadlines } from '../../src/core/tips/deadlines'
import type { ReportKind } from '../../src/core/tips/report-fields'
import type { Database } from '../db/schema'
import { contentStateReader, readHolidayCalendars, readSite, type ContentState } from './content.repository'

/** Bytes of built pages kept (text, gzip and brotli together); the least recently used go first. */
export const PAGE_CACHE_BYTES = 48 * 1024 * 1024

/** Derived texts kept per content state (ETags of the pages asked for). */
const DERIVED_KEPT = 1024

/** Smaller answers are not worth compressing (@fastify/compress's threshold, which serves them as they are). */
export const COMPRESS_THRESHOLD_BYTES = 1024

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** One text for one content state: equal texts, same content. */
export function generationOf(state: ContentState): string {
  return `${state.epoch}.${state.lastSeq}.${state.purgedSeq}`
}

/**
 * Calls of read() share reads of `load`, yet each caller gets a read that started after its call:
 * a read starts once the event loop has taken in the requests that arrived with its first caller
 * (setImmediate) and the read under way, if any, has ended; every caller until then joins it.
 * Under load one read serves a whole turn of the event loop (on SQLite, where a read is
 * synchronous, that is the difference between one read per request and one per turn), and none
 * sees a state older than its arrival.
 */
export class FreshRead<T> {
  private running: Promise<unknown> = Promise.resolve()
  private next: Promise<T> | undefined

  constructor(private readonly load: () => Promise<T>) {}

  read(): Promise<T> {
    this.next ??= this.startSoon()
    return this.next
  }

  private async startSoon(): Promise<T> {
    await this.running.catch(() => undefined)
    await new Promise((resolve) => setImmediate(resolve))
    this.next = undefined
    const read = this.load()
    this.running = read
    return read
  }
}

/** The site settings and holiday calendars of one content state, and what reports compute from them. */
export class ContentFacts {
  readonly workCalendar: WorkCalendar
  private readonly deadlines = new Map<string, ApplicableDeadlines>()

  constructor(
    /** The synced site item, or undefined when no site content was ever loaded. */
    readonly site: Site | undefined,
    readonly calendars: readonly HolidayCalendar[],
  ) {
    this.workCalendar = workCalendarOf(calendars)
  }

  /** The deadlines of a report of `kind` submitted at `now` (computed once a day per kind). Not to be changed. */
  deadlinesOf(kind: ReportKind, now: Date): ApplicableDeadlines {
    const submittedOn = chinaDateOf(now)
    const key = `${kind}:${submittedOn}`
    let deadlines = this.deadlines.get(key)
    if (deadlines === undefined) {
      // A long-running instance sees a new day every day: keep only the current days' few.
      if (this.deadlines.size >= 16) this.deadlines.clear()
      deadlines = deadlinesFor(kind, submittedOn, this.workCalendar)
      this.deadlines.set(key, deadlines)
    }
    return deadlines
  }
}

/** A page of content changes as sent: its text, and its compressed forms when it is worth compressing. */
export interface BuiltPage {
  state: ContentState
  etag: string
  text: string
  gzip?: Buffer
  br?: Buffer
}

/** The text of a page with its compressed forms (gzip at level 9, brotli at quality 9: built once, sent many times). */
export async function withEncodings(page: Omit<BuiltPage, 'gzip' | 'br'>): Promise<BuiltPage> {
  const bytes = Buffer.from(page.text, 'utf8')
  if (bytes.length < COMPRESS_THRESHOLD_BYTES) return page
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(bytes, { level: 9 }),
    brotliAsync(bytes, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  ])
  return { ...page, gzip: gzipped, br: brotli }
}

function sizeOf(page: BuiltPage): number {
  return Buffer.byteLength(page.text, 'utf8') + (page.gzip?.length ?? 0) + (page.br?.length ?? 0)
}

interface Kept {
  page: Promise<BuiltPage>
  bytes: number
}

export interface ContentCacheOptions {
  /** How the state is read (the content_state row by default). */
  readState?: () => Promise<ContentState>
  pageCacheBytes?: number
}

/** Per instance (app.contentCache): the content state, the facts and the built pages of changes under it. */
export class ContentCache {
  private readonly db: Kysely<Database>
  private readonly stateRead: FreshRead<ContentState>
  private readonly pageCacheBytes: number
  private generation: string | undefined
  private keptFacts: Promise<ContentFacts> | undefined
  private pages = new Map<string, Kept>()
  private pageBytes = 0
  private derivedValues = new Map<string, string>()

  constructor(db: Kysely<Database>, options: ContentCacheOptions = {}) {
    this.db = db
    this.stateRead = new FreshRead(options.readState ?? contentStateReader(db))
    this.pageCacheBytes = options.pageCacheBytes ?? PAGE_CACHE_BYTES
  }

  /** The content state, from a read that started after this call. Whatever was kept under another state is dropped. */
  async state(): Promise<ContentState> {
    const state = await this.stateRead.read()
    this.enter(generationOf(state))
    return state
  }

  private enter(generation: string): void {
    if (generation === this.generation) return
    this.generation = generation
    this.keptFacts = undefined
    this.pages = new Map()
    this.pageBytes = 0
    this.derivedValues = new Map()
  }

  /** A short text derived from `state` (as read by `state()`), worked out once per state and key. */
  derived(state: ContentState, key: string, make: () => string): string {
    // Another request may have read a newer state meanwhile: what this one derives is not kept then.
    if (generationOf(state) !== this.generation) return make()
    let value = this.derivedValues.get(key)
    if (value === undefined) {
      // Keys come from requests: a few are enough, so a flood of distinct ones starts over.
      if (this.derivedValues.size >= DERIVED_KEPT) this.derivedValues.clear()
      value = make()
      this.derivedValues.set(key, value)
    }
    return value
  }

  /** The site and calendars as of now (read again only after a content write). */
  async facts(): Promise<ContentFacts> {
    await this.state()
    if (this.keptFacts === undefined) {
      const generation = this.generation
      // Read after the state: never older than it (a newer one is replaced at the next request).
      const facts = Promise.all([readSite(this.db), readHolidayCalendars(this.db)]).then(([site, calendars]) => new ContentFacts(site, calendars))
      this.keptFacts = facts
      facts.catch(() => {
        if (this.keptFacts === facts && this.generation === generation) this.keptFacts = undefined
      })
    }
    return this.keptFacts
  }

  /**
   * The page kept under `key` for the state just read (`state()`), or the one `build` makes. A page
   * built under another state (a write in between) is returned but not kept.
   */
  async page(key: string, build: () => Promise<BuiltPage>): Promise<BuiltPage> {
    const generation = this.generation
    const kept = this.pages.get(key)
    if (kept !== undefined) {
      // Most recently used last.
      this.pages.delete(key)
      this.pages.set(key, kept)
      return kept.page
    }
    const pages = this.pages
    const entry: Kept = { page: build(), bytes: 0 }
    pages.set(key, entry)
    try {
      const page = await entry.page
      if (generationOf(page.state) !== generation || pages !== this.pages || pages.get(key) !== entry) {
        if (pages.get(key) === entry) pages.delete(key)
        return page
      }
      entry.bytes = sizeOf(page)
      this.pageBytes += entry.bytes
      for (const [oldKey, old] of pages) {
        if (this.pageBytes <= this.pageCacheBytes || old === entry) break
        pages.delete(oldKey)
        this.pageBytes -= old.bytes
      }
      return page
    } catch (error) {
      if (pages.get(key) === entry) pages.delete(key)
      throw error
    }
  }
}
