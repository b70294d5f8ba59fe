import { sql, type Kysely, type Transaction } from 'kysely'

import { selectStaff, staffFromRow, type Staff } from '../admin/staff.repository'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** What signing in to an account needs; hash and secret are null until the person enrols. */
export interface AccountCredentials {
  staff: Staff
  passwordHash: string | null
  /** field-crypto value; see totpSecretLocation. */
  sealedTotpSecret: string | null
  lockedUntil: number | null
}

export const totpSecretLocation = (staffId: string) => ({ table: 'staff_accounts', rowId: staffId, column: 'totp_secret' })

export async function findAccountByLogin(db: Db, login: string): Promise<AccountCredentials | undefined> {
  const row = await selectStaff(db)
    .where('staff.kind', '=', 'account')
    .where('staff_accounts.login', '=', login)
    .select(['staff_accounts.password_hash', 'staff_accounts.totp_secret', 'staff_accounts.locked_until'])
    .executeTakeFirst()
  if (!row) return undefined
  return {
    staff: staffFromRow(row),
    passwordHash: row.password_hash,
    sealedTotpSecret: row.totp_secret,
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
  }
}

/**
 * Counts a failed sign-in; the one that reaches `limit` in a row locks the account until
 * `lockUntil` and starts the count again. Returns the lock's end when this failure locked it.
 */
export async function countFailedSignIn(db: Db, staffId: string, limit: number, lockUntil: number): Promise<number | undefined> {
  const reachesLimit = sql<boolean>`failed_attempts + 1 >= ${limit}`
  const row = await db
    .updateTable('staff_accounts')
    .set({
      failed_attempts: sql`case when ${reachesLimit} then 0 else failed_attempts + 1 end`,
      locked_until: sql`case when ${reachesLimit} then ${lockUntil} else locked_until end`,
    })
    .where('staff_id', '=', staffId)
    .returning(['locked_until'])
    .executeTakeFirst()
  return row && row.locked_until !== null && Number(row.locked_until) === lockUntil ? lockUntil : undefined
}

/**
 * Accepts a TOTP code's time step once: false when a code of this step (or a later one) was
 * already used, so a code seen over someone's shoulder cannot be used again.
 */
export async function claimTotpStep(db: Db, staffId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_accounts')
    .set({ totp_last_step: step })
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function clearFailedSignIns(db: Db, staffId: string): Promise<void> {
  await db.updateTable('staff_accounts').set({ failed_attempts: 0, locked_until: null }).where('staff_id', '=', staffId).execute()
}

export async function setPasswordHash(db: Db, staffId: string, passwordHash: string): Promise<void> {
  await db.updateTable('staff_accounts').set({ password_hash: passwordHash }).where('staff_id', '=', staffId).execute()
}

/** A completed enrolment: the new password and authenticator replace any earlier ones. */
export async function setCredentials(db: Db, staffId: string, credentials: { passwordHash: string; sealedTotpSecret: string; totpStep: number; at: number }): Promise<void> {
  await db
    .updateTable('staff_accounts')
    .set({
      password_hash: credentials.passwordHash,
      totp_secret: credentials.sealedTotpSecret,
      totp_last_step: credentials.totpStep,
      failed_attempts: 0,
      locked_until: null,
      enrolled_at: credentials.at,
    })
    .where('staff_id', '=', staffId)
    .execute()
}

export interface AccountState {
  enrolledAt: number | null
  lockedUntil: number | null
}

/** Every account's enrolment and lock, by staff id, for `pufa staff list`. */
export async function listAccountStates(db: Db): Promise<Map<string, AccountState>> {
  const rows = await db.selectFrom('staff_accounts').select(['staff_id', 'enrolled_at', 'locked_until']).execute()
  return new Map(
    rows.map((row) => [
      row.staff_id,
      { enrolledAt: row.enrolled_at === null ? null : Number(row.enrolled_at), lockedUntil: row.locked_until === null ? null : Number(row.locked_until) },
    ]),
  )
}
