/**
 * The wrong-answer book page: the questions in the book that the bank still holds, with how far
 * each has come towards leaving it. Questions the bureau has since withdrawn are not shown.
 */
import type { QuizQuestion } from '../content/model'
import type { BankQuestion } from './draw'
import { ownEntry } from './own-entry'
import { RIGHT_ROUNDS_TO_LEAVE, type QuizProgress } from './progress'

export interface WrongBookQuestion {
  id: string
  question: QuizQuestion
  /** The round of the latest wrong answer. */
  wrongRound: number
  /** Right answers in later rounds still needed before it leaves the book (1 or 2). */
  rightRoundsToGo: number
}

/** Latest mistakes first. */
export function wrongBookQuestions(progress: QuizProgress, bank: readonly BankQuestion[]): WrongBookQuestion[] {
  const listed = new Set<string>()
  const entries: WrongBookQuestion[] = []
  for (const item of bank) {
    const entry = ownEntry(progress.wrongBook, item.id)
    if (entry === undefined || listed.has(item.id)) continue
    listed.add(item.id)
    entries.push({ id: item.id, question: item.data, wrongRound: entry.wrongRound, rightRoundsToGo: RIGHT_ROUNDS_TO_LEAVE - entry.rightRounds })
  }
  return entries.sort((a, b) => b.wrongRound - a.wrongRound)
}
