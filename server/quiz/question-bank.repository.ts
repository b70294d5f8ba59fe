// The question bank for staff: the questions of a bank, and per question how contest answers went
// and how many 纠错 it drew. Counted with GROUP BY for the questions of one page at a time.
import type { Kysely, Transaction } from 'kysely'

import type { QuestionBank, QuizQuestion } from '../../src/core/content/model'
import type { Database } from '../db/schema'
import type { BankQuestion } from './draw'

type Db = Kysely<Database> | Transaction<Database>

/** The live questions of one bank (practice: served to phones; contest: never synced), by category then id. */
export async function readBank(db: Db, bank: QuestionBank): Promise<BankQuestion[]> {
  const rows = await db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'quiz_question').where('deleted', '=', 0).orderBy('id').execute()
  const questions: BankQuestion[] = []
  for (const row of rows) {
    const question = JSON.parse(row.data) as QuizQuestion
    if (question.bank === bank) questions.push({ id: row.id, question })
  }
  return questions.sort((a, b) => a.question.category.localeCompare(b.question.category, 'zh-Hans-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** How often each distinct choice was given to these questions in finished contest attempts. */
export interface ChoiceTally {
  questionId: string
  /** JSON array of option ids, as stored. */
  optionIds: string
  count: number
}

export async function choiceTallies(db: Db, questionIds: readonly string[]): Promise<ChoiceTally[]> {
  if (questionIds.length === 0) return []
  const rows = await db
    .selectFrom('quiz_answers')
    .innerJoin('quiz_attempts', 'quiz_attempts.id', 'quiz_answers.attempt_id')
    .select(['quiz_answers.question_id', 'quiz_answers.option_ids', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('quiz_attempts.finished_at', 'is not', null)
    .where('quiz_answers.question_id', 'in', [...questionIds])
    .groupBy(['quiz_answers.question_id', 'quiz_answers.option_ids'])
    .execute()
  return rows.map((row) => ({ questionId: row.question_id, optionIds: row.option_ids, count: Number(row.count) }))
}

export interface ReportCount {
  reports: number
  /** Of them, still 待处理. */
  open: number
}

/** 纠错 (feedback of kind question_report) per question, for these questions or (`all`) every question. */
export async function reportCounts(db: Db, questionIds: readonly string[] | 'all'): Promise<Map<string, ReportCount>> {
  const counts = new Map<string, ReportCount>()
  if (questionIds.length === 0) return counts
  let query = db
    .selectFrom('feedback')
    .select((eb) => [
      'feedback.question_id',
      eb.fn.countAll<number | string>().as('reports'),
      eb.fn.sum<number | string>(eb.case().when('feedback.status', '=', 'open').then(1).else(0).end()).as('open'),
    ])
    .where('feedback.kind', '=', 'question_report')
    .groupBy('feedback.question_id')
  if (questionIds !== 'all') query = query.where('feedback.question_id', 'in', [...questionIds])
  const rows = await query.execute()
  for (const row of rows) if (row.question_id !== null) counts.set(row.question_id, { reports: Number(row.reports), open: Number(row.open ?? 0) })
  return counts
}
