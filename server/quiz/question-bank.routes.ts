// The question bank for staff who run contests (contests.manage): the contest bank (or the practice
// questions), searched and filtered, with each question's contest answer rate and its 纠错 count.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { QUESTION_TYPE_LABELS } from '../../src/core/quiz/question-bank'
import { isAnswerRight } from '../../src/core/quiz/scoring'
import { requirePermission } from '../admin/permissions'
import { staffOf } from '../admin/staff-auth'
import { ErrorResponse } from '../errors'
import { searchBank } from './question-bank'
import { choiceTallies, readBank, reportCounts } from './question-bank.repository'
import { BANK_PAGE_SIZE_DEFAULT, QuestionBankPage, QuestionBankQuery, type BankQuestionView } from './question-bank.schemas'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

function parsedChoice(optionIds: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(optionIds)
    return Array.isArray(parsed) ? parsed : []
  } catch {
    return []
  }
}

export const questionBankRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/question-bank',
    {
      schema: {
        summary: '题库：竞赛题（或练习题）按字词和分类查找，附竞赛答对率和纠错条数，可按纠错多少排序',
        description: '答对率按已交卷的竞赛答卷统计，以题库中现在的答案判断。纠错条数是用户针对这道题提交的题目纠错。',
        querystring: QuestionBankQuery,
        response: { 200: QuestionBankPage, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'contests.manage')
      const bank = request.query.bank ?? 'contest'
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? BANK_PAGE_SIZE_DEFAULT
      const questions = await readBank(app.db, bank)
      const found = searchBank(questions, { q: request.query.q, category: request.query.category })
      // Sorting by 纠错 needs every question's count: one GROUP BY over the 纠错, not one per question.
      const byReports = request.query.sort === 'reports'
      const allReports = byReports ? await reportCounts(app.db, 'all') : undefined
      if (allReports) found.sort((a, b) => (allReports.get(b.id)?.reports ?? 0) - (allReports.get(a.id)?.reports ?? 0))
      const shown = found.slice((page - 1) * pageSize, page * pageSize)
      const ids = shown.map((entry) => entry.id)
      const [tallies, reports] = await Promise.all([bank === 'contest' ? choiceTallies(app.db, ids) : [], allReports ?? reportCounts(app.db, ids)])
      const byId = new Map(shown.map((entry) => [entry.id, entry.question]))
      const answered = new Map<string, { answered: number; right: number }>()
      for (const tally of tallies) {
        const question = byId.get(tally.questionId)
        if (!question) continue
        const sum = answered.get(tally.questionId) ?? { answered: 0, right: 0 }
        sum.answered += tally.count
        if (isAnswerRight(question, parsedChoice(tally.optionIds))) sum.right += tally.count
        answered.set(tally.questionId, sum)
      }
      const categories = new Map<string, number>()
      for (const { question } of questions) categories.set(question.category, (categories.get(question.category) ?? 0) + 1)
      const items = shown.map(({ id, question }): BankQuestionView => {
        const answers = answered.get(id) ?? { answered: 0, right: 0 }
        const report = reports.get(id) ?? { reports: 0, open: 0 }
        const correct = new Set(question.answer)
        return {
          id,
          bank,
          category: question.category,
          questionType: question.questionType,
          questionTypeName: QUESTION_TYPE_LABELS[question.questionType],
          difficulty: question.difficulty,
          stem: question.stem,
          options: question.options.map((option) => ({ id: option.id, text: option.text, correct: correct.has(option.id) })),
          explanation: question.explanation,
          answered: answers.answered,
          answeredRight: answers.right,
          rightRate: answers.answered === 0 ? null : answers.right / answers.answered,
          reports: report.reports,
          openReports: report.open,
        }
      })
      return {
        items,
        total: found.length,
        page,
        pageSize,
        categories: [...categories].map(([category, count]) => ({ category, count })),
      }
    },
  )
}
