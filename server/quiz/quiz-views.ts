import type { Site } from '../../src/core/content/model'
import type { Attempt, Contest, FinishedAttemptRow, StoredAnswer } from './contests.repository'
import { isAnswerRight } from '../../src/core/quiz/scoring'
import type { AttemptResult, ContestStats, ContestView } from './quiz.schemas'

export const BOARD_SIZE = 50
const ANONYMOUS = '匿名参与者'

const isoOf = (ms: number) => new Date(ms).toISOString()

export function contestViewOf(contest: Contest, now: number): ContestView {
  return {
    id: contest.id,
    title: contest.title,
    startsAt: isoOf(contest.startsAt),
    endsAt: isoOf(contest.endsAt),
    status: now < contest.startsAt ? 'upcoming' : now < contest.endsAt ? 'open' : 'closed',
    questionCount: contest.questionCount,
    timeLimitSeconds: contest.timeLimitSeconds,
    attemptsPerDay: contest.attemptsPerDay,
    minSecondsPerQuestion: contest.minSecondsPerQuestion,
    drawRule: contest.drawRule,
  }
}

export function scoreOf(attempt: Attempt, answers: readonly StoredAnswer[]): number {
  const chosen = new Map(answers.map((answer) => [answer.questionId, answer.optionIds]))
  return attempt.questions.filter((question) => isAnswerRight(question, chosen.get(question.id) ?? [])).length
}

/** The result of a finished attempt: only now the answers, explanations and citations are revealed. */
export function resultOf(attempt: Attempt, answers: readonly StoredAnswer[]): AttemptResult {
  if (attempt.finishedAt === null || attempt.score === null || attempt.timeUsedMs === null) throw new Error('resultOf: the attempt is not finished')
  const chosen = new Map(answers.map((answer) => [answer.questionId, answer.optionIds]))
  return {
    attemptId: attempt.id,
    contestId: attempt.contestId,
    score: attempt.score,
    questionCount: attempt.questions.length,
    timeUsedSeconds: attempt.timeUsedMs / 1000,
    startedAt: isoOf(attempt.startedAt),
    finishedAt: isoOf(attempt.finishedAt),
    questions: attempt.questions.map((question) => {
      const chosenOptionIds = chosen.get(question.id) ?? []
      return {
        id: question.id,
        questionType: question.questionType,
        stem: question.stem,
        options: question.options,
        chosenOptionIds,
        correct: isAnswerRight(question, chosenOptionIds),
        answer: question.answer,
        explanation: question.explanation,
        citations: question.citations,
      }
    }),
  }
}

/** A participant's best attempt on the board, higher score first, then less time; `rank` only for those the public sees. */
export interface BoardRow {
  participantId: string
  districtCode: string
  nickname: string
  score: number
  timeUsedMs: number
  hidden: boolean
  rank: number | null
}

/** Higher score first, then less time (then a fixed order). */
export function byResult(a: FinishedAttemptRow, b: FinishedAttemptRow): number {
  return b.score - a.score || a.timeUsedMs - b.timeUsedMs || a.participantId.localeCompare(b.participantId)
}

/** Each participant's best attempt (higher score, then less time), best first. */
export function bestAttempts(finished: readonly FinishedAttemptRow[]): FinishedAttemptRow[] {
  const best = new Map<string, FinishedAttemptRow>()
  for (const row of finished) {
    const current = best.get(row.participantId)
    if (!current || row.score > current.score || (row.score === current.score && row.timeUsedMs < current.timeUsedMs)) best.set(row.participantId, row)
  }
  return [...best.values()].sort(byResult)
}

/**
 * The opt-in board: each participant's best attempt, higher score first, then less time. Nicknames
 * staff hid keep their place in the list (flagged, without a rank) and are left out of the ranks.
 */
export function boardOf(finished: readonly FinishedAttemptRow[]): BoardRow[] {
  const ranked = bestAttempts(finished.filter((row) => row.showOnBoard))
  const board: BoardRow[] = []
  let shown = 0
  let previous: BoardRow | undefined
  for (const row of ranked) {
    let rank: number | null = null
    if (!row.boardHidden) {
      shown += 1
      const tied = previous !== undefined && previous.score === row.score && previous.timeUsedMs === row.timeUsedMs
      rank = tied && previous ? previous.rank : shown
    }
    const entry: BoardRow = { participantId: row.participantId, districtCode: row.districtCode, nickname: row.nickname ?? ANONYMOUS, score: row.score, timeUsedMs: row.timeUsedMs, hidden: row.boardHidden, rank }
    if (!row.boardHidden) previous = entry
    board.push(entry)
  }
  return board
}

/** The districts of the site, and any a participant named that the site has dropped since. */
export function districtsOf(site: Site | undefined, codes: Iterable<string>): { code: string; name: string; population?: number }[] {
  const districts: { code: string; name: string; population?: number }[] = [...(site?.districts ?? [])]
  for (const code of codes) if (!districts.some((district) => district.code === code)) districts.push({ code, name: code })
  return districts
}

/**
 * Participation by district (distinct participants with a finished attempt) for every district of
 * the site, with its rate when the site gives the district's resident population, and the opt-in
 * board without the nicknames staff hid.
 */
export function statsOf(contest: Pick<Contest, 'id' | 'title'>, site: Site | undefined, finished: readonly FinishedAttemptRow[]): ContestStats {
  const byDistrict = new Map<string, Set<string>>()
  for (const row of finished) {
    const participants = byDistrict.get(row.districtCode) ?? new Set<string>()
    participants.add(row.participantId)
    byDistrict.set(row.districtCode, participants)
  }
  const total = new Set(finished.map((row) => row.participantId)).size
  const board: ContestStats['board'] = boardOf(finished)
    .filter((row) => row.rank !== null)
    .slice(0, BOARD_SIZE)
    .map((row) => ({ rank: row.rank ?? 0, nickname: row.nickname, score: row.score, timeUsedSeconds: row.timeUsedMs / 1000 }))
  return {
    contestId: contest.id,
    title: contest.title,
    participants: total,
    districts: districtsOf(site, byDistrict.keys()).map(({ code, name, population }) => {
      const participants = byDistrict.get(code)?.size ?? 0
      return { code, name, participants, share: total === 0 ? 0 : participants / total, rate: population === undefined ? null : participants / population }
    }),
    board,
  }
}
