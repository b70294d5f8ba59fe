/**
 * A person's practice record, kept on the phone (DESIGN.md section 5): which questions they have
 * seen and when, how well they know each category, the wrong-answer book and the rounds they
 * played. A plain object the app stores as it is; every change returns a new one.
 */
import { POLICY_CATEGORIES, type PolicyCategory } from '../content/model'
import { ownEntry } from './own-entry'

/** What a round draws from: one category, all of them, or only the wrong-answer book. */
export type RoundScope = PolicyCategory | 'mixed' | 'mistakes'

export interface SeenQuestion {
  /** The last round in which it was answered. */
  lastRound: number
}

export interface CategoryMastery {
  answered: number
  right: number
  /** right / answered, 0 before the first answer. */
  ratio: number
}

/**
 * A question answered wrong. It leaves the book after right answers in two later rounds; two right
 * answers in one round count once, and a wrong answer starts the count again.
 */
export interface WrongBookEntry {
  category: PolicyCategory
  /** The round of the latest wrong answer. */
  wrongRound: number
  /** Right answers counted since then, each in a different round after wrongRound. */
  rightRounds: number
  /** The round whose answer last counted (or wrongRound): only a later round counts next. */
  lastCountedRound: number
}

export interface RoundRecord {
  round: number
  /** When the round was finished, epoch ms. */
  at: number
  scope: RoundScope
  /** Questions answered in the round. */
  count: number
  right: number
}

export interface QuizProgress {
  /** The highest round number that recorded an answer; the next round is one more. */
  lastRound: number
  seen: Record<string, SeenQuestion>
  mastery: Partial<Record<PolicyCategory, CategoryMastery>>
  wrongBook: Record<string, WrongBookEntry>
  /** Oldest first, at most HISTORY_LIMIT. */
  history: RoundRecord[]
}

/** Right answers, in different later rounds, that take a question out of the wrong-answer book. */
export const RIGHT_ROUNDS_TO_LEAVE = 2
export const HISTORY_LIMIT = 200

export interface AnswerRecord {
  round: number
  questionId: string
  category: PolicyCategory
  right: boolean
}

export function emptyProgress(): QuizProgress {
  return { lastRound: 0, seen: {}, mastery: {}, wrongBook: {}, history: [] }
}

/** The number the next drawn round gets. */
export function nextRoundNumber(progress: QuizProgress): number {
  return progress.lastRound + 1
}

/** One answer's effect on what was seen, on mastery and on the wrong-answer book. */
export function recordAnswer(progress: QuizProgress, answer: AnswerRecord): QuizProgress {
  const { round, questionId, category, right } = answer
  const previous = progress.mastery[category] ?? { answered: 0, right: 0, ratio: 0 }
  const answered = previous.answered + 1
  const rightCount = previous.right + (right ? 1 : 0)
  return {
    ...progress,
    lastRound: Math.max(progress.lastRound, round),
    seen: { ...progress.seen, [questionId]: { lastRound: Math.max(ownEntry(progress.seen, questionId)?.lastRound ?? 0, round) } },
    mastery: { ...progress.mastery, [category]: { answered, right: rightCount, ratio: rightCount / answered } },
    wrongBook: updateWrongBook(progress.wrongBook, answer),
  }
}

function updateWrongBook(book: Record<string, WrongBookEntry>, answer: AnswerRecord): Record<string, WrongBookEntry> {
  const { round, questionId, category, right } = answer
  const entry = ownEntry(book, questionId)
  if (!right) {
    return { ...book, [questionId]: { category, wrongRound: round, rightRounds: 0, lastCountedRound: round } }
  }
  if (entry === undefined || round <= entry.lastCountedRound) return book
  const rightRounds = entry.rightRounds + 1
  if (rightRounds >= RIGHT_ROUNDS_TO_LEAVE) {
    const { [questionId]: _leaving, ...rest } = book
    return rest
  }
  return { ...book, [questionId]: { ...entry, rightRounds, lastCountedRound: round } }
}

/** Adds a finished round to the history, once per round number; a round with no answers adds nothing. */
export function recordRound(progress: QuizProgress, record: RoundRecord): QuizProgress {
  if (record.count === 0 || progress.history.some((entry) => entry.round === record.round)) return progress
  return { ...progress, history: [...progress.history, record].slice(-HISTORY_LIMIT) }
}

/** Every category in the fixed order, with zeros for those never answered. */
export function masteryByCategory(progress: QuizProgress): { category: PolicyCategory; mastery: CategoryMastery }[] {
  return POLICY_CATEGORIES.map((category) => ({ category, mastery: progress.mastery[category] ?? { answered: 0, right: 0, ratio: 0 } }))
}

/** Storage can hold anything (an older app, damage): keep the parts that are whole, drop the rest. */
export function restoreProgress(raw: unknown): QuizProgress {
  if (!isObject(raw)) return emptyProgress()
  const seen = pickEntries(raw.seen, (value): value is SeenQuestion => isObject(value) && isRound(value.lastRound), (entry) => ({ lastRound: entry.lastRound }))
  const wrongBook = pickEntries(raw.wrongBook, isWrongBookEntry, (entry) => ({
    category: entry.category,
    wrongRound: entry.wrongRound,
    rightRounds: entry.rightRounds,
    lastCountedRound: entry.lastCountedRound,
  }))
  const mastery: QuizProgress['mastery'] = {}
  if (isObject(raw.mastery)) {
    for (const category of POLICY_CATEGORIES) {
      const value = raw.mastery[category]
      if (isMastery(value)) mastery[category] = { answered: value.answered, right: value.right, ratio: value.answered === 0 ? 0 : value.right / value.answered }
    }
  }
  const history = Array.isArray(raw.history) ? raw.history
        .filter(isRoundRecord)
        .slice(-HISTORY_LIMIT)
        .map(({ round, at, scope, count, right }) => ({ round, at, scope, count, right }))
    : []
  const rounds = [
    ...Object.values(seen).map((entry) => entry.lastRound),
    ...Object.values(wrongBook).map((entry) => entry.lastCountedRound),
    ...history.map((entry) => entry.round),
  ]
  // Never hand out a round number already used, or right answers in it could count twice.
  const lastRound = Math.max(isRound(raw.lastRound) ? raw.lastRound : 0, 0, ...rounds)
  return { lastRound, seen, mastery, wrongBook, history }
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isRound(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function isCategory(value: unknown): value is PolicyCategory {
  return typeof value === 'string' && (POLICY_CATEGORIES as readonly string[]).includes(value)
}

function isScope(value: unknown): value is RoundScope {
  return value === 'mixed' || value === 'mistakes' || isCategory(value)
}

function isMastery(value: unknown): value is CategoryMastery {
  return isObject(value) && isRound(value.answered) && isRound(value.right) && value.right <= value.answered
}

function isWrongBookEntry(value: unknown): value is WrongBookEntry {
  return (
    isObject(value) &&
    isCategory(value.category) &&
    isRound(value.wrongRound) &&
    isRound(value.rightRounds) &&
    value.rightRounds < RIGHT_ROUNDS_TO_LEAVE &&
    isRound(value.lastCountedRound) &&
    value.lastCountedRound >= value.wrongRound
  )
}

function isRoundRecord(value: unknown): value is RoundRecord {
  return (
    isObject(value) &&
    isRound(value.round) &&
    typeof value.at === 'number' &&
    Number.isFinite(value.at) &&
    isScope(value.scope) &&
    isRound(value.count) &&
    isRound(value.right) &&
    value.right <= value.count
  )
}

function pickEntries<T>(value: unknown, isEntry: (entry: unknown) => entry is T, copy: (entry: T) => T): Record<string, T> {
  if (!isObject(value)) return {}
  // fromEntries defines keys such as "__proto__" as plain properties.
  return Object.fromEntries(Object.entries(value).flatMap(([key, entry]) => (isEntry(entry) ? [[key, copy(entry)]] : [])))
}
