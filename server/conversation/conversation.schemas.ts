import { Type, type Static } from '@sinclair/typebox'

import { MESSAGE_BODY_MAX, MESSAGE_KINDS, REPLY_PHOTOS_MAX, STAFF_MESSAGE_KINDS } from '../../src/core/tips/messages'
import { REPORT_LIMITS } from '../../src/core/tips/report-fields'
import { NO_CONTROL_CHARACTERS, Nullable, StringEnum } from '../schemas'

const Timestamp = Type.String({ format: 'date-time' })
const Author = StringEnum(['staff', 'reporter'] as const, { description: 'staff 工作人员，reporter 反映人' })
const Kind = StringEnum(MESSAGE_KINDS, { description: 'message 工作人员的留言，question 工作人员的提问（需要反映人回复），reply 反映人的回复' })
const Body = (title: string) =>
  Type.String({ title, minLength: 1, maxLength: MESSAGE_BODY_MAX * 2, pattern: NO_CONTROL_CHARACTERS, description: `1 到 ${MESSAGE_BODY_MAX} 个字，两端空白去掉` })

/** One message as staff see it (console detail page). */
export const StaffMessage = Type.Object(
  {
    id: Type.String(),
    author: Author,
    kind: Kind,
    body: Type.String(),
    at: Timestamp,
    staffName: Nullable(Type.String({ description: '发出留言的工作人员；反映人的回复为 null' })),
    photos: Type.Array(Type.Object({ uploadId: Type.String(), mediaType: Type.String() }), {
      description: '回复带的照片，用 GET /api/v1/admin/tips/{id}/evidence/{uploadId} 查看',
    }),
    read: Type.Boolean({ description: '反映人的回复：工作人员是否已看过；工作人员的留言总是 true' }),
  },
  { title: '留言' },
)
export type StaffMessage = Static<typeof StaffMessage>

export const StaffMessageList = Type.Object({ items: Type.Array(StaffMessage, { description: '按时间先后' }) }, { title: '与反映人的留言' })
export type StaffMessageList = Static<typeof StaffMessageList>

export const StaffMessageBody = Type.Object(
  {
    kind: StringEnum(STAFF_MESSAGE_KINDS, { title: '留言类型', description: 'message 告知，question 提问（反映人会看到“需要您回复”）' }),
    body: Body('留言内容'),
  },
  { additionalProperties: false },
)
export type StaffMessageBody = Static<typeof StaffMessageBody>

/** One message as the reporter sees it: no staff names. */
export const ReporterMessage = Type.Object(
  {
    id: Type.String(),
    author: Author,
    kind: Kind,
    body: Type.String(),
    at: Timestamp,
    photos: Type.Array(Type.Object({ uploadId: Type.String() }), { description: '反映人回复时带的照片' }),
  },
  { title: '留言' },
)
export type ReporterMessage = Static<typeof ReporterMessage>

export const ReporterMessageList = Type.Object({ items: Type.Array(ReporterMessage, { description: '按时间先后' }) }, { title: '与工作人员的留言' })
export type ReporterMessageList = Static<typeof ReporterMessageList>

export const ReporterMessageBody = Type.Object(
  {
    clientId: Type.String({
      title: '回复编号',
      format: 'uuid',
      description: '应用为每条回复生成一次，重发时不变：同一编号再次提交得到同样的结果，不会重复',
    }),
    body: Body('回复内容'),
    uploadIds: Type.Array(Type.String({ pattern: REPORT_LIMITS.evidenceId.source }), {
      title: '照片',
      description: `POST /api/v1/uploads 返回的 uploadId，最多 ${REPLY_PHOTOS_MAX} 张，不能重复`,
      maxItems: REPLY_PHOTOS_MAX,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
)
export type ReporterMessageBody = Static<typeof ReporterMessageBody>

export const ReporterMessageReceived = Type.Object({ id: Type.String(), at: Timestamp }, { title: '回复已收到' })
export type ReporterMessageReceived = Static<typeof ReporterMessageReceived>

/** Added to the status view (GET /tips/{code}) so that 我的反映 can mark new messages without a second call. */
export const MessagesSummary = Type.Object(
  {
    count: Type.Integer({ minimum: 0, description: '留言总数（双方）' }),
    latestStaffAt: Nullable(Type.String({ format: 'date-time', description: '工作人员最新一条留言的时间；没有为 null' })),
    openQuestion: Type.Boolean({ description: '工作人员最新的提问还没有回复' }),
  },
  { title: '留言概况' },
)
export type MessagesSummary = Static<typeof MessagesSummary>
