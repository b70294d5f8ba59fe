// The staff inbox of 投诉建议 and 纠错 (server/feedback/feedback-inbox.routes.ts). The console imports these types (`import type`).
import { Type, type Static } from '@sinclair/typebox'

import { FEEDBACK_KINDS } from '../../src/core/feedback'
import { FEEDBACK_NOTE_MAX, FEEDBACK_STATUSES } from '../../src/core/feedback-handling'
import { EXPORT_FORMATS } from '../admin/workspace.schemas'
import { IdString, NO_CONTROL_CHARACTERS, Nullable, StringEnum } from '../schemas'

export const FEEDBACK_PAGE_SIZE_DEFAULT = 20
export const FEEDBACK_PAGE_SIZE_MAX = 100

const FeedbackKindValue = StringEnum(FEEDBACK_KINDS, { title: '类型', description: 'suggestion 意见建议，complaint 投诉，question_report 题目纠错' })
const FeedbackStatusValue = StringEnum(FEEDBACK_STATUSES, { title: '状态', description: 'open 待处理，handled 已处理，declined 不采纳' })

const feedbackFilterProperties = {
  kind: Type.Optional(FeedbackKindValue),
  status: Type.Optional(FeedbackStatusValue),
  questionId: Type.Optional(IdString('contentItem', '题目编号', { description: '只看针对这道题的纠错' })),
}

export const FeedbackFilter = Type.Object(feedbackFilterProperties, { additionalProperties: false })
export type FeedbackFilter = Static<typeof FeedbackFilter>

export const FeedbackInboxQuery = Type.Object(
  {
    ...feedbackFilterProperties,
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 10, maximum: FEEDBACK_PAGE_SIZE_MAX, default: FEEDBACK_PAGE_SIZE_DEFAULT })),
  },
  { additionalProperties: false },
)
export type FeedbackInboxQuery = Static<typeof FeedbackInboxQuery>

export const FeedbackExportQuery = Type.Object(
  { ...feedbackFilterProperties, format: StringEnum(EXPORT_FORMATS, { title: '文件格式', description: 'csv（UTF-8 带 BOM）或 xlsx' }) },
  { additionalProperties: false },
)
export type FeedbackExportQuery = Static<typeof FeedbackExportQuery>

export const FeedbackIdParams = Type.Object({ id: IdString('uuid', '反馈编号') })

export const FeedbackStatusBody = Type.Object(
  {
    status: FeedbackStatusValue,
    note: Type.Optional(
      Type.String({
        title: '处理备注',
        description: `内部备注，只有工作人员能看到，最多 ${FEEDBACK_NOTE_MAX} 个字；不填则清空原来的备注`,
        maxLength: FEEDBACK_NOTE_MAX,
        pattern: NO_CONTROL_CHARACTERS,
      }),
    ),
  },
  { additionalProperties: false },
)
export type FeedbackStatusBody = Static<typeof FeedbackStatusBody>

export const FeedbackItemView = Type.Object(
  {
    id: Type.String(),
    kind: FeedbackKindValue,
    kindName: Type.String(),
    content: Type.String(),
    questionId: Nullable(Type.String()),
    questionStem: Nullable(Type.String({ description: '纠错所指题目的题干；题目已不在题库中时为 null' })),
    questionBank: Nullable(StringEnum(['contest', 'practice'] as const, { description: '纠错所指题目所在的题库：contest 竞赛题库，practice 练习题' })),
    status: FeedbackStatusValue,
    statusName: Type.String(),
    hasContact: Type.Boolean({ description: '是否留了联系电话' }),
    contact: Nullable(Type.String({ description: '联系电话：有查看反馈人联系方式权限的角色看到完整号码，其他角色看到遮蔽的号码（如 138****5678）' })),
    contactRevealed: Type.Boolean({ description: 'contact 是否为完整号码' }),
    note: Nullable(Type.String({ description: '内部处理备注' })),
    handledBy: Nullable(Type.String({ description: '最近一次处理的工作人员' })),
    handledAt: Nullable(Type.String({ format: 'date-time' })),
    receivedAt: Type.String({ format: 'date-time' }),
  },
  { title: '一条投诉建议或纠错' },
)
export type FeedbackItemView = Static<typeof FeedbackItemView>

export const FeedbackInbox = Type.Object(
  {
    items: Type.Array(FeedbackItemView),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    counts: Type.Object(
      { open: Type.Integer(), handled: Type.Integer(), declined: Type.Integer() },
      { description: '按所选类型和题目（不论所选状态），各状态的条数' },
    ),
  },
  { title: '投诉建议和纠错，新的在前' },
)
export type FeedbackInbox = Static<typeof FeedbackInbox>
