import { randomUUID } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import type { AuditActionName } from '../../src/core/staff/audit-actions'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** What staff (or the operator, with no staff id) did (names for people in src/core/staff/audit-actions.ts); `detail` never holds personal data. */
export type AuditAction = AuditActionName

/** A JSON value without personal data: ids, counts, statuses, filters. */
export type AuditDetail = Record<string, string | number | boolean | null | string[] | Record<string, string | number | null>>

export interface NewAuditEntry {
  staffId: string | null
  action: AuditAction
  tipId: string | null
  detail: AuditDetail
  at: number
}

export interface AuditEntry extends NewAuditEntry {
  id: string
  staffName: string | null
}

/** Call inside the transaction of the read or change it records, so neither happens without the other. */
export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: randomUUID(), at: entry.at, staff_id: entry.staffId, action: entry.action, tip_id: entry.tipId, detail: JSON.stringify(entry.detail) })
    .execute()
}

export interface AuditFilter {
  staffId?: string
  action?: string
  tipId?: string
  /** A report's tracking code as parseTrackingCode gives it (grouped, upper case). */
  trackingCode?: string
  /** At or after / before (epoch ms). */
  since?: number
  until?: number
}

export interface AuditPageEntry extends AuditEntry {
  trackingCode: string | null
}

function auditFiltered(db: Db, filter: AuditFilter) {
  // One report per entry at most (tips.id is its key), so the join never repeats an entry.
  let query = db.selectFrom('audit_log').leftJoin('tips', 'tips.id', 'audit_log.tip_id')
  if (filter.trackingCode !== undefined) query = query.where('tips.tracking_code', '=', filter.trackingCode)
  if (filter.staffId !== undefined) query = query.where('audit_log.staff_id', '=', filter.staffId)
  if (filter.action !== undefined) query = query.where('audit_log.action', '=', filter.action)
  if (filter.tipId !== undefined) query = query.where('audit_log.tip_id', '=', filter.tipId)
  if (filter.since !== undefined) query = query.where('audit_log.at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('audit_log.at', '<', filter.until)
  return query
}

/** Newest first, `limit` from `offset`, with the staff member's name and the report's tracking code (gone once purged). */
export async function listAuditPage(db: Db, filter: AuditFilter, offset: number, limit: number): Promise<AuditPageEntry[]> {
  const rows = await auditFiltered(db, filter)
    .leftJoin('staff', 'staff.id', 'audit_log.staff_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.staff_id', 'staff.name as staff_name', 'audit_log.action', 'audit_log.tip_id', 'tips.tracking_code', 'audit_log.detail'])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    at: Number(row.at),
    staffId: row.staff_id,
    staffName: row.staff_name,
    action: row.action as AuditAction,
    tipId: row.tip_id,
    trackingCode: row.tracking_code,
    detail: JSON.parse(row.detail) as AuditDetail,
  }))
}

export async function countAudit(db: Db, filter: AuditFilter): Promise<number> {
  const row = await auditFiltered(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
