/**
 * Drawing a practice round (DESIGN.md section 5): N questions without repeats, past mistakes
 * first, then questions never seen, then the rest, least recently seen first. Randomness comes in
 * as `random` (values in [0, 1)), so that a seed makes a round reproducible.
 */
import type { QuizOption, QuizQuestion } from '../content/model'
import { ownEntry } from './own-entry'
import { nextRoundNumber, type QuizProgress, type RoundScope } from './progress'

/** A question of the bank with its feed item id: the shape of a stored `quiz_question` item. */
export interface BankQuestion {
  id: string
  data: QuizQuestion
}

/** A question as shown in one round: its options in the order shown, each with its stable id. */
export interface PresentedQuestion {
  id: string
  question: QuizQuestion
  options: QuizOption[]
}

export interface RoundAnswer {
  /** The distinct option ids chosen, as given. */
  chosen: string[]
  right: boolean
}

export interface QuizRound {
  number: number
  scope: RoundScope
  /** How many questions were asked for. */
  requested: number
  /** True when the bank had fewer questions for this scope than requested: all of them are here. */
  short: boolean
  questions: PresentedQuestion[]
  /** By question id; the first answer to a question stands. */
  answers: Record<string, RoundAnswer>
}

export interface DrawRequest {
  bank: readonly BankQuestion[]
  progress: QuizProgress
  scope: RoundScope
  count: number
  random: () => number
}

const JUDGE_ORDER = ['t', 'f']

export function drawRound(request: DrawRequest): QuizRound {
  const { progress, scope, random } = request
  const requested = Math.max(0, Math.floor(Number.isFinite(request.count) ? request.count : 0))
  const candidates = uniqueById(request.bank).filter((item) => inScope(item, scope, progress))
  const mistakes: BankQuestion[] = []
  const unseen: BankQuestion[] = []
  const seen: BankQuestion[] = []
  for (const item of candidates) {
    if (ownEntry(progress.wrongBook, item.id) !== undefined) mistakes.push(item)
    else if (ownEntry(progress.seen, item.id) === undefined) unseen.push(item)
    else seen.push(item)
  }
  const ordered = [...leastRecentFirst(mistakes, progress, random), ...shuffle(unseen, random), ...leastRecentFirst(seen, progress, random)]
  const chosen = shuffle(ordered.slice(0, requested), random)
  return {
    number: nextRoundNumber(progress),
    scope,
    requested,
    short: candidates.length < requested,
    questions: chosen.map((item) => present(item, random)),
    answers: {},
  }
}

/** The options in the order to show: shuffled, except judge questions, always 正确 then 错误. */
export function presentOptions(question: QuizQuestion, random: () => number): QuizOption[] {
  if (question.questionType === 'judge') {
    const rank = (option: QuizOption) => (JUDGE_ORDER.includes(option.id) ? JUDGE_ORDER.indexOf(option.id) : JUDGE_ORDER.length)
    return [...question.options].sort((a, b) => rank(a) - rank(b))
  }
  return shuffle(question.options, random)
}

export function present(item: BankQuestion, random: () => number): PresentedQuestion {
  return { id: item.id, question: item.data, options: presentOptions(item.data, random) }
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.min(i, Math.floor(unit(random()) * (i + 1)))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

function inScope(item: BankQuestion, scope: RoundScope, progress: QuizProgress): boolean {
  if (scope === 'mixed') return true
  if (scope === 'mistakes') return ownEntry(progress.wrongBook, item.id) !== undefined
  return item.data.category === scope
}

/** Random order among equals, then the least recently answered first. */
function leastRecentFirst(items: readonly BankQuestion[], progress: QuizProgress, random: () => number): BankQuestion[] {
  const lastRound = (item: BankQuestion) => ownEntry(progress.seen, item.id)?.lastRound ?? 0
  return shuffle(items, random).sort((a, b) => lastRound(a) - lastRound(b))
}

/** A bank with the same id twice (a feed mistake) must still give a round without repeats. */
function uniqueById(bank: readonly BankQuestion[]): BankQuestion[] {
  const ids = new Set<string>()
  return bank.filter((item) => {
    if (ids.has(item.id)) return false
    ids.add(item.id)
    return true
  })
}

function unit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0
}
