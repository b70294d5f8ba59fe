import type { Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'
import type { StaffRole } from './permissions'

type Db = Kysely<Database> | Transaction<Database>

export type StaffScope = { kind: 'city' } | { kind: 'district'; districtCode: string }

export interface Staff {
  id: string
  name: string
  role: StaffRole
  scope: StaffScope
  createdAt: number
  revokedAt: number | null
}

type StaffRow = Database['staff_tokens']

function staffOf(row: Omit<StaffRow, 'token_hash'>): Staff {
  const scope: StaffScope = row.scope === 'district' && row.district_code !== null ? { kind: 'district', districtCode: row.district_code } : { kind: 'city' }
  // A token acts as the role its scope had: an inspector of its district, or a supervisor of the city.
  const role = scope.kind === 'district' ? 'inspector' : 'supervisor'
  return { id: row.id, name: row.name, role, scope, createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) }
}

export async function insertStaffToken(db: Db, staff: { id: string; name: string; scope: StaffScope; tokenHash: string; createdAt: number }): Promise<void> {
  await db
    .insertInto('staff_tokens')
    .values({
      id: staff.id,
      name: staff.name,
      scope: staff.scope.kind,
      district_code: staff.scope.kind === 'district' ? staff.scope.districtCode : null,
      token_hash: staff.tokenHash,
      created_at: staff.createdAt,
      revoked_at: null,
    })
    .execute()
}

/** The holder of a token that is not revoked. */
export async function findActiveStaffByTokenHash(db: Db, tokenHash: string): Promise<Staff | undefined> {
  const row = await db
    .selectFrom('staff_tokens')
    .select(['id', 'name', 'scope', 'district_code', 'created_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row ? staffOf(row) : undefined
}

export async function listStaff(db: Db): Promise<Staff[]> {
  const rows = await db
    .selectFrom('staff_tokens')
    .select(['id', 'name', 'scope', 'district_code', 'created_at', 'revoked_at'])
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
  return rows.map(staffOf)
}

export async function findStaff(db: Db, id: string): Promise<Staff | undefined> {
  const row = await db
    .selectFrom('staff_tokens')
    .select(['id', 'name', 'scope', 'district_code', 'created_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? staffOf(row) : undefined
}

/** True when this call revoked it; false when it was already revoked. */
export async function revokeStaff(db: Db, id: string, at: number): Promise<boolean> {
  const result = await db.updateTable('staff_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
  return result.numUpdatedRows > 0n
}
