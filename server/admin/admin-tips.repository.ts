import type { Kysely, Transaction } from 'kysely'

import type { TipStatus } from '../../src/core/tips/status'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export interface TipFilter {
  /** Only this district; undefined: every district. Scope is applied by the caller. */
  districtCode?: string
  status?: TipStatus
  /** Submitted at or after (epoch ms). */
  since?: number
  /** Submitted before (epoch ms). */
  until?: number
}

/** Position of the last report of a page, newest first. */
export interface TipPosition {
  createdAt: number
  id: string
}

/** A report as staff lists and exports it; the personal columns are still encrypted. */
export interface TipSummaryRow {
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
  /** null when the report gives no amount. */
  amountFen: number | null
  amountApproximate: boolean
  owedFrom: string
  owedTo: string
  description: string
  duplicateOf: string | null
  acceptedOn: string | null
}

export interface TipDetailRow extends TipSummaryRow {
  reporterIdNumber: string | null
  consentSensitive: boolean
  /** The reporter's rating of a closed report, once given. */
  rating: { value: string; comment: string | null; at: number } | null
}

const SUMMARY_COLUMNS = [
  'id',
  'tracking_code',
  'kind',
  'status',
  'district_code',
  'created_at',
  'reporter_name',
  'reporter_mobile',
  'employer_name',
  'employer_uscc',
  'work_address',
  'is_construction',
  'project_name',
  'workers_owed',
  'amount_fen',
  'amount_approximate',
  'owed_from',
  'owed_to',
  'description',
  'duplicate_of',
  'accepted_on',
] as const

type SummaryColumns = Pick<Database['tips'], (typeof SUMMARY_COLUMNS)[number]>

function summaryOf(row: SummaryColumns): TipSummaryRow {
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
  }
}

/** Newest first, `limit` at most, after `after` (the last of the previous page). */
export async function listTips(db: Db, filter: TipFilter, limit: number, after?: TipPosition): Promise<TipSummaryRow[]> {
  let query = db.selectFrom('tips').select(SUMMARY_COLUMNS)
  if (filter.districtCode !== undefined) query = query.where('district_code', '=', filter.districtCode)
  if (filter.status !== undefined) query = query.where('status', '=', filter.status)
  if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('created_at', '<', filter.until)
  if (after) {
    query = query.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]))
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  return rows.map(summaryOf)
}

/** The report, or undefined when it does not exist or lies outside `districtCode` (when given). */
export async function findTip(db: Db, id: string, districtCode?: string): Promise<TipDetailRow | undefined> {
  let query = db
    .selectFrom('tips')
    .select([...SUMMARY_COLUMNS, 'reporter_id_number', 'consent_sensitive', 'rating', 'rating_comment', 'rated_at'])
    .where('id', '=', id)
  if (districtCode !== undefined) query = query.where('district_code', '=', districtCode)
  const row = await query.executeTakeFirst()
  if (!row) return undefined
  return {
    ...summaryOf(row),
    reporterIdNumber: row.reporter_id_number,
    consentSensitive: Number(row.consent_sensitive) === 1,
    rating: row.rating === null || row.rated_at === null ? null : { value: row.rating, comment: row.rating_comment, at: Number(row.rated_at) },
  }
}

export interface StatusChange {
  from: TipStatus
  to: TipStatus
  /** Set with the move to accepted: the investigation clock starts that day. */
  acceptedOn?: string
  deadlines?: string
}

/** Moves the report only if it is still in `from`; false when another change got there first. */
export async function changeTipStatus(db: Db, id: string, change: StatusChange): Promise<boolean> {
  const result = await db
    .updateTable('tips')
    .set({
      status: change.to,
      ...(change.acceptedOn === undefined ? {} : { accepted_on: change.acceptedOn }),
      ...(change.deadlines === undefined ? {} : { deadlines: change.deadlines }),
    })
    .where('id', '=', id)
    .where('status', '=', change.from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
