import { Type, type Static } from '@sinclair/typebox'

import { RATING_COMMENT_MAX, TIP_RATINGS } from '../../src/core/tips/rating'
import { MessagesSummary } from '../conversation/conversation.schemas'
import { TIP_STATUSES } from '../../src/core/tips/status'
import { IdString, Nullable, StringEnum } from '../schemas'

export const TipStatusValue = StringEnum(TIP_STATUSES, { description: 'submitted 已提交、accepted 已受理、rejected 不予受理、investigating 调查中、closed 已办结' })

export const Deadline = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD（中国日期）' }),
  covered: Type.Boolean({ description: 'false 表示节假日安排尚未覆盖，日期为估算' }),
})

export const Deadlines = Type.Object(
  {
    acceptBy: Nullable(Deadline),
    investigateBy: Nullable(Deadline),
    extendedBy: Nullable(Deadline),
  },
  {
    description:
      '适用的办理期限，没有的为 null：受理期限只适用于投诉（符合受理条件的投诉 5 个工作日内受理）；调查期限自立案（受理）之日起计算，投诉受理前按最迟受理日推算，举报受理前没有',
  },
)

const Rating = StringEnum(TIP_RATINGS, { description: 'satisfied 满意、basically_satisfied 基本满意、dissatisfied 不满意' })

export const TipRatingView = Type.Object(
  {
    value: Rating,
    comment: Nullable(Type.String({ description: '反映人写的话' })),
    ratedAt: Type.String({ format: 'date-time' }),
  },
  { title: '反映人对办理的评价' },
)
export type TipRatingView = Static<typeof TipRatingView>

export const RatingBody = Type.Object(
  {
    rating: Rating,
    comment: Type.Optional(Nullable(Type.String({ maxLength: RATING_COMMENT_MAX * 2, description: `选填，不超过 ${RATING_COMMENT_MAX} 个字` }))),
  },
  { additionalProperties: false },
)
export type RatingBody = Static<typeof RatingBody>

export const TipCodeParams = Type.Object({ code: IdString('typedCode', '查询码', { description: '查询码，如 K7QF-3MZP-9XRD-2WT8' }) })

/** Documented, but read by the route itself: any failure is the same 404, whatever was wrong. */
export const TipVerifierHeaders = Type.Object({
  'X-Tip-Verifier': Type.String({
    description: '验证信息：匿名反映填查询密钥，实名反映填联系电话（手机或固定电话）的后四位。放在请求头而不放在网址里，以免进入日志',
  }),
})

/** What the reporter sees: no personal data, no internal notes, nothing about staff. */
export const TipStatusView = Type.Object(
  {
    trackingCode: Type.String({ description: '查询码' }),
    kind: StringEnum(['complaint', 'tip'] as const, { description: 'complaint 投诉，tip 举报（线索）' }),
    status: TipStatusValue,
    districtCode: Type.String(),
    submittedAt: Type.String({ format: 'date-time' }),
    acceptedOn: Nullable(Type.String({ description: '受理（立案）的日期，YYYY-MM-DD（中国日期）；未受理为 null' })),
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
    rating: Nullable(TipRatingView),
    outcome: Nullable(
      Type.Object(
        {
          methodName: Type.String({ description: '处理方式，如 责令用人单位支付' }),
          recoveredYuan: Nullable(Type.String({ description: '追回的工资（元，两位小数）' })),
          workersPaid: Nullable(Type.Integer({ description: '拿到工资的人数' })),
        },
        { description: '已办结的反映怎样处理的；未办结为 null' },
      ),
    ),
    messages: MessagesSummary,
  },
  { title: '反映的办理进度' },
)
export type TipStatusView = Static<typeof TipStatusView>
