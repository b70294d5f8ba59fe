import { Type, type Static } from '@sinclair/typebox'

import { USAGE_COUNTER_LIMITS, USAGE_METRICS } from '../../src/core/usage-counters'
import { NO_CONTROL_CHARACTERS, StringEnum } from '../schemas'

const { maxEntries, maxCount, maxSubjectLength, maxAgeDays } = USAGE_COUNTER_LIMITS

export const UsageCountEntry = Type.Object(
  {
    metric: StringEnum(USAGE_METRICS, {
      title: '统计项',
      description: 'policy_read 政策解读阅读次数，practice_answered 练习答题数，practice_right 练习答对数',
      errorMessages: { required: '请填写统计项（metric）', enum: `统计项（metric）只能是 ${USAGE_METRICS.join('、')}` },
    }),
    subject: Type.String({
      title: '统计对象',
      description: 'policy_read 为政策解读的编号，practice_answered、practice_right 为练习题的分类（如 工资支付）',
      minLength: 1,
      maxLength: maxSubjectLength,
      pattern: NO_CONTROL_CHARACTERS,
      errorMessages: { required: '请填写统计对象（subject）' },
    }),
    day: Type.String({
      title: '日期',
      description: `中国日期 YYYY-MM-DD，最近 ${maxAgeDays} 天内（含今天），不能是将来的日期`,
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      errorMessages: { required: '请填写日期（day）', pattern: '日期（day）应写成 2026-01-31 这样的格式' },
    }),
    count: Type.Integer({
      title: '次数',
      description: `这一天累计的次数，1 到 ${maxCount}`,
      minimum: 1,
      maximum: maxCount,
      errorMessages: { required: '请填写次数（count）', type: '次数（count）应为整数', minimum: '次数（count）至少为 1', maximum: `次数（count）不能大于 ${maxCount}` },
    }),
  },
  { additionalProperties: false, title: '一项计数' },
)

export const CountersBody = Type.Object(
  {
    counts: Type.Array(UsageCountEntry, {
      title: '计数',
      minItems: 1,
      maxItems: maxEntries,
      errorMessages: { required: '请提交计数（counts）', minItems: '计数（counts）至少要有 1 项', maxItems: `计数（counts）一次最多 ${maxEntries} 项，请分批提交` },
    }),
  },
  { additionalProperties: false, title: '匿名使用计数' },
)
export type CountersBody = Static<typeof CountersBody>
