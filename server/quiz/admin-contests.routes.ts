import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { appendAudit } from '../admin/audit.repository'
import { requirePermission } from '../admin/permissions'
import { requireStaff, staffOf } from '../admin/staff-auth'
import { ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { findContest, insertContest, readContestBank } from './contests.repository'
import { shortfalls, type DrawRule } from './draw'
import { contestViewOf } from './quiz-views'
import { ContestView, CreateContestBody } from './quiz.schemas'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

/** The rule as stored, or the problems with it. */
function drawRuleOf(body: CreateContestBody, problems: FieldProblem[]): DrawRule | undefined {
  const { kind, counts } = body.drawRule
  if (kind === 'mixed') {
    if (counts !== undefined) problems.push({ path: 'drawRule.counts', label: '各分类题数', message: '混合抽题不需要填写各分类题数' })
    return { kind: 'mixed' }
  }
  if (counts === undefined) {
    problems.push({ path: 'drawRule.counts', label: '各分类题数', message: '按分类抽题时请填写各分类的题数' })
    return undefined
  }
  const seen = new Set<string>()
  for (const [index, { category }] of counts.entries()) {
    if (seen.has(category)) problems.push({ path: `drawRule.counts.${index}.category`, label: '题目分类', message: `题目分类“${category}”重复了` })
    seen.add(category)
  }
  const total = counts.reduce((sum, entry) => sum + entry.count, 0)
  if (total !== body.questionCount) {
    problems.push({ path: 'drawRule.counts', label: '各分类题数', message: `各分类题数之和（${total}）应等于题目数量（${body.questionCount}）` })
  }
  return { kind: 'categories', counts: counts.map(({ category, count }) => ({ category, count })) }
}

/** Staff configure contests here: supervisors and organisers (a city token acts as a supervisor), since a contest is for the whole city. */
export const adminContestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.decorateRequest('staff', null)
  app.addHook('onRequest', requireStaff(app.db, app.config.rateLimits))
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  app.post(
    '/contests',
    { schema: { summary: '创建竞赛（监察督导、竞赛和内容管理员，或全市范围的工作人员令牌）', body: CreateContestBody, response: { 201: ContestView, ...ERRORS } } },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'contests.manage')
      const body = request.body
      const now = Date.now()
      const problems: FieldProblem[] = []
      const title = body.title.trim()
      if (title === '') problems.push({ path: 'title', label: '竞赛名称', message: '请填写竞赛名称' })
      const startsAt = Date.parse(body.startsAt)
      const endsAt = Date.parse(body.endsAt)
      if (Number.isNaN(startsAt)) problems.push({ path: 'startsAt', label: '开始时间', message: '开始时间不是有效的时间' })
      if (Number.isNaN(endsAt)) problems.push({ path: 'endsAt', label: '结束时间', message: '结束时间不是有效的时间' })
      else if (endsAt <= now) problems.push({ path: 'endsAt', label: '结束时间', message: '结束时间已经过去了' })
      else if (!Number.isNaN(startsAt) && endsAt <= startsAt) problems.push({ path: 'endsAt', label: '结束时间', message: '结束时间应晚于开始时间' })
      if (body.minSecondsPerQuestion * body.questionCount > body.timeLimitSeconds) {
        problems.push({
          path: 'minSecondsPerQuestion',
          label: '每题最少用时（秒）',
          message: `每题最少用时 ${body.minSecondsPerQuestion} 秒 × ${body.questionCount} 题超过了答题时限 ${body.timeLimitSeconds} 秒`,
        })
      }
      const drawRule = drawRuleOf(body, problems)
      if (drawRule && problems.length === 0) {
        for (const message of shortfalls(drawRule, body.questionCount, await readContestBank(app.db))) {
          problems.push({ path: drawRule.kind === 'mixed' ? 'questionCount' : 'drawRule.counts', label: '抽题规则', message })
        }
      }
      if (problems.length > 0 || !drawRule) throw validationFailed(problems)

      const id = randomUUID()
      const contest = {
        id,
        title,
        startsAt,
        endsAt,
        questionCount: body.questionCount,
        timeLimitSeconds: body.timeLimitSeconds,
        attemptsPerDay: body.attemptsPerDay,
        minSecondsPerQuestion: body.minSecondsPerQuestion,
        drawRule,
      }
      await app.db.transaction().execute(async (trx) => {
        await insertContest(trx, { ...contest, createdBy: staff.id, createdAt: now })
        await appendAudit(trx, { staffId: staff.id, action: 'contest_create', tipId: null, detail: { contestId: id, questionCount: contest.questionCount }, at: now })
      })
      const stored = await findContest(app.db, id)
      if (!stored) throw new Error('the contest just created is missing')
      return reply.code(201).send(contestViewOf(stored, now))
    },
  )
}
