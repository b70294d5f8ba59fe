import type { Kysely, Transaction } from 'kysely'

import { TIP_STATUSES, type TipStatus } from '../../src/core/tips/status'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export interface TipEvent {
  id: string
  tipId: string
  from: TipStatus
  to: TipStatus
  noteToReporter: string | null
  internalNote: string | null
  staffId: string | null
  at: number
}

export async function insertTipEvent(db: Db, event: TipEvent): Promise<void> {
  await db
    .insertInto('tip_events')
    .values({
      id: event.id,
      tip_id: event.tipId,
      from_status: event.from,
      to_status: event.to,
      note_to_reporter: event.noteToReporter,
      internal_note: event.internalNote,
      staff_id: event.staffId,
      at: event.at,
    })
    .execute()
}

/** A report's status changes, oldest first. */
export async function listTipEvents(db: Db, tipId: string): Promise<TipEvent[]> {
  const rows = await db.selectFrom('tip_events').selectAll().where('tip_id', '=', tipId).orderBy('at', 'asc').execute()
  const events = rows.map(
    (row): TipEvent => ({
      id: row.id,
      tipId: row.tip_id,
      from: row.from_status as TipStatus,
      to: row.to_status as TipStatus,
      noteToReporter: row.note_to_reporter,
      internalNote: row.internal_note,
      staffId: row.staff_id,
      at: Number(row.at),
    }),
  )
  // Two changes in the same millisecond still read in order: statuses only ever move forward.
  return events.sort((a, b) => a.at - b.at || TIP_STATUSES.indexOf(a.to) - TIP_STATUSES.indexOf(b.to))
}
