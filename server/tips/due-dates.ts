// The running legal deadline of each report (tips.due_on), kept in the row so that the inbox can
// sort and filter by it. One function computes it; it is called on every action, when a report is
// stored, at start, and whenever the holiday calendar content changes (ingest).
import type { Kysely, Transaction } from 'kysely'

import { chinaDateOf, type WorkCalendar } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { runningDeadline, type RunningDeadline } from '../../src/core/tips/clock'
import { deadlinesFor } from '../../src/core/tips/deadlines'
import type { Database } from '../db/schema'
import { readHolidayCalendars } from '../content/content.repository'

type Db = Kysely<Database> | Transaction<Database>

export interface ClockFacts {
  kind: string
  status: string
  /** Epoch ms of the submission. */
  createdAt: number
  acceptedOn: string | null
  extended: boolean
}

/** The deadline that runs now for a report, or null. */
export function runningDeadlineOf(facts: ClockFacts, calendar: WorkCalendar): RunningDeadline | null {
  const kind = facts.kind === 'tip' ? 'tip' : 'complaint'
  const deadlines = deadlinesFor(kind, chinaDateOf(new Date(facts.createdAt)), calendar, facts.acceptedOn ?? undefined)
  return runningDeadline(facts.status, deadlines, facts.extended)
}

/** The columns due_on and due_covered for a report. */
export function dueColumnsOf(facts: ClockFacts, calendar: WorkCalendar): { due_on: string | null; due_covered: number } {
  const running = runningDeadlineOf(facts, calendar)
  return { due_on: running?.date ?? null, due_covered: running === null || running.covered ? 1 : 0 }
}

export async function workCalendarIn(db: Db): Promise<WorkCalendar> {
  return workCalendarOf(await readHolidayCalendars(db))
}

const BATCH = 500

/** Recomputes due_on of every report (a new holiday calendar, or at start); returns how many changed. */
export async function recomputeDueDates(db: Kysely<Database>, calendar?: WorkCalendar): Promise<number> {
  const workCalendar = calendar ?? (await workCalendarIn(db))
  let changed = 0
  let afterId: string | undefined
  for (;;) {
    let query = db.selectFrom('tips').select(['id', 'kind', 'status', 'created_at', 'accepted_on', 'extension', 'due_on', 'due_covered'])
    if (afterId !== undefined) query = query.where('id', '>', afterId)
    const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
    if (rows.length === 0) return changed
    afterId = rows[rows.length - 1].id
    const updates = rows.flatMap((row) => {
      const due = dueColumnsOf(
        { kind: row.kind, status: row.status, createdAt: Number(row.created_at), acceptedOn: row.accepted_on, extended: row.extension !== null },
        workCalendar,
      )
      return due.due_on === row.due_on && due.due_covered === Number(row.due_covered) ? [] : [{ id: row.id, ...due }]
    })
    if (updates.length === 0) continue
    await db.transaction().execute(async (trx) => {
      for (const { id, ...due } of updates) await trx.updateTable('tips').set(due).where('id', '=', id).execute()
    })
    changed += updates.length
  }
}

/** What identifies the stored holiday calendar content: when it changes, due dates are recomputed. */
export async function holidayCalendarVersion(db: Db): Promise<string> {
  const rows = await db.selectFrom('content_items').select(['id', 'hash']).where('type', '=', 'calendar').where('deleted', '=', 0).orderBy('id').execute()
  return rows.map((row) => `${row.id}:${row.hash}`).join(',')
}
