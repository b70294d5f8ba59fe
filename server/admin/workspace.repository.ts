// The reports workspace's reads and writes of `tips`, `tip_events` and `tip_notes`.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely'

import type { TipStatus } from '../../src/core/tips/status'
import type { Database } from '../db/schema'
import type { InboxSort, InboxView } from './workspace.schemas'

type Db = Kysely<Database> | Transaction<Database>

const OPEN: TipStatus[] = ['submitted', 'accepted', 'investigating']

/** The search box: a tracking code, a USCC, or part of an employer's name. */
export interface InboxSearch {
  trackingCode?: string
  uscc?: string
  /** Lower case; matched as a substring of the lower-cased name. */
  employerText: string
}

/** Filters of the inbox and its export, scope included (the caller puts the inspector's district here). */
export interface InboxFilter {
  districtCode?: string
  statuses?: TipStatus[]
  kind?: 'complaint' | 'tip'
  construction?: boolean
  amountMinFen?: number
  amountMaxFen?: number
  /** Submitted at or after / before (epoch ms). */
  since?: number
  until?: number
  unread?: boolean
  search?: InboxSearch
  view?: InboxView
}

/** What the views need to know: who asks, today and the last day of "due soon" (China dates). */
export interface ViewContext {
  staffId: string
  today: string
  dueSoonBy: string
}

type TipsEb = ExpressionBuilder<Database, 'tips'>

function viewCondition(eb: TipsEb, view: InboxView, context: ViewContext): Expression<SqlBool> {
  switch (view) {
    case 'mine':
      return eb.or([
        eb('tips.status', '=', 'submitted'),
        eb.and([eb('tips.status', 'in', ['accepted', 'investigating']), eb('tips.handler_id', '=', context.staffId)]),
      ])
    case 'due_soon':
      return eb.and([eb('tips.status', 'in', OPEN), eb('tips.due_on', '>=', context.today), eb('tips.due_on', '<=', context.dueSoonBy)])
    case 'overdue':
      return eb.and([eb('tips.status', 'in', OPEN), eb('tips.due_on', '<', context.today)])
  }
}

/** Escapes LIKE's wildcards; the pattern uses '\' as its escape character. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

function conditionsOf(eb: TipsEb, filter: InboxFilter, context: ViewContext, parts: { status: boolean; view: boolean }): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = []
  if (filter.districtCode !== undefined) conditions.push(eb('tips.district_code', '=', filter.districtCode))
  if (parts.status && filter.statuses !== undefined) conditions.push(eb('tips.status', 'in', filter.statuses))
  if (filter.kind !== undefined) conditions.push(eb('tips.kind', '=', filter.kind))
  if (filter.construction !== undefined) conditions.push(eb('tips.is_construction', '=', filter.construction ? 1 : 0))
  if (filter.amountMinFen !== undefined) conditions.push(eb('tips.amount_fen', '>=', filter.amountMinFen))
  if (filter.amountMaxFen !== undefined) conditions.push(eb('tips.amount_fen', '<=', filter.amountMaxFen))
  if (filter.since !== undefined) conditions.push(eb('tips.created_at', '>=', filter.since))
  if (filter.until !== undefined) conditions.push(eb('tips.created_at', '<', filter.until))
  if (filter.unread) conditions.push(eb('tips.unread_replies', '>', 0))
  if (filter.search !== undefined) {
    const { trackingCode, uscc, employerText } = filter.search
    const matches: Expression<SqlBool>[] = [sql<SqlBool>`lower(tips.employer_name) like ${likePattern(employerText)} escape '\\'`]
    if (trackingCode !== undefined) matches.push(eb('tips.tracking_code', '=', trackingCode))
    if (uscc !== undefined) matches.push(eb('tips.employer_uscc', '=', uscc))
    conditions.push(eb.or(matches))
  }
  if (parts.view && filter.view !== undefined) conditions.push(viewCondition(eb, filter.view, context))
  return eb.and(conditions)
}

/** A report as the inbox and the export show it; the personal columns are still encrypted. */
export interface InboxRow {
  id: string
  trackingCode: string
  kind: string
  status: string
  districtCode: string
  createdAt: number
  reporterName: string | null
  reporterMobile: string | null
  employerName: string
  employerUscc: string | null
  workAddress: string
  isConstruction: boolean
  projectName: string | null
  workersOwed: number
  amountFen: number | null
  amountApproximate: boolean
  owedFrom: string
  owedTo: string
  description: string
  duplicateOf: string | null
  acceptedOn: string | null
  dueOn: string | null
  dueCovered: boolean
  extended: boolean
  handlerName: string | null
  unreadReplies: number
}

function inboxQuery(db: Db) {
  return db
    .selectFrom('tips')
    .leftJoin('staff as handler', 'handler.id', 'tips.handler_id')
    .select([
      'tips.id',
      'tips.tracking_code',
      'tips.kind',
      'tips.status',
      'tips.district_code',
      'tips.created_at',
      'tips.reporter_name',
      'tips.reporter_mobile',
      'tips.employer_name',
      'tips.employer_uscc',
      'tips.work_address',
      'tips.is_construction',
      'tips.project_name',
      'tips.workers_owed',
      'tips.amount_fen',
      'tips.amount_approximate',
      'tips.owed_from',
      'tips.owed_to',
      'tips.description',
      'tips.duplicate_of',
      'tips.accepted_on',
      'tips.due_on',
      'tips.due_covered',
      'tips.extension',
      'tips.unread_replies',
      'handler.name as handler_name',
    ])
}

type InboxQueryRow = Awaited<ReturnType<ReturnType<typeof inboxQuery>['execute']>>[number]

function inboxRowOf(row: InboxQueryRow): InboxRow {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    kind: row.kind,
    status: row.status,
    districtCode: row.district_code,
    createdAt: Number(row.created_at),
    reporterName: row.reporter_name,
    reporterMobile: row.reporter_mobile,
    employerName: row.employer_name,
    employerUscc: row.employer_uscc,
    workAddress: row.work_address,
    isConstruction: Number(row.is_construction) === 1,
    projectName: row.project_name,
    workersOwed: Number(row.workers_owed),
    amountFen: row.amount_fen === null ? null : Number(row.amount_fen),
    amountApproximate: Number(row.amount_approximate) === 1,
    owedFrom: row.owed_from,
    owedTo: row.owed_to,
    description: row.description,
    duplicateOf: row.duplicate_of,
    acceptedOn: row.accepted_on,
    dueOn: row.due_on,
    dueCovered: Number(row.due_covered) === 1,
    extended: row.extension !== null,
    handlerName: row.handler_name,
    unreadReplies: Number(row.unread_replies),
  }
}

/** One page of the inbox (offset paging; `limit` rows at most). */
export async function listInbox(db: Db, filter: InboxFilter, context: ViewContext, sort: InboxSort, offset: number, limit: number): Promise<InboxRow[]> {
  let query = inboxQuery(db).where((eb) => conditionsOf(eb, filter, context, { status: true, view: true }))
  if (sort === 'urgency') {
    // Overdue first, no clock last; then the oldest.
    query = query.orderBy(sql`case when tips.due_on is null then 1 else 0 end`).orderBy('tips.due_on', 'asc').orderBy('tips.created_at', 'asc')
  } else {
    query = query.orderBy('tips.created_at', sort === 'newest' ? 'desc' : 'asc')
  }
  const rows = await query.orderBy('tips.id', 'asc').offset(offset).limit(limit).execute()
  return rows.map(inboxRowOf)
}

export async function countInbox(db: Db, filter: InboxFilter, context: ViewContext): Promise<number> {
  const row = await db
    .selectFrom('tips')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where((eb) => conditionsOf(eb, filter, context, { status: true, view: true }))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Counts by status under the same filters, status and view left out. */
export async function countByStatus(db: Db, filter: InboxFilter, context: ViewContext): Promise<Record<TipStatus, number>> {
  const rows = await db
    .selectFrom('tips')
    .select(['tips.status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where((eb) => conditionsOf(eb, filter, context, { status: false, view: false }))
    .groupBy('tips.status')
    .execute()
  const counts: Record<TipStatus, number> = { submitted: 0, accepted: 0, rejected: 0, investigating: 0, closed: 0 }
  for (const row of rows) if (row.status in counts) counts[row.status as TipStatus] = Number(row.count)
  return counts
}

/** The views' counts within the scope alone (no other filter). */
export async function countViews(db: Db, districtCode: string | undefined, context: ViewContext): Promise<{ mine: number; dueSoon: number; overdue: number }> {
  const row = await db
    .selectFrom('tips')
    .select((eb) => [
      eb.fn.sum<number | string | null>(eb.case().when(viewCondition(eb, 'mine', context)).then(1).else(0).end()).as('mine'),
      eb.fn.sum<number | string | null>(eb.case().when(viewCondition(eb, 'due_soon', context)).then(1).else(0).end()).as('due_soon'),
      eb.fn.sum<number | string | null>(eb.case().when(viewCondition(eb, 'overdue', context)).then(1).else(0).end()).as('overdue'),
    ])
    .where('tips.status', 'in', OPEN)
    .$if(districtCode !== undefined, (query) => query.where('tips.district_code', '=', districtCode ?? ''))
    .executeTakeFirstOrThrow()
  return { mine: Number(row.mine ?? 0), dueSoon: Number(row.due_soon ?? 0), overdue: Number(row.overdue ?? 0) }
}

/** Every report of the filter in the list's order, a batch at a time (exports). */
export async function* inboxBatches(db: Db, filter: InboxFilter, context: ViewContext, sort: InboxSort, batch = 500): AsyncGenerator<InboxRow[]> {
  for (let offset = 0; ; offset += batch) {
    const rows = await listInbox(db, filter, context, sort, offset, batch)
    if (rows.length > 0) yield rows
    if (rows.length < batch) return
  }
}

// ---------------------------------------------------------------------------------------------
// One report.

export interface WorkspaceTipRow extends InboxRow {
  reporterIdNumber: string | null
  consentSensitive: boolean
  rating: { value: string; comment: string | null; at: number } | null
  handlerId: string | null
  /** Encrypted JSON {approver, note, at}. */
  extension: string | null
  outcome: string | null
  employerHash: string
  addressHash: string | null
}

/** The report, or undefined when it does not exist or lies outside `districtCode` (when given). */
export async function findWorkspaceTip(db: Db, id: string, districtCode?: string): Promise<WorkspaceTipRow | undefined> {
  let query = inboxQuery(db)
    .select([
      'tips.reporter_id_number',
      'tips.consent_sensitive',
      'tips.rating',
      'tips.rating_comment',
      'tips.rated_at',
      'tips.handler_id',
      'tips.outcome',
      'tips.employer_hash',
      'tips.address_hash',
    ])
    .where('tips.id', '=', id)
  if (districtCode !== undefined) query = query.where('tips.district_code', '=', districtCode)
  const row = await query.executeTakeFirst()
  if (!row) return undefined
  return {
    ...inboxRowOf(row),
    reporterIdNumber: row.reporter_id_number,
    consentSensitive: Number(row.consent_sensitive) === 1,
    rating: row.rating === null || row.rated_at === null ? null : { value: row.rating, comment: row.rating_comment, at: Number(row.rated_at) },
    handlerId: row.handler_id,
    extension: row.extension,
    outcome: row.outcome,
    employerHash: row.employer_hash,
    addressHash: row.address_hash,
  }
}

export interface TipChange {
  status?: TipStatus
  accepted_on?: string
  handler_id?: string | null
  extension?: string
  outcome?: string
  district_code?: string
  duplicate_of?: string | null
  due_on?: string | null
  due_covered?: number
}

/**
 * Changes the report only if it is still as read (status and district; for duplicates, the link):
 * false when another change got there first.
 */
export async function changeTip(db: Db, id: string, expected: { status: string; districtCode: string; duplicateOf: string | null; extended: boolean }, change: TipChange): Promise<boolean> {
  const result = await db
    .updateTable('tips')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', expected.status)
    .where('district_code', '=', expected.districtCode)
    .where((eb) => (expected.duplicateOf === null ? eb('duplicate_of', 'is', null) : eb('duplicate_of', '=', expected.duplicateOf)))
    .where((eb) => (expected.extended ? eb('extension', 'is not', null) : eb('extension', 'is', null)))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export interface WorkspaceEvent {
  id: string
  action: string
  from: string
  to: string
  noteToReporter: string | null
  staffId: string | null
  staffName: string | null
  detail: Record<string, unknown>
  at: number
}

export async function insertWorkspaceEvent(
  db: Db,
  event: { id: string; tipId: string; action: string; from: TipStatus; to: TipStatus; noteToReporter: string | null; staffId: string; detail: Record<string, unknown>; at: number },
): Promise<void> {
  await db
    .insertInto('tip_events')
    .values({
      id: event.id,
      tip_id: event.tipId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      note_to_reporter: event.noteToReporter,
      internal_note: null,
      staff_id: event.staffId,
      detail: JSON.stringify(event.detail),
      at: event.at,
    })
    .execute()
}

const STATUS_ORDER: readonly string[] = ['submitted', 'accepted', 'investigating', 'rejected', 'closed']

/** A report's events, oldest first. */
export async function listWorkspaceEvents(db: Db, tipId: string): Promise<WorkspaceEvent[]> {
  const rows = await db
    .selectFrom('tip_events')
    .leftJoin('staff', 'staff.id', 'tip_events.staff_id')
    .select([
      'tip_events.id',
      'tip_events.action',
      'tip_events.from_status',
      'tip_events.to_status',
      'tip_events.note_to_reporter',
      'tip_events.staff_id',
      'staff.name as staff_name',
      'tip_events.detail',
      'tip_events.at',
    ])
    .where('tip_events.tip_id', '=', tipId)
    .orderBy('tip_events.at', 'asc')
    .orderBy('tip_events.id', 'asc')
    .execute()
  const events = rows.map(
    (row): WorkspaceEvent => ({
      id: row.id,
      action: row.action,
      from: row.from_status,
      to: row.to_status,
      noteToReporter: row.note_to_reporter,
      staffId: row.staff_id,
      staffName: row.staff_name,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      at: Number(row.at),
    }),
  )
  // Two changes in the same millisecond still read in order: statuses only ever move forward.
  return events.sort((a, b) => a.at - b.at || STATUS_ORDER.indexOf(a.to) - STATUS_ORDER.indexOf(b.to))
}

export interface StoredNote {
  id: string
  staffName: string | null
  body: string
  at: number
}

export async function insertNote(db: Db, note: { id: string; tipId: string; staffId: string; body: string; at: number }): Promise<void> {
  await db.insertInto('tip_notes').values({ id: note.id, tip_id: note.tipId, staff_id: note.staffId, body: note.body, created_at: note.at }).execute()
}

/** Oldest first; bodies still encrypted. */
export async function listNotes(db: Db, tipId: string): Promise<StoredNote[]> {
  const rows = await db
    .selectFrom('tip_notes')
    .leftJoin('staff', 'staff.id', 'tip_notes.staff_id')
    .select(['tip_notes.id', 'staff.name as staff_name', 'tip_notes.body', 'tip_notes.created_at'])
    .where('tip_notes.tip_id', '=', tipId)
    .orderBy('tip_notes.created_at', 'asc')
    .orderBy('tip_notes.id', 'asc')
    .execute()
  return rows.map((row) => ({ id: row.id, staffName: row.staff_name, body: row.body, at: Number(row.created_at) }))
}

export interface TipReference {
  id: string
  trackingCode: string
  status: string
  createdAt: number
  employerUscc: string | null
  employerHash: string
  addressHash: string | null
  duplicateOf: string | null
}

function referenceQuery(db: Db) {
  return db.selectFrom('tips').select(['id', 'tracking_code', 'status', 'created_at', 'employer_uscc', 'employer_hash', 'address_hash', 'duplicate_of'])
}

function referenceOf(row: Awaited<ReturnType<ReturnType<typeof referenceQuery>['execute']>>[number]): TipReference {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    status: row.status,
    createdAt: Number(row.created_at),
    employerUscc: row.employer_uscc,
    employerHash: row.employer_hash,
    addressHash: row.address_hash,
    duplicateOf: row.duplicate_of,
  }
}

export async function findReference(db: Db, id: string, districtCode?: string): Promise<TipReference | undefined> {
  let query = referenceQuery(db).where('id', '=', id)
  if (districtCode !== undefined) query = query.where('district_code', '=', districtCode)
  const row = await query.executeTakeFirst()
  return row ? referenceOf(row) : undefined
}

/** Reports marked as duplicates of `id`, in scope, oldest first. */
export async function listDuplicatesOf(db: Db, id: string, districtCode?: string): Promise<TipReference[]> {
  let query = referenceQuery(db).where('duplicate_of', '=', id)
  if (districtCode !== undefined) query = query.where('district_code', '=', districtCode)
  const rows = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(100).execute()
  return rows.map(referenceOf)
}

/** Other reports in scope with the same employer (hash or USCC) or work address (hash), newest first. */
export async function findSimilar(db: Db, tip: WorkspaceTipRow, districtCode: string | undefined, limit: number): Promise<TipReference[]> {
  let query = referenceQuery(db)
    .where('id', '<>', tip.id)
    .where((eb) => {
      const same: Expression<SqlBool>[] = [eb('employer_hash', '=', tip.employerHash)]
      if (tip.employerUscc !== null) same.push(eb('employer_uscc', '=', tip.employerUscc))
      if (tip.addressHash !== null) same.push(eb('address_hash', '=', tip.addressHash))
      return eb.or(same)
    })
  if (districtCode !== undefined) query = query.where('district_code', '=', districtCode)
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  return rows.map(referenceOf)
}

export async function evidenceOfTip(db: Db, tipId: string): Promise<{ uploadId: string; mediaType: string }[]> {
  const rows = await db.selectFrom('uploads').select(['id', 'media_type']).where('tip_id', '=', tipId).orderBy('attached_at', 'asc').orderBy('id', 'asc').execute()
  return rows.map((row) => ({ uploadId: row.id, mediaType: row.media_type }))
}
