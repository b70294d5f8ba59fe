/**
 * Contests as the phone sees them (DESIGN.md section 5): the service draws, times and scores;
 * the phone shows questions without answers, counts down to the service's deadline and shows the
 * result the service reveals after finishing. The contest API's answers are the shapes of its
 * schemas (server/quiz/quiz.schemas.ts); here are what the phone keeps of them and the small rules
 * the pages share.
 */
import type { AttemptResult, AttemptStarted, ContestView, DistrictParticipation } from '../../../server/quiz/quiz.schemas'
import { secondsUntil } from './countdown'

/** The registration kept on the phone: the token proves it to the service. */
export interface ContestParticipant {
  token: string
  districtCode: string
  nickname: string | null
  showOnBoard: boolean
}

/** An attempt under way on this phone, kept so that leaving the page does not lose it. */
export interface ActiveAttempt {
  contestId: string
  contestTitle: string
  started: AttemptStarted
  /** The deadline on this phone's clock: the service's time limit counted from when its answer arrived. */
  deadlineAt: number
  /** Option ids of the questions the service has recorded, by question id. */
  recorded: Record<string, string[]>
}

/** A finished attempt, for the quiz tab's record and the contest page. */
export interface ContestRecord {
  contestId: string
  contestTitle: string
  attemptId: string
  score: number
  questionCount: number
  finishedAt: string
}

const SECOND = 1000

/**
 * The phone's clock may be wrong by minutes: the deadline is the service's time limit counted
 * from when its answer reached the phone. That is later than the service's own deadline by the
 * answer's travel time, so a last answer may still be refused as too late.
 */
export function localDeadline(started: AttemptStarted, receivedAt: number): number {
  const limit = Date.parse(started.deadline) - Date.parse(started.startedAt)
  return receivedAt + limit
}

/** 65 → 1分05秒; 42 → 42秒; 600 → 10分钟. */
export function durationWords(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds))
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (minutes === 0) return `${rest}秒`
  return rest === 0 ? `${minutes}分钟` : `${minutes}分${String(rest).padStart(2, '0')}秒`
}

/** 05:07, for a countdown. */
export function clockWords(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
}

/** An ISO instant as Beijing time: 12月31日 18:00. */
export function chinaTimeWords(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 60 * 60 * SECOND)
  const minutes = String(shifted.getUTCMinutes()).padStart(2, '0')
  return `${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日 ${shifted.getUTCHours()}:${minutes}`
}

/** The rules of a contest in plain words, one line each. */
export function contestRules(contest: ContestView): string[] {
  const rules = [
    `时间：${chinaTimeWords(contest.startsAt)} 至 ${chinaTimeWords(contest.endsAt)}（北京时间）`,
    `每次${contest.questionCount}道题，限时${durationWords(contest.timeLimitSeconds)}`,
    `每天可以答${contest.attemptsPerDay}次`,
  ]
  if (contest.minSecondsPerQuestion > 0) rules.push(`每道题至少用${contest.minSecondsPerQuestion}秒，看清题目再作答`)
  rules.push('交卷后公布成绩、正确答案和解析')
  return rules
}

/** Seconds still to wait before an answer may be sent, counted from when the question was shown. */
export function secondsBeforeAnswer(shownAt: number, minSecondsPerQuestion: number, now: number): number {
  return secondsUntil(shownAt + minSecondsPerQuestion * SECOND, now)
}

/** The first question the service has not recorded an answer for, or null when all are. */
export function nextQuestionIndex(attempt: ActiveAttempt): number | null {
  const index = attempt.started.questions.findIndex((question) => attempt.recorded[question.id] === undefined)
  return index === -1 ? null : index
}

/**
 * The ranking the bureau uses: by participation rate when every district has one (districts differ
 * in size), else by participants; ties keep the site's order and share a rank (1, 2, 2, 4); a
 * district nobody from has taken part has none.
 */
export function districtRanking(districts: readonly DistrictParticipation[]): (DistrictParticipation & { rank: number | null })[] {
  const byRate = districts.length > 0 && districts.every((district) => district.rate !== null)
  const score = (district: DistrictParticipation) => (byRate ? (district.rate as number) : district.participants)
  return districts
    .map((district, order) => ({ district, order }))
    .sort((a, b) => score(b.district) - score(a.district) || a.order - b.order)
    .map(({ district }) => ({
      ...district,
      rank: district.participants === 0 ? null : 1 + districts.filter((other) => score(other) > score(district)).length,
    }))
}

/** A participation rate as people per 10,000 residents: 0.00123 → 每万人12.3人. */
export function rateWords(rate: number): string {
  return `每万人${(Math.round(rate * 100_000) / 10).toFixed(1)}人`
}

/** 0.256 → 25.6%; shares are of all participants, so they add up to 100%. */
export function percentWords(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`
}

// What storage gives back is checked before use: a damaged entry is dropped, never trusted.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function restoreParticipant(raw: unknown): ContestParticipant | null {
  if (!isRecord(raw) || typeof raw.token !== 'string' || typeof raw.districtCode !== 'string') return null
  return {
    token: raw.token,
    districtCode: raw.districtCode,
    nickname: typeof raw.nickname === 'string' ? raw.nickname : null,
    showOnBoard: raw.showOnBoard === true,
  }
}

export function restoreActiveAttempt(raw: unknown): ActiveAttempt | null {
  if (!isRecord(raw) || typeof raw.contestId !== 'string' || typeof raw.contestTitle !== 'string' || typeof raw.deadlineAt !== 'number') return null
  const started = raw.started
  if (!isRecord(started) || typeof started.attemptId !== 'string' || !Array.isArray(started.questions) || !isRecord(raw.recorded)) return null
  return raw as unknown as ActiveAttempt
}

export function restoreRecords(raw: unknown): ContestRecord[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(
    (entry): entry is ContestRecord =>
      isRecord(entry) && typeof entry.attemptId === 'string' && typeof entry.contestId === 'string' && typeof entry.score === 'number',
  )
}

/** The record of a finished attempt, newest first, each attempt once. */
export function withRecord(records: readonly ContestRecord[], result: AttemptResult, contestTitle: string): ContestRecord[] {
  const record: ContestRecord = {
    contestId: result.contestId,
    contestTitle,
    attemptId: result.attemptId,
    score: result.score,
    questionCount: result.questionCount,
    finishedAt: result.finishedAt,
  }
  return [record, ...records.filter((other) => other.attemptId !== result.attemptId)]
}
