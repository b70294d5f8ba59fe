import { Type, type Static } from '@sinclair/typebox'

import { TIP_STATUSES } from '../../src/core/tips/status'
import { NO_CONTROL_CHARACTERS, Nullable, StringEnum } from '../schemas'
import { Deadlines, TipRatingView, TipStatusValue } from '../tips/tips.status.schemas'

export const LIST_LIMIT_DEFAULT = 50
export const LIST_LIMIT_MAX = 200
export const NOTE_TO_REPORTER_MAX = 500
export const INTERNAL_NOTE_MAX = 2000

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'

const Limit = Type.Integer({ title: '每页条数', minimum: 1, maximum: LIST_LIMIT_MAX, default: LIST_LIMIT_DEFAULT })
const Cursor = Type.String({ title: '翻页位置', minLength: 1, maxLength: 200, description: '上一页返回的 nextCursor' })

export const TipFilterQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(TIP_STATUSES, { title: '状态' })),
    district: Type.Optional(Type.String({ title: '区县代码', pattern: '^\\d{6}$', errorMessages: { pattern: '区县代码应为 6 位数字' } })),
    from: Type.Optional(Type.String({ title: '开始日期', pattern: DATE_PATTERN, errorMessages: { pattern: '开始日期应写成 2026-01-31 这样的格式' } })),
    to: Type.Optional(Type.String({ title: '结束日期', pattern: DATE_PATTERN, errorMessages: { pattern: '结束日期应写成 2026-01-31 这样的格式' } })),
  },
  { additionalProperties: false },
)
export type TipFilterQuery = Static<typeof TipFilterQuery>

export const TipListQuery = Type.Composite([TipFilterQuery, Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) })], {
  additionalProperties: false,
})
export type TipListQuery = Static<typeof TipListQuery>

const Kind = StringEnum(['complaint', 'tip'] as const, { description: 'complaint 投诉，tip 举报（线索）' })
const Timestamp = Type.String({ format: 'date-time' })
const AmountYuan = Nullable(Type.String({ description: '欠薪金额（元，两位小数，如 86400.00）；举报可以不填，未填为 null' }))
const AmountApproximate = Type.Boolean({ description: 'true 表示反映人填的是估计数（如“约5万”“5万多”）' })

export const TipListItem = Type.Object({
  id: Type.String(),
  trackingCode: Type.String(),
  kind: Kind,
  status: TipStatusValue,
  statusName: Type.String(),
  districtCode: Type.String(),
  submittedAt: Timestamp,
  reporter: Nullable(
    Type.Object({
      name: Type.String({ description: '已遮蔽，如 张*三' }),
      mobile: Type.String({ description: '联系电话（手机或带区号的固定电话），已遮蔽，如 138****5678、020****2345' }),
    }),
  ),
  employerName: Type.String(),
  workersOwed: Type.Integer(),
  amountYuan: AmountYuan,
  amountApproximate: AmountApproximate,
  duplicateOf: Nullable(Type.String()),
  deadlines: Deadlines,
})

export const TipList = Type.Object({ items: Type.Array(TipListItem), nextCursor: Nullable(Type.String()) }, { title: '反映列表' })
export type TipList = Static<typeof TipList>

export const TimelineEntry = Type.Object({
  status: TipStatusValue,
  statusName: Type.String(),
  at: Timestamp,
  noteToReporter: Nullable(Type.String()),
  internalNote: Nullable(Type.String()),
  staffId: Nullable(Type.String()),
})

export const TipDetail = Type.Object(
  {
    id: Type.String(),
    trackingCode: Type.String(),
    kind: Kind,
    status: TipStatusValue,
    statusName: Type.String(),
    districtCode: Type.String(),
    submittedAt: Timestamp,
    acceptedOn: Nullable(Type.String()),
    reporter: Nullable(
      Type.Object({
        name: Type.String(),
        mobile: Type.String({ description: '联系电话：手机号码，或带区号的固定电话（只含数字，如 02083212345）' }),
        residentId: Nullable(Type.String({ description: '证件号码：居民身份证、港澳台居民居住证或外国人永久居留身份证' })),
      }),
    ),
    consentSensitive: Type.Boolean(),
    employer: Type.Object({ name: Type.String(), uscc: Nullable(Type.String()) }),
    workAddress: Type.String(),
    isConstruction: Type.Boolean(),
    constructionProject: Nullable(Type.String()),
    workersOwed: Type.Integer(),
    amountYuan: AmountYuan,
    amountApproximate: AmountApproximate,
    owedPeriod: Type.Object({ from: Type.String(), to: Type.String() }),
    description: Type.String(),
    duplicateOf: Nullable(Type.String()),
    evidence: Type.Array(Type.Object({ uploadId: Type.String(), mediaType: Type.String() })),
    deadlines: Deadlines,
    rating: Nullable(TipRatingView),
    timeline: Type.Array(TimelineEntry),
  },
  { title: '反映详情（含个人信息，每次查看都记入审计日志）' },
)
export type TipDetail = Static<typeof TipDetail>

export const TipIdParams = Type.Object({ id: Type.String({ title: '反映编号', minLength: 1, maxLength: 64 }) })

export const EvidenceParams = Type.Object({
  id: Type.String({ title: '反映编号', minLength: 1, maxLength: 64 }),
  uploadId: Type.String({ title: '照片编号', minLength: 1, maxLength: 64 }),
})

export const TransitionBody = Type.Object(
  {
    to: StringEnum(TIP_STATUSES, { title: '新状态' }),
    noteToReporter: Type.Optional(
      Type.String({ title: '给反映人的说明', minLength: 1, maxLength: NOTE_TO_REPORTER_MAX, pattern: NO_CONTROL_CHARACTERS }),
    ),
    internalNote: Type.Optional(Type.String({ title: '内部备注', minLength: 1, maxLength: INTERNAL_NOTE_MAX, pattern: NO_CONTROL_CHARACTERS })),
  },
  { additionalProperties: false },
)
export type TransitionBody = Static<typeof TransitionBody>

export const TransitionResult = Type.Object(
  {
    id: Type.String(),
    status: TipStatusValue,
    statusName: Type.String(),
    acceptedOn: Nullable(Type.String()),
    deadlines: Deadlines,
    timeline: Type.Array(TimelineEntry),
  },
  { title: '状态已更新' },
)
export type TransitionResult = Static<typeof TransitionResult>

export const AuditQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false })
export type AuditQuery = Static<typeof AuditQuery>

export const AuditList = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        at: Timestamp,
        staffId: Nullable(Type.String()),
        staffName: Nullable(Type.String()),
        action: Type.String(),
        tipId: Nullable(Type.String()),
        detail: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    nextCursor: Nullable(Type.String()),
  },
  { title: '审计日志' },
)
export type AuditList = Static<typeof AuditList>
