import { Type, type Static } from '@sinclair/typebox'

import { FEEDBACK_KINDS } from '../../src/core/feedback'
import { IDEMPOTENCY_KEY_PATTERN } from '../tips/tips.schemas'
import { NO_CONTROL_CHARACTERS, StringEnum } from '../schemas'

export type { FeedbackKind } from '../../src/core/feedback'

export const FeedbackBody = Type.Object(
  {
    kind: StringEnum(FEEDBACK_KINDS, {
      title: '反馈类型',
      description: 'suggestion 意见建议，complaint 投诉，question_report 题目纠错',
      errorMessages: { required: '请选择反馈类型', enum: '请选择反馈类型：意见建议、投诉或题目纠错' },
    }),
    content: Type.String({
      title: '内容',
      description: '去掉首尾空白后 5 到 1000 个字，不能含控制字符（换行和制表符除外）',
    }),
    questionId: Type.Optional(
      Type.String({
        title: '题目编号',
        description: 'kind 为 question_report 时必填',
        minLength: 1,
        maxLength: 100,
        pattern: NO_CONTROL_CHARACTERS,
      }),
    ),
    contact: Type.Optional(
      Type.String({
        title: '联系电话',
        description: '选填：方便工作人员联系的手机号码。加密保存，任何公开接口都不会返回它',
        maxLength: 40,
      }),
    ),
  },
  { additionalProperties: false, title: '意见反馈' },
)
export type FeedbackBody = Static<typeof FeedbackBody>

/** Header that makes a resend safe: the app's outbox id, the same on every attempt (see the route). */
export const FEEDBACK_IDEMPOTENCY_HEADER = 'idempotency-key'

/** Documented, but read by the route itself, whose answer says in Chinese what is wrong. */
export const FeedbackHeaders = Type.Object({
  'Idempotency-Key': Type.Optional(
    Type.String({
      pattern: IDEMPOTENCY_KEY_PATTERN.source,
      description: '选填：每条反馈生成一次、每次重发都带同一个（8 到 100 个字母、数字、_ 或 -），这样重发不会保存第二条',
    }),
  ),
})

export const FeedbackReceived = Type.Object(
  {
    id: Type.String({ description: '反馈编号；带同一个 Idempotency-Key 重发时与第一次相同' }),
    receivedAt: Type.String({ format: 'date-time', description: '服务第一次收到的时间' }),
  },
  { title: '反馈回执' },
)
export type FeedbackReceived = Static<typeof FeedbackReceived>
