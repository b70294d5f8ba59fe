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

/**
 * Participation by district (distinct participants with a finished attempt) for every district of
 * the site, with its rate when the site gives the district's resident population, and the opt-in board: each participant's best attempt, higher score first, then less time.
 */
export function statsOf(contest: Pick<Contest, 'id' | 'title'>, site: Site | undefined, finished: readonly FinishedAttemptRow[]): ContestStats {
  const byDistrict = new Map<string, Set<string>>()
  const best = new Map<string, FinishedAttemptRow>()
  for (const row of finished) {
    const participants = byDistrict.get(row.districtCode) ?? new Set<string>()
    participants.add(row.participantId)
    byDistrict.set(row.districtCode, participants)
    if (!row.showOnBoard) continue
    const current = best.get(row.participantId)
    if (!current || row.score > current.score || (row.score === current.score && row.timeUsedMs < current.timeUsedMs)) best.set(row.participantId, row)
  }
  const total = new Set(finished.map((row) => row.participantId)).size
  const districts: { code: string; name: string; population?: number }[] = [...(site?.districts ?? [])]
  // A district dropped from the site since its people took part still counts.
  for (const code of byDistrict.keys()) if (!districts.some((district) => district.code === code)) districts.push({ code, name: code })
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.timeUsedMs - b.timeUsedMs || a.participantId.localeCompare(b.participantId))
  const board: ContestStats['board'] = []
  for (const [index, row] of ranked.slice(0, BOARD_SIZE).entries()) {
    const previous = index > 0 ? ranked[index - 1] : undefined
    const tied = previous !== undefined && previous.score === row.score && previous.timeUsedMs === row.timeUsedMs
    board.push({ rank: tied ? board[index - 1].rank : index + 1, nickname: row.nickname ?? ANONYMOUS, score: row.score, timeUsedSeconds: row.timeUsedMs / 1000 })
  }
  return {
    contestId: contest.id,
    title: contest.title,
    participants: total,
    districts: districts.map(({ code, name, population }) => {
      const participants = byDistrict.get(code)?.size ?? 0
      return { code, name, participants, share: total === 0 ? 0 : participants / total, rate: population === undefined ? null : participants / population }
    }),
    board,
  }
}
