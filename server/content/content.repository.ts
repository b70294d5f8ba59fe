import type { Kysely, Transaction } from 'kysely'

import type { ContentType, HolidayCalendar, Site } from '../../src/core/content/model'
import type { Database } from '../db/schema'

/** The database's content epoch and counters. */
export interface ContentState {
  epoch: string
  lastSeq: number
  purgedSeq: number
}

/** An item ready to store: its data already serialised exactly as it will be served. */
export interface PreparedItem {
  id: string
  type: ContentType
  /** JSON of the model shape. */
  data: string
  hash: string
  /** Phones may have it (false for contest questions). */
  served: boolean
  modifiedAt: number | null
}

export interface StoredItem {
  id: string
  type: string
  source: string
  seq: number
  deleted: boolean
  served: boolean
  listed: boolean
  hash: string
  modifiedAt: number | null
}

export type ItemDecision = 'added' | 'updated' | 'unchanged'

/**
 * What writing `item` over `stored` amounts to. An item whose normalised data did not change is
 * not rewritten and takes no seq; neither does an older copy of one the CMS has since changed.
 */
export function decide(stored: StoredItem | undefined, item: PreparedItem): ItemDecision {
  if (stored === undefined || stored.deleted) return 'added'
  if (stored.modifiedAt !== null && item.modifiedAt !== null && item.modifiedAt < stored.modifiedAt) return 'unchanged'
  return stored.hash === item.hash ? 'unchanged' : 'updated'
}

type Db = Kysely<Database> | Transaction<Database>

/**
 * A content write: the state row is updated first, which takes its row lock on PostgreSQL and
 * the write lock on SQLite before anything is read, so writers are serialised and commit in seq
 * order; readers therefore never see seq N+1 while N is still to come. Each write inside takes
 * `nextSeq()`; the counter is saved in the same transaction.
 */
export async function withContentWrite<T>(db: Kysely<Database>, write: (trx: Transaction<Database>, nextSeq: () => number) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable('content_state')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', 1)
      .returning('last_seq')
      .executeTakeFirstOrThrow()
    const first = Number(locked.last_seq)
    let seq = first
    const result = await write(trx, () => (seq += 1))
    if (seq !== first) await trx.updateTable('content_state').set({ last_seq: seq }).where('id', '=', 1).execute()
    return result
  })
}

export async function readContentState(db: Db): Promise<ContentState> {
  const row = await db.selectFrom('content_state').select(['epoch', 'last_seq', 'purged_seq']).where('id', '=', 1).executeTakeFirstOrThrow()
  return { epoch: row.epoch, lastSeq: Number(row.last_seq), purgedSeq: Number(row.purged_seq) }
}

/**
 * readContentState for the hot path: the query is built and compiled once, then only run (the
 * content cache reads the state on every request).
 */
export function contentStateReader(db: Kysely<Database>): () => Promise<ContentState> {
  const query = db.selectFrom('content_state').select(['epoch', 'last_seq', 'purged_seq']).where('id', '=', 1).compile()
  return async () => {
    const row = (await db.executeQuery(query)).rows[0]
    if (row === undefined) throw new Error('content_state has no row: the database is not migrated')
    return { epoch: row.epoch, lastSeq: Number(row.last_seq), purgedSeq: Number(row.purged_seq) }
  }
}

export async function findItems(db: Db, ids: readonly string[]): Promise<Map<string, StoredItem>> {
  const found = new Map<string, StoredItem>()
  if (ids.length === 0) return found
  const rows = await db
    .selectFrom('content_items')
    .select(['id', 'type', 'source', 'seq', 'deleted', 'served', 'listed', 'hash', 'modified_at'])
    .where('id', 'in', ids)
    .execute()
  for (const row of rows) {
    found.set(row.id, {
      id: row.id,
      type: row.type,
      source: row.source,
      seq: Number(row.seq),
      deleted: Number(row.deleted) === 1,
      served: Number(row.served) === 1,
      listed: Number(row.listed) === 1,
      hash: row.hash,
      modifiedAt: row.modified_at === null ? null : Number(row.modified_at),
    })
  }
  return found
}

export interface WriteOutcome {
  added: number
  updated: number
  unchanged: number
}

/** Stores a batch of items from `source` in one transaction; unchanged items keep their seq. */
export async function writeItems(db: Kysely<Database>, source: string, items: readonly PreparedItem[], now: number): Promise<WriteOutcome> {
  return withContentWrite(db, async (trx, nextSeq) => {
    const outcome: WriteOutcome = { added: 0, updated: 0, unchanged: 0 }
    // Read under the lock: another writer (a second instance, the CLI) may just have changed them.
    const stored = await findItems(trx, items.map((item) => item.id))
    for (const item of items) {
      const previous = stored.get(item.id)
      const decision = decide(previous, item)
      outcome[decision] += 1
      if (decision === 'unchanged') {
        if (previous && previous.source !== source) {
          await trx.updateTable('content_items').set({ source }).where('id', '=', item.id).execute()
        }
        continue
      }
      const row = {
        type: item.type,
        source,
        seq: nextSeq(),
        deleted: 0,
        served: item.served ? 1 : 0,
        listed: item.served || previous?.listed ? 1 : 0,
        data: item.data,
        hash: item.hash,
        modified_at: item.modifiedAt,
        updated_at: now,
      }
      if (previous) await trx.updateTable('content_items').set(row).where('id', '=', item.id).execute()
      else await trx.insertInto('content_items').values({ id: item.id, ...row }).execute()
    }
    return outcome
  })
}

/** Ids of the items `source` currently provides (not deleted). */
export async function liveIdsOfSource(db: Db, source: string): Promise<string[]> {
  const rows = await db.selectFrom('content_items').select('id').where('source', '=', source).where('deleted', '=', 0).execute()
  return rows.map((row) => row.id)
}

/** Turns the items of `source` that are not in `present` into tombstones; returns their ids. */
export async function tombstoneMissing(db: Kysely<Database>, source: string, present: ReadonlySet<string>, now: number): Promise<string[]> {
  return withContentWrite(db, async (trx, nextSeq) => {
    const gone = (await liveIdsOfSource(trx, source)).filter((id) => !present.has(id)).sort()
    for (const id of gone) {
      await trx.updateTable('content_items').set({ deleted: 1, seq: nextSeq(), updated_at: now }).where('id', '=', id).execute()
    }
    return gone
  })
}

/**
 * Removes tombstones written before `before` for good. Cursors older than the newest removed
 * one can no longer be served correctly (a deletion would be missed): they get 410.
 */
export async function purgeTombstones(db: Kysely<Database>, before: number): Promise<number> {
  return withContentWrite(db, async (trx) => {
    const newest = await trx
      .selectFrom('content_items')
      .select((eb) => [eb.fn.max('seq').as('seq'), eb.fn.countAll().as('count')])
      .where('deleted', '=', 1)
      .where('updated_at', '<', before)
      .executeTakeFirst()
    const count = Number(newest?.count ?? 0)
    if (count === 0 || newest?.seq === null || newest?.seq === undefined) return 0
    await trx.deleteFrom('content_items').where('deleted', '=', 1).where('updated_at', '<', before).execute()
    const state = await readContentState(trx)
    await trx
      .updateTable('content_state')
      .set({ purged_seq: Math.max(state.purgedSeq, Number(newest.seq)) })
      .where('id', '=', 1)
      .execute()
    return count
  })
}

export interface ChangeRow {
  id: string
  type: string
  seq: number
  /** Served as deleted: a tombstone, or an item phones may no longer have. */
  deleted: boolean
  /** The data JSON when not deleted. */
  data: string | null
}

export interface ChangesPage {
  state: ContentState
  rows: ChangeRow[]
  hasMore: boolean
}

/**
 * One page of changes after `sinceSeq`, read with the state in one snapshot. `check` sees the
 * state first and may throw (a cursor of another epoch or older than the purge horizon).
 */
export async function readChangesPage(
  db: Kysely<Database>,
  sinceSeq: number,
  limit: number,
  check: (state: ContentState) => void,
): Promise<ChangesPage> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const state = await readContentState(trx)
      check(state)
      const rows = await trx
        .selectFrom('content_items')
        .select(['id', 'type', 'seq', 'deleted', 'served', 'data'])
        .where('listed', '=', 1)
        .where('seq', '>', sinceSeq)
        .orderBy('seq')
        .limit(limit + 1)
        .execute()
      const page = rows.slice(0, limit).map((row): ChangeRow => {
        const deleted = Number(row.deleted) === 1 || Number(row.served) === 0
        return { id: row.id, type: row.type, seq: Number(row.seq), deleted, data: deleted ? null : row.data }
      })
      return { state, rows: page, hasMore: rows.length > limit }
    })
}

export async function contentSummary(db: Db): Promise<{ seq: number; items: number }> {
  const state = await readContentState(db)
  const row = await db
    .selectFrom('content_items')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('deleted', '=', 0)
    .executeTakeFirst()
  return { seq: state.lastSeq, items: Number(row?.count ?? 0) }
}

/** Whether any content was ever stored (tombstones included). */
export async function hasAnyContent(db: Db): Promise<boolean> {
  const row = await db.selectFrom('content_items').select('id').limit(1).executeTakeFirst()
  return row !== undefined
}

export interface SourceState {
  name: string
  etag: string | null
  lastModified: string | null
  lastSuccessAt: number | null
  lastFailureAt: number | null
  lastError: string | null
  itemCount: number
  /** Items the last read turned away, with the first reasons (MAX_REJECTED_REASONS). */
  rejectedCount: number
  rejectedReasons: string[]
}

/** Reasons kept per source: enough to fix a CMS export, small enough for a health answer. */
export const MAX_REJECTED_REASONS = 50

function parseReasons(text: string | null): string[] {
  if (text === null) return []
  const parsed: unknown = JSON.parse(text)
  return Array.isArray(parsed) ? parsed.filter((reason): reason is string => typeof reason === 'string') : []
}

export async function readSourceStates(db: Db): Promise<SourceState[]> {
  const sources = await db.selectFrom('content_sources').selectAll().orderBy('name').execute()
  const counts = await db
    .selectFrom('content_items')
    .select((eb) => ['source', eb.fn.countAll().as('count')])
    .where('deleted', '=', 0)
    .groupBy('source')
    .execute()
  const countOf = new Map(counts.map((row) => [row.source, Number(row.count)]))
  return sources.map((row) => ({
    name: row.name,
    etag: row.etag,
    lastModified: row.last_modified,
    lastSuccessAt: row.last_success_at === null ? null : Number(row.last_success_at),
    lastFailureAt: row.last_failure_at === null ? null : Number(row.last_failure_at),
    lastError: row.last_error,
    itemCount: countOf.get(row.name) ?? 0,
    rejectedCount: Number(row.rejected_count),
    rejectedReasons: parseReasons(row.rejected_reasons),
  }))
}

export async function readSourceValidators(db: Db, name: string): Promise<{ etag?: string; lastModified?: string }> {
  const row = await db.selectFrom('content_sources').select(['etag', 'last_modified']).where('name', '=', name).executeTakeFirst()
  return { ...(row?.etag ? { etag: row.etag } : {}), ...(row?.last_modified ? { lastModified: row.last_modified } : {}) }
}

/**
 * A successful read. After a full read (`read` given), its validators and rejected items replace
 * the stored ones; a 304 keeps them, since nothing changed.
 */
export async function recordSourceSuccess(
  db: Db,
  name: string,
  at: number,
  read?: { validators?: { etag?: string; lastModified?: string }; rejected: readonly string[] },
): Promise<void> {
  const kept =
    read === undefined
      ? {}
      : {
          etag: read.validators?.etag ?? null,
          last_modified: read.validators?.lastModified ?? null,
          rejected_count: read.rejected.length,
          rejected_reasons: read.rejected.length === 0 ? null : JSON.stringify(read.rejected.slice(0, MAX_REJECTED_REASONS)),
        }
  await db
    .insertInto('content_sources')
    .values({ name, etag: null, last_modified: null, rejected_count: 0, rejected_reasons: null, ...kept, last_success_at: at, last_failure_at: null, last_error: null })
    .onConflict((oc) => oc.column('name').doUpdateSet({ ...kept, last_success_at: at, last_error: null }))
    .execute()
}

export async function recordSourceFailure(db: Db, name: string, at: number, message: string): Promise<void> {
  await db
    .insertInto('content_sources')
    .values({ name, etag: null, last_modified: null, last_success_at: null, last_failure_at: at, last_error: message, rejected_count: 0, rejected_reasons: null })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_failure_at: at, last_error: message }))
    .execute()
}

/** The synced `site` item, or undefined when no site content was ever loaded. */
export async function readSite(db: Db): Promise<Site | undefined> {
  const row = await db.selectFrom('content_items').select('data').where('type', '=', 'site').where('deleted', '=', 0).orderBy('id').limit(1).executeTakeFirst()
  return row ? (JSON.parse(row.data) as Site) : undefined
}

export async function readHolidayCalendars(db: Db): Promise<HolidayCalendar[]> {
  const rows = await db.selectFrom('content_items').select('data').where('type', '=', 'calendar').where('deleted', '=', 0).orderBy('id').execute()
  return rows.map((row) => JSON.parse(row.data) as HolidayCalendar)
}
