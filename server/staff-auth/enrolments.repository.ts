import type { Kysely, Transaction } from 'kysely'

import { selectStaff, staffFromRow, type Staff } from '../admin/staff.repository'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export const enrolmentSecretLocation = (enrolmentId: string) => ({ table: 'staff_enrolments', rowId: enrolmentId, column: 'totp_secret' })

export interface NewEnrolment {
  id: string
  staffId: string
  codeHash: string
  sealedTotpSecret: string
  createdAt: number
  expiresAt: number
}

export async function insertEnrolment(db: Db, enrolment: NewEnrolment): Promise<void> {
  await db
    .insertInto('staff_enrolments')
    .values({
      id: enrolment.id,
      staff_id: enrolment.staffId,
      code_hash: enrolment.codeHash,
      totp_secret: enrolment.sealedTotpSecret,
      created_at: enrolment.createdAt,
      expires_at: enrolment.expiresAt,
    })
    .execute()
}

/** Withdraws an account's enrolment codes, used or not (a new one replaces them; a disabled account has none). */
export async function deleteEnrolmentsOf(db: Db, staffId: string): Promise<void> {
  await db.deleteFrom('staff_enrolments').where('staff_id', '=', staffId).execute()
}

export async function deleteExpiredEnrolments(db: Db, now: number): Promise<void> {
  await db.deleteFrom('staff_enrolments').where('expires_at', '<=', now).execute()
}

export interface PendingEnrolment {
  id: string
  staff: Staff
  sealedTotpSecret: string
  expiresAt: number
}

/** The enrolment of a code while it is unused, unexpired and its account enabled. */
export async function findPendingEnrolment(db: Db, codeHash: string, now: number): Promise<PendingEnrolment | undefined> {
  const row = await selectStaff(db)
    .innerJoin('staff_enrolments', 'staff_enrolments.staff_id', 'staff.id')
    .where('staff_enrolments.code_hash', '=', codeHash)
    .where('staff_enrolments.expires_at', '>', now)
    .where('staff.kind', '=', 'account')
    .where('staff.revoked_at', 'is', null)
    .select(['staff_enrolments.id as enrolment_id', 'staff_enrolments.totp_secret', 'staff_enrolments.expires_at'])
    .executeTakeFirst()
  if (!row) return undefined
  return { id: row.enrolment_id, staff: staffFromRow(row), sealedTotpSecret: row.totp_secret, expiresAt: Number(row.expires_at) }
}

/** Uses up an enrolment: true for the one caller that did, while it was still valid. */
export async function claimEnrolment(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db.deleteFrom('staff_enrolments').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** When each account's unused enrolment code expires, for `pufa staff list`. */
export async function pendingEnrolmentExpiries(db: Db, now: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('staff_enrolments').select(['staff_id', 'expires_at']).where('expires_at', '>', now).execute()
  return new Map(rows.map((row) => [row.staff_id, Number(row.expires_at)]))
}
