/**
 * What the result page shows after a round: the score, the score per category, and each question
 * answered wrong with what was chosen, the right answer, the explanation and the cited articles.
 */
import type { Citation, PolicyCategory, QuizOption } from '../content/model'
import type { QuizRound } from './draw'
import { ownEntry } from './own-entry'
import type { RoundScope } from './progress'

export interface CategoryScore {
  category: PolicyCategory
  total: number
  right: number
}

export interface WrongAnswer {
  questionId: string
  stem: string
  /** The options chosen, in the order they were shown; unknown ids are left out. */
  chosen: QuizOption[]
  /** The right options, in the order they were shown. */
  answer: QuizOption[]
  explanation: string
  citations: Citation[]
}

export interface RoundSummary {
  round: number
  scope: RoundScope
  /** Questions in the round. */
  total: number
  answered: number
  right: number
  /** Categories in the order they first appear in the round. */
  byCategory: CategoryScore[]
  wrong: WrongAnswer[]
  /** The bank had fewer questions than asked for. */
  short: boolean
  requested: number
}

export function summariseRound(round: QuizRound): RoundSummary {
  const byCategory = new Map<PolicyCategory, CategoryScore>()
  const wrong: WrongAnswer[] = []
  let answered = 0
  let right = 0
  for (const { id, question, options } of round.questions) {
    const score = byCategory.get(question.category) ?? { category: question.category, total: 0, right: 0 }
    byCategory.set(question.category, score)
    score.total += 1
    const answer = ownEntry(round.answers, id)
    if (answer === undefined) continue
    answered += 1
    if (answer.right) {
      right += 1
      score.right += 1
      continue
    }
    wrong.push({
      questionId: id,
      stem: question.stem,
      chosen: options.filter((option) => answer.chosen.includes(option.id)),
      answer: options.filter((option) => question.answer.includes(option.id)),
      explanation: question.explanation,
      citations: question.citations,
    })
  }
  return {
    round: round.number,
    scope: round.scope,
    total: round.questions.length,
    answered,
    right,
    byCategory: [...byCategory.values()],
    wrong,
    short: round.short,
    requested: round.requested,
  }
}
