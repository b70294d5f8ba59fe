import type { Kysely, Transaction } from 'kysely'

import type { FeedbackKind } from '../../src/core/feedback'
import { isFeedbackStatus, type FeedbackStatus } from '../../src/core/feedback-handling'
import type { QuestionBank, QuizQuestion } from '../../src/core/content/model'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export interface FeedbackInboxFilter {
  kind?: FeedbackKind
  status?: FeedbackStatus
  questionId?: string
}

/** A row of the inbox; the contact and the note are still field-crypto ciphertext. */
export interface FeedbackInboxRow {
  id: string
  kind: FeedbackKind
  content: string
  questionId: string | null
  sealedContact: string | null
  status: FeedbackStatus
  sealedNote: string | null
  handledByName: string | null
  handledAt: number | null
  createdAt: number
}

function filtered(db: Db, filter: FeedbackInboxFilter) {
  let query = db.selectFrom('feedback')
  if (filter.kind !== undefined) query = query.where('feedback.kind', '=', filter.kind)
  if (filter.status !== undefined) query = query.where('feedback.status', '=', filter.status)
  if (filter.questionId !== undefined) query = query.where('feedback.question_id', '=', filter.questionId)
  return query
}

function withColumns(query: ReturnType<typeof filtered>) {
  return query
    .leftJoin('staff', 'staff.id', 'feedback.handled_by')
    .select([
      'feedback.id',
      'feedback.kind',
      'feedback.content',
      'feedback.question_id',
      'feedback.contact',
      'feedback.status',
      'feedback.staff_note',
      'staff.name as handled_by_name',
      'feedback.handled_at',
      'feedback.created_at',
    ])
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>

function rowOf(row: StoredRow): FeedbackInboxRow {
  return {
    id: row.id,
    kind: row.kind as FeedbackKind,
    content: row.content,
    questionId: row.question_id,
    sealedContact: row.contact,
    status: isFeedbackStatus(row.status) ? row.status : 'open',
    sealedNote: row.staff_note,
    handledByName: row.handled_by_name,
    handledAt: row.handled_at === null ? null : Number(row.handled_at),
    createdAt: Number(row.created_at),
  }
}

/** Newest first, `limit` from `offset`. */
export async function listFeedbackPage(db: Db, filter: FeedbackInboxFilter, offset: number, limit: number): Promise<FeedbackInboxRow[]> {
  const rows = await withColumns(filtered(db, filter)).orderBy('feedback.created_at', 'desc').orderBy('feedback.id', 'desc').offset(offset).limit(limit).execute()
  return rows.map(rowOf)
}

export async function findFeedbackRow(db: Db, id: string): Promise<FeedbackInboxRow | undefined> {
  const row = await withColumns(filtered(db, {}).where('feedback.id', '=', id)).executeTakeFirst()
  return row === undefined ? undefined : rowOf(row)
}

export async function countFeedback(db: Db, filter: FeedbackInboxFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** How many the filter finds in each state, whatever state it asks for. */
export async function countFeedbackByStatus(db: Db, filter: FeedbackInboxFilter): Promise<Record<FeedbackStatus, number>> {
  const rows = await filtered(db, { ...filter, status: undefined })
    .select(['feedback.status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('feedback.status')
    .execute()
  const counts: Record<FeedbackStatus, number> = { open: 0, handled: 0, declined: 0 }
  for (const row of rows) if (isFeedbackStatus(row.status)) counts[row.status] = Number(row.count)
  return counts
}

export interface QuestionRef {
  stem: string
  bank: QuestionBank
}

/** The stems and banks of these questions (practice or contest), by id; a question gone from the bank is left out. */
export async function questionStems(db: Db, ids: readonly string[]): Promise<Map<string, QuestionRef>> {
  const stems = new Map<string, QuestionRef>()
  const wanted = [...new Set(ids)]
  if (wanted.length === 0) return stems
  const rows = await db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'quiz_question').where('deleted', '=', 0).where('id', 'in', wanted).execute()
  for (const row of rows) {
    const { stem, bank } = JSON.parse(row.data) as QuizQuestion
    stems.set(row.id, { stem, bank })
  }
  return stems
}

export interface FeedbackHandling {
  status: FeedbackStatus
  sealedNote: string | null
  /** Null when set back to open. */
  handledBy: string | null
  handledAt: number | null
}

export async function setFeedbackHandling(db: Db, id: string, handling: FeedbackHandling): Promise<boolean> {
  const result = await db
    .updateTable('feedback')
    .set({ status: handling.status, staff_note: handling.sealedNote, handled_by: handling.handledBy, handled_at: handling.handledAt })
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

