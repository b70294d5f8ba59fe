import type { Kysely, Selectable, Transaction } from 'kysely'

import type { QuizQuestion } from '../../src/core/content/model'
import type { ContestsTable, Database, QuizAttemptsTable } from '../db/schema'
import type { BankQuestion, DrawnQuestion, DrawRule } from './draw'

type Db = Kysely<Database> | Transaction<Database>

export interface Contest {
  id: string
  title: string
  startsAt: number
  endsAt: number
  questionCount: number
  timeLimitSeconds: number
  attemptsPerDay: number
  minSecondsPerQuestion: number
  drawRule: DrawRule
  /** When staff closed it early (endsAt is then that moment); null otherwise. */
  closedAt: number | null
}

export interface NewContest extends Omit<Contest, 'closedAt'> {
  createdBy: string | null
  createdAt: number
}

function contestOf(row: Selectable<ContestsTable>): Contest {
  return {
    id: row.id,
    title: row.title,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    questionCount: row.question_count,
    timeLimitSeconds: row.time_limit_seconds,
    attemptsPerDay: row.attempts_per_day,
    minSecondsPerQuestion: row.min_seconds_per_question,
    drawRule: JSON.parse(row.draw_rule) as DrawRule,
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
  }
}

export async function insertContest(db: Db, contest: NewContest): Promise<void> {
  await db
    .insertInto('contests')
    .values({
      id: contest.id,
      title: contest.title,
      starts_at: contest.startsAt,
      ends_at: contest.endsAt,
      question_count: contest.questionCount,
      time_limit_seconds: contest.timeLimitSeconds,
      attempts_per_day: contest.attemptsPerDay,
      min_seconds_per_question: contest.minSecondsPerQuestion,
      draw_rule: JSON.stringify(contest.drawRule),
      created_by: contest.createdBy,
      created_at: contest.createdAt,
    })
    .execute()
}

export async function findContest(db: Db, id: string): Promise<Contest | undefined> {
  const row = await db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? contestOf(row) : undefined
}

/** Contests not yet over at `now` (open and upcoming), the soonest to start first. */
export async function listCurrentContests(db: Db, now: number): Promise<Contest[]> {
  const rows = await db.selectFrom('contests').selectAll().where('ends_at', '>', now).orderBy('starts_at', 'asc').orderBy('id', 'asc').execute()
  return rows.map(contestOf)
}

/** The live contest bank (contest questions are stored with served = 0 and never synced). */
export async function readContestBank(db: Db): Promise<BankQuestion[]> {
  const rows = await db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'quiz_question').where('deleted', '=', 0).orderBy('id').execute()
  const bank: BankQuestion[] = []
  for (const row of rows) {
    const question = JSON.parse(row.data) as QuizQuestion
    if (question.bank === 'contest') bank.push({ id: row.id, question })
  }
  return bank
}

export interface Participant {
  id: string
  districtCode: string
  nickname: string | null
  showOnBoard: boolean
}

export async function insertParticipant(
  db: Db,
  participant: Participant & { tokenHash: string; createdAt: number; wechatUserId?: string | null },
): Promise<void> {
  await db
    .insertInto('quiz_participants')
    .values({
      id: participant.id,
      token_hash: participant.tokenHash,
      district_code: participant.districtCode,
      nickname: participant.nickname,
      show_on_board: participant.showOnBoard ? 1 : 0,
      created_at: participant.createdAt,
      wechat_user_id: participant.wechatUserId ?? null,
    })
    .execute()
}

/** The participant holding this token: its first (quiz_participants) or one a further phone got (0020). */
export async function findParticipantByTokenHash(db: Db, tokenHash: string): Promise<Participant | undefined> {
  // Two lookups by primary or unique key rather than one OR the planner may not index.
  const row =
    (await db.selectFrom('quiz_participants').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()) ??
    (await db
      .selectFrom('quiz_participant_tokens')
      .innerJoin('quiz_participants', 'quiz_participants.id', 'quiz_participant_tokens.participant_id')
      .selectAll('quiz_participants')
      .where('quiz_participant_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst())
  return row && { id: row.id, districtCode: row.district_code, nickname: row.nickname, showOnBoard: row.show_on_board === 1 }
}

/** The participant a WeChat user registered as, on any phone. */
export async function findParticipantOfWeChatUser(db: Db, wechatUserId: string): Promise<Participant | undefined> {
  const row = await db.selectFrom('quiz_participants').selectAll().where('wechat_user_id', '=', wechatUserId).executeTakeFirst()
  return row && { id: row.id, districtCode: row.district_code, nickname: row.nickname, showOnBoard: row.show_on_board === 1 }
}

/** A registration from another phone of the same WeChat user: its choices now, and a token of its own. */
export async function addParticipantToken(
  db: Db,
  participant: Omit<Participant, 'id'> & { id: string; tokenHash: string; createdAt: number },
): Promise<void> {
  await db
    .updateTable('quiz_participants')
    .set({ district_code: participant.districtCode, nickname: participant.nickname, show_on_board: participant.showOnBoard ? 1 : 0 })
    .where('id', '=', participant.id)
    .execute()
  await db.insertInto('quiz_participant_tokens').values({ token_hash: participant.tokenHash, participant_id: participant.id, created_at: participant.createdAt }).execute()
}

export interface Attempt {
  id: string
  contestId: string
  participantId: string
  questions: DrawnQuestion[]
  startedAt: number
  deadlineAt: number
  lastAnswerAt: number
  finishedAt: number | null
  score: number | null
  timeUsedMs: number | null
}

function attemptOf(row: Selectable<QuizAttemptsTable>): Attempt {
  return {
    id: row.id,
    contestId: row.contest_id,
    participantId: row.participant_id,
    questions: JSON.parse(row.questions) as DrawnQuestion[],
    startedAt: Number(row.started_at),
    deadlineAt: Number(row.deadline_at),
    lastAnswerAt: Number(row.last_answer_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    score: row.score,
    timeUsedMs: row.time_used_ms === null ? null : Number(row.time_used_ms),
  }
}

export async function countAttemptsOn(db: Db, contestId: string, participantId: string, chinaDate: string): Promise<number> {
  const row = await db
    .selectFrom('quiz_attempts')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('contest_id', '=', contestId)
    .where('participant_id', '=', participantId)
    .where('china_date', '=', chinaDate)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export interface NewAttempt {
  id: string
  contestId: string
  participantId: string
  chinaDate: string
  ordinal: number
  questions: DrawnQuestion[]
  startedAt: number
  deadlineAt: number
}

/** Inserts the attempt; false when the daily place `ordinal` was taken meanwhile (unique constraint). */
export async function insertAttempt(db: Kysely<Database>, attempt: NewAttempt): Promise<boolean> {
  const result = await db
    .insertInto('quiz_attempts')
    .values({
      id: attempt.id,
      contest_id: attempt.contestId,
      participant_id: attempt.participantId,
      china_date: attempt.chinaDate,
      ordinal: attempt.ordinal,
      questions: JSON.stringify(attempt.questions),
      started_at: attempt.startedAt,
      deadline_at: attempt.deadlineAt,
      last_answer_at: attempt.startedAt,
    })
    .onConflict((conflict) => conflict.columns(['contest_id', 'participant_id', 'china_date', 'ordinal']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

export async function findAttempt(db: Db, id: string): Promise<Attempt | undefined> {
  const row = await db.selectFrom('quiz_attempts').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? attemptOf(row) : undefined
}

export interface StoredAnswer {
  questionId: string
  optionIds: string[]
  answeredAt: number
}

export async function listAnswers(db: Db, attemptId: string): Promise<StoredAnswer[]> {
  const rows = await db.selectFrom('quiz_answers').selectAll().where('attempt_id', '=', attemptId).orderBy('answered_at', 'asc').execute()
  return rows.map((row) => ({ questionId: row.question_id, optionIds: JSON.parse(row.option_ids) as string[], answeredAt: Number(row.answered_at) }))
}

export type AnswerOutcome = 'recorded' | 'too_fast' | 'expired' | 'finished' | 'already_answered'

/**
 * Records one answer at server time `now`, in one transaction: the attempt's last answer time moves
 * only if the attempt is still running and the minimum time has passed (a conditional update, so two
 * answers sent at once cannot both slip through), and the (attempt, question) key refuses a second answer.
 */
export async function recordAnswer(
  db: Kysely<Database>,
  input: { attemptId: string; questionId: string; optionIds: string[]; now: number; minGapMs: number },
): Promise<AnswerOutcome> {
  return db.transaction().execute(async (trx) => {
    const state = await trx.selectFrom('quiz_attempts').select(['finished_at', 'deadline_at']).where('id', '=', input.attemptId).executeTakeFirstOrThrow()
    if (state.finished_at !== null) return 'finished'
    if (Number(state.deadline_at) < input.now) return 'expired'
    const existing = await trx
      .selectFrom('quiz_answers')
      .select('question_id')
      .where('attempt_id', '=', input.attemptId)
      .where('question_id', '=', input.questionId)
      .executeTakeFirst()
    if (existing) return 'already_answered'
    const updated = await trx
      .updateTable('quiz_attempts')
      .set({ last_answer_at: input.now })
      .where('id', '=', input.attemptId)
      .where('finished_at', 'is', null)
      .where('deadline_at', '>=', input.now)
      .where('last_answer_at', '<=', input.now - input.minGapMs)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) {
      const row = await trx.selectFrom('quiz_attempts').select(['finished_at', 'deadline_at']).where('id', '=', input.attemptId).executeTakeFirstOrThrow()
      if (row.finished_at !== null) return 'finished'
      if (Number(row.deadline_at) < input.now) return 'expired'
      return 'too_fast'
    }
    const inserted = await trx
      .insertInto('quiz_answers')
      .values({ attempt_id: input.attemptId, question_id: input.questionId, option_ids: JSON.stringify(input.optionIds), answered_at: input.now })
      .onConflict((conflict) => conflict.columns(['attempt_id', 'question_id']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AlreadyAnswered()
    return 'recorded'
  }).catch((error: unknown) => {
    if (error instanceof AlreadyAnswered) return 'already_answered' as const
    throw error
  })
}

/** Rolls the transaction back when a concurrent answer to the same question won. */
class AlreadyAnswered extends Error {}

/**
 * Stores the score once: only the update that finds the attempt unfinished writes it; every caller
 * then reads back what is stored, so two finishes at once give the same result.
 */
export async function finishAttempt(db: Db, input: { attemptId: string; finishedAt: number; score: number; timeUsedMs: number }): Promise<Attempt> {
  await db
    .updateTable('quiz_attempts')
    .set({ finished_at: input.finishedAt, score: input.score, time_used_ms: input.timeUsedMs })
    .where('id', '=', input.attemptId)
    .where('finished_at', 'is', null)
    .execute()
  const attempt = await findAttempt(db, input.attemptId)
  if (!attempt) throw new Error('finishAttempt: the attempt disappeared')
  return attempt
}

export interface FinishedAttemptRow {
  participantId: string
  districtCode: string
  nickname: string | null
  showOnBoard: boolean
  /** Staff hid the nickname from the public board. */
  boardHidden: boolean
  score: number
  timeUsedMs: number
}

export async function listFinishedAttempts(db: Db, contestId: string): Promise<FinishedAttemptRow[]> {
  const rows = await db
    .selectFrom('quiz_attempts')
    .innerJoin('quiz_participants', 'quiz_participants.id', 'quiz_attempts.participant_id')
    .select([
      'quiz_attempts.participant_id',
      'quiz_participants.district_code',
      'quiz_participants.nickname',
      'quiz_participants.show_on_board',
      'quiz_participants.board_hidden_at',
      'quiz_attempts.score',
      'quiz_attempts.time_used_ms',
    ])
    .where('quiz_attempts.contest_id', '=', contestId)
    .where('quiz_attempts.finished_at', 'is not', null)
    .execute()
  return rows.map((row) => ({
    participantId: row.participant_id,
    districtCode: row.district_code,
    nickname: row.nickname,
    showOnBoard: row.show_on_board === 1,
    boardHidden: row.board_hidden_at !== null,
    score: row.score ?? 0,
    timeUsedMs: Number(row.time_used_ms ?? 0),
  }))
}

/** Every contest, the latest to start first (the console's list). */
export async function listAllContests(db: Db): Promise<Contest[]> {
  const rows = await db.selectFrom('contests').selectAll().orderBy('starts_at', 'desc').orderBy('id', 'asc').execute()
  return rows.map(contestOf)
}

export interface ContestCounts {
  participants: number
  attempts: number
}

/** Per contest: distinct participants who started an attempt, and attempts started. */
export async function countContestEntries(db: Db): Promise<Map<string, ContestCounts>> {
  const rows = await db
    .selectFrom('quiz_attempts')
    .select((eb) => ['contest_id', eb.fn.countAll<string | number>().as('attempts'), eb.fn.count<string | number>('participant_id').distinct().as('participants')])
    .groupBy('contest_id')
    .execute()
  return new Map(rows.map((row) => [row.contest_id, { participants: Number(row.participants), attempts: Number(row.attempts) }]))
}

export interface DistrictEntries {
  districtCode: string
  participants: number
  attempts: number
  finished: number
}

/** One contest's participation by the participants' district: people, attempts started, attempts finished. */
export async function countEntriesByDistrict(db: Db, contestId: string): Promise<DistrictEntries[]> {
  const rows = await db
    .selectFrom('quiz_attempts')
    .innerJoin('quiz_participants', 'quiz_participants.id', 'quiz_attempts.participant_id')
    .select((eb) => [
      'quiz_participants.district_code',
      eb.fn.countAll<string | number>().as('attempts'),
      eb.fn.count<string | number>('quiz_attempts.participant_id').distinct().as('participants'),
      eb.fn.count<string | number>('quiz_attempts.finished_at').as('finished'),
    ])
    .where('quiz_attempts.contest_id', '=', contestId)
    .groupBy('quiz_participants.district_code')
    .execute()
  return rows.map((row) => ({ districtCode: row.district_code, participants: Number(row.participants), attempts: Number(row.attempts), finished: Number(row.finished) }))
}

/** Changes a contest that has not started at `now`; false when it has started meanwhile (or is gone). */
export async function updateUpcomingContest(db: Db, contest: Omit<Contest, 'closedAt'>, staffId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('contests')
    .set({
      title: contest.title,
      starts_at: contest.startsAt,
      ends_at: contest.endsAt,
      question_count: contest.questionCount,
      time_limit_seconds: contest.timeLimitSeconds,
      attempts_per_day: contest.attemptsPerDay,
      min_seconds_per_question: contest.minSecondsPerQuestion,
      draw_rule: JSON.stringify(contest.drawRule),
      updated_at: now,
      updated_by: staffId,
    })
    .where('id', '=', contest.id)
    .where('starts_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Ends a running contest at `now`; false when it is not running at `now`. */
export async function closeRunningContest(db: Db, id: string, staffId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('contests')
    .set({ ends_at: now, closed_at: now, closed_by: staffId, updated_at: now, updated_by: staffId })
    .where('id', '=', id)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findParticipant(db: Db, id: string): Promise<(Participant & { boardHidden: boolean }) | undefined> {
  const row = await db.selectFrom('quiz_participants').selectAll().where('id', '=', id).executeTakeFirst()
  return row && { id: row.id, districtCode: row.district_code, nickname: row.nickname, showOnBoard: row.show_on_board === 1, boardHidden: row.board_hidden_at !== null }
}

/** Hides a participant's nickname from the public board, or shows it again. */
export async function setBoardHidden(db: Db, participantId: string, hidden: boolean, staffId: string, now: number): Promise<void> {
  await db
    .updateTable('quiz_participants')
    .set(hidden ? { board_hidden_at: now, board_hidden_by: staffId } : { board_hidden_at: null, board_hidden_by: null })
    .where('id', '=', participantId)
    .execute()
}
