// The staff question bank (server/quiz/question-bank.routes.ts). The console imports these types (`import type`).
import { Type, type Static } from '@sinclair/typebox'

import { POLICY_CATEGORIES } from '../../src/core/content/model'
import { NO_CONTROL_CHARACTERS, Nullable, StringEnum } from '../schemas'

export const BANK_PAGE_SIZE_DEFAULT = 20
export const BANK_PAGE_SIZE_MAX = 100
const QUESTION_BANKS = ['contest', 'practice'] as const
const BANK_SORTS = ['category', 'reports'] as const

export const QuestionBankQuery = Type.Object(
  {
    bank: Type.Optional(StringEnum(QUESTION_BANKS, { title: '题库', description: 'contest 竞赛题库（默认），practice 练习题', default: 'contest' })),
    q: Type.Optional(Type.String({ title: '搜索', description: '题干或分类中的字词，多个用空格分开；也可以填题目编号', maxLength: 100, pattern: NO_CONTROL_CHARACTERS })),
    category: Type.Optional(StringEnum(POLICY_CATEGORIES, { title: '分类' })),
    sort: Type.Optional(StringEnum(BANK_SORTS, { title: '排序', description: 'category 按分类和编号（默认），reports 纠错多的在前', default: 'category' })),
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 10, maximum: BANK_PAGE_SIZE_MAX, default: BANK_PAGE_SIZE_DEFAULT })),
  },
  { additionalProperties: false },
)
export type QuestionBankQuery = Static<typeof QuestionBankQuery>

export const BankQuestionView = Type.Object(
  {
    id: Type.String(),
    bank: StringEnum(QUESTION_BANKS),
    category: Type.String(),
    questionType: StringEnum(['single', 'multiple', 'judge'] as const),
    questionTypeName: Type.String(),
    difficulty: Type.Integer({ minimum: 1, maximum: 3 }),
    stem: Type.String(),
    options: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), correct: Type.Boolean() })),
    explanation: Type.String(),
    answered: Type.Integer({ description: '在已交卷的竞赛答卷中被作答的次数（练习题不统计，为 0）' }),
    answeredRight: Type.Integer({ description: '其中答对的次数' }),
    rightRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: '答对率（0 到 1）；没有人作答时为 null' })),
    reports: Type.Integer({ description: '收到的纠错条数' }),
    openReports: Type.Integer({ description: '其中待处理的纠错条数' }),
  },
  { title: '题库中的一道题' },
)
export type BankQuestionView = Static<typeof BankQuestionView>

export const QuestionBankPage = Type.Object(
  {
    items: Type.Array(BankQuestionView),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    categories: Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() }), { description: '这个题库各分类的题数（不受搜索影响）' }),
  },
  { title: '题库' },
)
export type QuestionBankPage = Static<typeof QuestionBankPage>
