/**
 * Whether a choice answers a question right. Scoring looks only at the options' stable ids, never
 * at the order they were shown in, so shuffling can never change a score.
 */
import type { QuizQuestion } from '../content/model'

/**
 * Single and judge: right when exactly one id is chosen and it is the answer. Multiple: right
 * only when the chosen ids are exactly the answer's set (all or nothing). Anything unexpected in
 * `chosen` (an unknown id, a non-string, not a list at all) makes the answer wrong, never an error.
 */
export function isAnswerRight(question: Pick<QuizQuestion, 'questionType' | 'answer'>, chosen: readonly unknown[]): boolean {
  const picked = chosenIds(chosen)
  if (picked === null || picked.length === 0) return false
  const answer = new Set(question.answer)
  if (question.questionType === 'multiple') {
    return picked.length === answer.size && picked.every((id) => answer.has(id))
  }
  return picked.length === 1 && answer.size === 1 && answer.has(picked[0])
}

/** The distinct ids chosen, in the order given; null when `chosen` holds anything but strings. */
export function chosenIds(chosen: readonly unknown[]): string[] | null {
  if (!Array.isArray(chosen)) return null
  if (!chosen.every((id): id is string => typeof id === 'string')) return null
  return [...new Set(chosen)]
}
