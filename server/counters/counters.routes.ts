import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { chinaDateOf, isValidDate } from '../../src/core/calendar/working-days'
import { POLICY_CATEGORIES } from '../../src/core/content/model'
import { ITEM_ID_PATTERN } from '../ingest/feed-item'
import { oldestCountedDay, USAGE_COUNTER_LIMITS, type UsageCount } from '../../src/core/usage-counters'
import { ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { addUsageCounts } from './counters.repository'
import { CountersBody } from './counters.schemas'

const CATEGORIES: readonly string[] = POLICY_CATEGORIES

/** What the schema cannot say: a real day in the window, a subject that fits its metric. */
function problemsOf(counts: readonly UsageCount[], today: string): FieldProblem[] {
  const oldest = oldestCountedDay(today)
  return counts.flatMap(({ metric, subject, day }, index) => {
    const problems: FieldProblem[] = []
    const at = `counts.${index}`
    if (!isValidDate(day)) problems.push({ path: `${at}.day`, label: '日期（day）', message: `日期（day）${day} 不是有效的日期` })
    else if (day > today) problems.push({ path: `${at}.day`, label: '日期（day）', message: `日期（day）${day} 是将来的日期` })
    else if (day < oldest) {
      problems.push({ path: `${at}.day`, label: '日期（day）', message: `日期（day）${day} 太早了：只接受最近 ${USAGE_COUNTER_LIMITS.maxAgeDays} 天（${oldest} 起）的计数` })
    }
    if (metric === 'policy_read' && !ITEM_ID_PATTERN.test(subject)) {
      problems.push({ path: `${at}.subject`, label: '统计对象（subject）', message: '统计对象（subject）应为政策解读的编号（字母、数字和 . _ : -）' })
    }
    if (metric !== 'policy_read' && !CATEGORIES.includes(subject)) {
      problems.push({ path: `${at}.subject`, label: '统计对象（subject）', message: `统计对象（subject）应为练习题的分类：${POLICY_CATEGORIES.join('、')}` })
    }
    return problems
  })
}

/** The same (metric, subject, day) twice in one batch becomes one entry: one row is updated once. */
function merged(counts: readonly UsageCount[]): UsageCount[] {
  const byRow = new Map<string, UsageCount>()
  for (const entry of counts) {
    const key = JSON.stringify([entry.metric, entry.subject, entry.day])
    const earlier = byRow.get(key)
    byRow.set(key, earlier ? { ...earlier, count: earlier.count + entry.count } : { ...entry })
  }
  return [...byRow.values()]
}

export const countersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/counters',
    {
      schema: {
        summary: '提交匿名使用计数',
        description:
          '应用把政策解读的阅读次数和练习答题数（按分类）在手机上累计，分批提交；服务把每一项加到当天那一行上。' +
          '只保存统计项、统计对象、日期和次数，不保存地址、设备、用户或批次；访问日志只记方法、路径和状态。' +
          `一批的回答丢失后重发可能重复计数，对总量的影响很小。${describeRateRule(RATE_RULES.counters)}`,
        body: CountersBody,
        response: { 204: { type: 'null', description: '已计入' }, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
      onRequest: app.limits.guard('counters'),
    },
    async (request, reply) => {
      const problems = problemsOf(request.body.counts, chinaDateOf(new Date()))
      if (problems.length > 0) throw validationFailed(problems)
      await addUsageCounts(app.db, merged(request.body.counts))
      return reply.code(204).send()
    },
  )
}
