// The staff console's question bank: which questions a search finds. Pure: the service loads the bank.
import type { QuestionBank, QuestionType, QuizQuestion } from '../content/model'

export const QUESTION_BANKS: readonly QuestionBank[] = ['contest', 'practice']
export const QUESTION_BANK_NAMES: Readonly<Record<QuestionBank, string>> = { contest: '竞赛题库', practice: '练习题' }

export const BANK_QUESTION_TYPE_NAMES: Readonly<Record<QuestionType, string>> = { single: '单选题', multiple: '多选题', judge: '判断题' }

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
