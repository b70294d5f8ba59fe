/**
 * Playing a drawn round: each answer is scored at once (practice shows the explanation right
 * after it) and recorded in the progress; finishing adds the round to the history and sums it up.
 */
import type { Citation, QuizOption } from '../content/model'
import type { QuizRound, RoundAnswer } from './draw'
import { ownEntry } from './own-entry'
import { recordAnswer, recordRound, type QuizProgress } from './progress'
import { chosenIds, isAnswerRight } from './scoring'
import { summariseRound, type RoundSummary } from './summary'

/** The feedback shown after an answer. */
export interface AnswerFeedback {
  right: boolean
  /** The right options, in the order they were shown. */
  answer: QuizOption[]
  explanation: string
  citations: Citation[]
}

export interface AnswerOutcome {
  round: QuizRound
  progress: QuizProgress
  /** null when the question is not in this round: nothing changed. */
  feedback: AnswerFeedback | null
}

/**
 * Scores `chosen` for one question of the round and records it. The first answer to a question
 * stands: answering it again changes nothing and gives the same feedback.
 */
export function answerQuestion(round: QuizRound, progress: QuizProgress, questionId: string, chosen: readonly unknown[]): AnswerOutcome {
  const presented = round.questions.find((item) => item.id === questionId)
  if (presented === undefined) return { round, progress, feedback: null }
  const { question, options } = presented
  const feedbackFor = (answer: RoundAnswer): AnswerFeedback => ({
    right: answer.right,
    answer: options.filter((option) => question.answer.includes(option.id)),
    explanation: question.explanation,
    citations: question.citations,
  })
  const earlier = ownEntry(round.answers, questionId)
  if (earlier !== undefined) return { round, progress, feedback: feedbackFor(earlier) }
  const answer: RoundAnswer = { chosen: chosenIds(chosen) ?? [], right: isAnswerRight(question, chosen) }
  return {
    round: { ...round, answers: { ...round.answers, [questionId]: answer } },
    progress: recordAnswer(progress, { round: round.number, questionId, category: question.category, right: answer.right }),
    feedback: feedbackFor(answer),
  }
}

/** Ends the round at `now` (epoch ms): history gets it once (if anything was answered), and its summary. */
export function finishRound(round: QuizRound, progress: QuizProgress, now: number): { progress: QuizProgress; summary: RoundSummary } {
  const summary = summariseRound(round)
  return {
    progress: recordRound(progress, { round: round.number, at: now, scope: round.scope, count: summary.answered, right: summary.right }),
    summary,
  }
}
