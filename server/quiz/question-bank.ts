// Which questions of the bank a staff member's search finds (server/quiz/question-bank.routes.ts).
import type { QuizQuestion } from '../../src/core/content/model'

export interface BankSearch {
  /** Words, separated by spaces: each must appear in the stem, the category or the id. */
  q?: string
  category?: string
}

/** The questions the search finds, in the order given. */
export function searchBank<T extends { id: string; question: Pick<QuizQuestion, 'stem' | 'category'> }>(bank: readonly T[], search: BankSearch): T[] {
  const words = (search.q ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '')
  return bank.filter(({ id, question }) => {
    if (search.category !== undefined && question.category !== search.category) return false
    const text = `${question.stem}\n${question.category}\n${id}`.toLowerCase()
    return words.every((word) => text.includes(word))
  })
}
