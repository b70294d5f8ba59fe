import { Type, type Static } from '@sinclair/typebox'

import { TIP_STATUSES } from '../../src/core/tips/status'
import { StringEnum } from '../schemas'

export const TipStatusValue = StringEnum(TIP_STATUSES, { description: 'submitted 已提交、accepted 已受理、rejected 不予受理、investigating 调查中、closed 已办结' })

export const Deadline = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD（中国日期）' }),
  covered: Type.Boolean({ description: 'false 表示节假日安排尚未覆盖，日期为估算' }),
})

export const Deadlines = Type.Object({ acceptBy: Deadline, investigateBy: Deadline, extendedBy: Deadline })

/** What the reporter sees: no personal data, no internal notes, nothing about staff. */
export const TipStatusView = Type.Object(
  {
    trackingCode: Type.String({ description: '查询码' }),
    kind: StringEnum(['complaint', 'tip'] as const, { description: 'complaint 投诉，tip 举报（线索）' }),
    status: TipStatusValue,
    districtCode: Type.String(),
    submittedAt: Type.String({ format: 'date-time' }),
    timeline: Type.Array(
      Type.Object({
        status: TipStatusValue,
        at: Type.String({ format: 'date-time' }),
        note: Type.Union([Type.String(), Type.Null()], { description: '工作人员给反映人的说明' }),
      }),
      { description: '从提交开始，按时间先后' },
    ),
    deadlines: Deadlines,
    citations: Type.Object({
      acceptance: Type.String({ description: '受理期限的依据' }),
      investigation: Type.String({ description: '调查期限的依据' }),
    }),
  },
  { title: '反映的办理进度' },
)
export type TipStatusView = Static<typeof TipStatusView>
