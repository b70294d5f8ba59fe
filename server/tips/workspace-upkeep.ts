// Brings reports stored before the workspace (0013) up to it, at start: the keyed hash of the work
// address (duplicate suggestions), internal notes moved from the old plain-text column into
// encrypted tip_notes, and the running deadline (due_on) under the stored holiday calendar.
// Idempotent: a second start finds nothing left to do.
import { randomUUID } from 'node:crypto'

import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { encryptField } from '../privacy/field-crypto'
import type { HashKey, Keyring } from '../privacy/keyring'
import { recomputeDueDates } from './due-dates'
import { addressHashOf } from './record-tip'

const BATCH = 500

export interface UpkeepReport {
  addressHashes: number
  notesMoved: number
  dueDates: number
}

export async function upkeepWorkspace(db: Kysely<Database>, keys: { fieldKeys: Keyring; hashKey: HashKey }): Promise<UpkeepReport> {
  const report: UpkeepReport = { addressHashes: 0, notesMoved: 0, dueDates: 0 }
  let afterId: string | undefined
  for (;;) {
    let query = db.selectFrom('tips').select(['id', 'work_address']).where('address_hash', 'is', null)
    if (afterId !== undefined) query = query.where('id', '>', afterId)
    const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
    if (rows.length === 0) break
    afterId = rows[rows.length - 1].id
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const hash = addressHashOf(keys.hashKey, row.work_address)
        if (hash === null) continue
        await trx.updateTable('tips').set({ address_hash: hash }).where('id', '=', row.id).execute()
        report.addressHashes += 1
      }
    })
  }
  for (;;) {
    const events = await db.selectFrom('tip_events').select(['id', 'tip_id', 'staff_id', 'internal_note', 'at']).where('internal_note', 'is not', null).orderBy('id').limit(BATCH).execute()
    if (events.length === 0) break
    await db.transaction().execute(async (trx) => {
      for (const event of events) {
        const id = randomUUID()
        const body = encryptField(keys.fieldKeys, event.internal_note ?? '', { table: 'tip_notes', rowId: id, column: 'body' })
        await trx.insertInto('tip_notes').values({ id, tip_id: event.tip_id, staff_id: event.staff_id, body, created_at: Number(event.at) }).execute()
        await trx.updateTable('tip_events').set({ internal_note: null }).where('id', '=', event.id).execute()
        report.notesMoved += 1
      }
    })
  }
  report.dueDates = await recomputeDueDates(db)
  return report
}
