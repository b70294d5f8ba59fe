import type { QuizOption, QuestionType } from '../../../core/content/model'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The letter an option is shown with: its place in the order shown. */
export function optionLetter(index: number): string {
  return LETTERS[index] ?? String(index + 1)
}

/**
 * Options as words: letters in the order shown (A、C) for choice questions, the option's own
 * words (正确 / 错误) for judge questions; 未作答 when nothing was picked.
 */
export function answerWords(questionType: QuestionType, shown: readonly QuizOption[], picked: readonly QuizOption[]): string {
  if (picked.length === 0) return '未作答'
  if (questionType === 'judge') return picked.map((option) => `“${option.text}”`).join('、')
  return shown
    .flatMap((option, index) => (picked.some((other) => other.id === option.id) ? [optionLetter(index)] : []))
    .join('、')
}
