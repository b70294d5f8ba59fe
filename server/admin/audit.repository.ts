import { randomUUID } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** What staff (or the operator, with no staff id) did; `detail` must never hold personal data. */
export type AuditAction =
  | 'list'
  | 'read_personal'
  | 'read_evidence'
  | 'transition'
  | 'export'
  | 'purge'
  | 'keys_rotate'
  | 'staff_create'
  | 'staff_revoke'
  | 'contest_create'
  /** The operator disabled an account (its sessions end). */
  | 'staff_disable'
  /** The operator issued a one-time enrolment code for an account. */
  | 'staff_enrolment_issue'
  /** A person used an enrolment code: new password and authenticator, signed in. */
  | 'staff_enrol'
  | 'staff_sign_in'
  /** A failed sign-in: the staff id of the account tried, or none when the login is unknown. */
  | 'staff_sign_in_failed'
  /** Too many failed sign-ins in a row: the account is locked for a while. */
  | 'staff_lock'
  | 'staff_sign_out'
  | 'staff_sign_out_everywhere'
  /** Staff sent the reporter a message or a question (detail: its id and kind, never its words). */
  | 'message_send'
  /** Staff read the conversation with the reporter (detail: counts). */
  | 'messages_read'

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

export interface AuditPosition {
  at: number
  id: string
}

/** Newest first; `before` is the position of the last entry of the previous page. */
export async function listAudit(db: Db, limit: number, before?: AuditPosition): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.staff_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.staff_id', 'staff.name as staff_name', 'audit_log.action', 'audit_log.tip_id', 'audit_log.detail'])
  if (before) {
    query = query.where((eb) => eb.or([eb('audit_log.at', '<', before.at), eb.and([eb('audit_log.at', '=', before.at), eb('audit_log.id', '<', before.id)])]))
  }
  const rows = await query.orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).execute()
  return rows.map((row) => ({
    id: row.id,
    at: Number(row.at),
    staffId: row.staff_id,
    staffName: row.staff_name,
    action: row.action as AuditAction,
    tipId: row.tip_id,
    detail: JSON.parse(row.detail) as AuditDetail,
  }))
}
