import type { Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'
import { STAFF_ROLES, type StaffRole } from './permissions'

type Db = Kysely<Database> | Transaction<Database>

export type StaffScope = { kind: 'city' } | { kind: 'district'; districtCode: string }

/** A machine token (bearer) or a person's account (password, TOTP, sessions). */
export type StaffKind = 'token' | 'account'

export interface Staff {
  id: string
  kind: StaffKind
  name: string
  role: StaffRole
  scope: StaffScope
  /** An account's login; null for a token. */
  login: string | null
  createdAt: number
  /** When the token was revoked or the account disabled. */
  revokedAt: number | null
}

type StaffRow = Omit<Database['staff'], 'token_hash'> & { login: string | null }

function roleOf(value: string): StaffRole {
  const role = STAFF_ROLES.find((known) => known === value)
  if (role === undefined) throw new Error(`staff row has an unknown role ${JSON.stringify(value)}`)
  return role
}

/** The domain shape of a `staff` row (joined with its account's login, if any). */
export function staffFromRow(row: StaffRow): Staff {
  const scope: StaffScope = row.district_code !== null ? { kind: 'district', districtCode: row.district_code } : { kind: 'city' }
  return {
    id: row.id,
    kind: row.kind === 'account' ? 'account' : 'token',
    name: row.name,
    role: roleOf(row.role),
    scope,
    login: row.login,
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  }
}

/** `staff` joined with `staff_accounts`, selecting what staffFromRow reads. */
export function selectStaff(db: Db) {
  return db
    .selectFrom('staff')
    .leftJoin('staff_accounts', 'staff_accounts.staff_id', 'staff.id')
    .select(['staff.id', 'staff.kind', 'staff.name', 'staff.role', 'staff.district_code', 'staff.created_at', 'staff.revoked_at', 'staff_accounts.login'])
}

export interface StaffDirectoryEntry {
  id: string
  name: string
  role: StaffRole
}

/**
 * Everyone's name and role, by name, for the console's staff filters. Given an inspector's district,
 * the people of that district and the city's, not other districts' inspectors.
 */
export async function listStaffDirectory(db: Db, district: string | undefined): Promise<StaffDirectoryEntry[]> {
  let query = db.selectFrom('staff').select(['id', 'name', 'role'])
  if (district !== undefined) query = query.where((eb) => eb.or([eb('role', '<>', 'inspector'), eb('district_code', '=', district)]))
  const rows = await query.orderBy('name').orderBy('id').execute()
  return rows.flatMap((row) => {
    const role = STAFF_ROLES.find((known) => known === row.role)
    return role === undefined ? [] : [{ id: row.id, name: row.name, role }]
  })
}

export async function insertStaffToken(db: Db, staff: { id: string; name: string; scope: StaffScope; tokenHash: string; createdAt: number }): Promise<void> {
  // A token acts as the role its scope had: an inspector of its district, or a supervisor of the city.
  const district = staff.scope.kind === 'district' ? staff.scope.districtCode : null
  await db
    .insertInto('staff')
    .values({
      id: staff.id,
      kind: 'token',
      name: staff.name,
      role: district === null ? 'supervisor' : 'inspector',
      district_code: district,
      token_hash: staff.tokenHash,
      created_at: staff.createdAt,
      revoked_at: null,
    })
    .execute()
}

export interface NewStaffAccount {
  id: string
  name: string
  login: string
  role: StaffRole
  /** An inspector's district; null for the other roles. */
  districtCode: string | null
  createdAt: number
}

/** A person's account, not yet enrolled: no password or authenticator until they use an enrolment code. */
export async function insertStaffAccount(db: Db, account: NewStaffAccount): Promise<void> {
  await db
    .insertInto('staff')
    .values({
      id: account.id,
      kind: 'account',
      name: account.name,
      role: account.role,
      district_code: account.districtCode,
      token_hash: null,
      created_at: account.createdAt,
      revoked_at: null,
    })
    .execute()
  await db.insertInto('staff_accounts').values({ staff_id: account.id, login: account.login, failed_attempts: 0 }).execute()
}

/** The holder of a token that is not revoked. */
export async function findActiveStaffByTokenHash(db: Db, tokenHash: string): Promise<Staff | undefined> {
  const row = await selectStaff(db).where('staff.kind', '=', 'token').where('staff.token_hash', '=', tokenHash).where('staff.revoked_at', 'is', null).executeTakeFirst()
  return row ? staffFromRow(row) : undefined
}

export async function listStaff(db: Db): Promise<Staff[]> {
  const rows = await selectStaff(db).orderBy('staff.created_at', 'asc').orderBy('staff.id', 'asc').execute()
  return rows.map(staffFromRow)
}

export async function findStaff(db: Db, id: string): Promise<Staff | undefined> {
  const row = await selectStaff(db).where('staff.id', '=', id).executeTakeFirst()
  return row ? staffFromRow(row) : undefined
}

export async function findStaffByLogin(db: Db, login: string): Promise<Staff | undefined> {
  const row = await selectStaff(db).where('staff_accounts.login', '=', login).executeTakeFirst()
  return row ? staffFromRow(row) : undefined
}

/** Revokes a token or disables an account. True when this call did it; false when it was already done. */
export async function revokeStaff(db: Db, id: string, at: number): Promise<boolean> {
  const result = await db.updateTable('staff').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}
