import type { Kysely, Transaction } from 'kysely'

import { selectStaff, staffFromRow, type Staff } from '../admin/staff.repository'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export async function insertSession(db: Db, session: { idHash: string; staffId: string; at: number }): Promise<void> {
  await db.insertInto('staff_sessions').values({ id_hash: session.idHash, staff_id: session.staffId, created_at: session.at, last_seen_at: session.at }).execute()
}

export interface StoredSession {
  staff: Staff
  createdAt: number
  lastSeenAt: number
}

/** A session of an enabled account; its age is for the caller to judge. */
export async function findSession(db: Db, idHash: string): Promise<StoredSession | undefined> {
  const row = await selectStaff(db)
    .innerJoin('staff_sessions', 'staff_sessions.staff_id', 'staff.id')
    .where('staff_sessions.id_hash', '=', idHash)
    .where('staff.kind', '=', 'account')
    .where('staff.revoked_at', 'is', null)
    .select(['staff_sessions.created_at as session_created_at', 'staff_sessions.last_seen_at'])
    .executeTakeFirst()
  if (!row) return undefined
  return { staff: staffFromRow(row), createdAt: Number(row.session_created_at), lastSeenAt: Number(row.last_seen_at) }
}

export async function touchSession(db: Db, idHash: string, at: number): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).where('last_seen_at', '<', at).execute()
}

/** True when there was such a session. */
export async function deleteSession(db: Db, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Ends every session of an account; how many there were. */
export async function deleteSessionsOf(db: Db, staffId: string): Promise<number> {
  const result = await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Forgets sessions idle since `idleBefore` or begun before `startedBefore`: they can no longer be used. */
export async function deleteExpiredSessions(db: Db, { idleBefore, startedBefore }: { idleBefore: number; startedBefore: number }): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', startedBefore)]))
    .execute()
}
