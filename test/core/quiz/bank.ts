import type { PolicyCategory, QuestionType, QuizQuestion } from '../../../src/core/content/model'
import type { BankQuestion } from '../../../src/core/quiz/draw'

export { seededRandom as seeded } from '../../support/seeded-random'

export const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 1)

export function question(type: QuestionType, category: PolicyCategory = '劳动关系', answer?: string[]): QuizQuestion {
  const options =
    type === 'judge'
      ? [
          { id: 't', text: '正确' },
          { id: 'f', text: '错误' },
        ]
      : ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `选项${id.toUpperCase()}` }))
  return {
    bank: 'practice',
    questionType: type,
    stem: `一道${category}的${type}题`,
    options,
    answer: answer ?? (type === 'judge' ? ['t'] : type === 'multiple' ? ['a', 'c'] : ['b']),
    explanation: '依据所引条文，答案如上。',
    citations: [{ law: '中华人民共和国劳动合同法', article: '第十条' }],
    difficulty: 1,
    category,
  }
}

const TYPES: QuestionType[] = ['single', 'multiple', 'judge']
const CATEGORIES: PolicyCategory[] = ['劳动关系', '工资支付', '社会保险']

/** `size` questions, q-000…, types and categories in turn. */
export function makeBank(size: number): BankQuestion[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `q-${String(i).padStart(3, '0')}`,
    data: question(TYPES[i % TYPES.length], CATEGORIES[i % CATEGORIES.length]),
  }))
}
