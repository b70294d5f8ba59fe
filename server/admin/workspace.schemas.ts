// The staff reports workspace (issue 11): the inbox, one report, its actions, notes, exports and
// the audit log. These TypeBox schemas are the contract the console imports (`import type`).
import { Type, type Static, type TSchema } from '@sinclair/typebox'

import { AUDIT_ACTIONS } from '../../src/core/staff/audit-actions'
import { STAFF_ROLES } from '../../src/core/staff/roles'
import { TIP_ACTIONS } from '../../src/core/tips/actions'
import { CLOSE_METHODS } from '../../src/core/tips/outcome'
import { IdString, NO_CONTROL_CHARACTERS, Nullable, StringEnum } from '../schemas'
import { TipRatingView, TipStatusValue } from '../tips/tips.status.schemas'

export const INBOX_PAGE_SIZE_DEFAULT = 20
export const INBOX_PAGE_SIZE_MIN = 10
export const INBOX_PAGE_SIZE_MAX = 100
export const AUDIT_PAGE_SIZE_DEFAULT = 50
export const AUDIT_PAGE_SIZE_MAX = 200
export const REASON_MIN = 2
export const REASON_MAX = 200
export const NOTE_TO_REPORTER_MAX = 500
export const NOTE_MAX = 2000
export const APPROVER_MAX = 50
export const SEARCH_MAX = 100
/** Working days ahead that count as 即将到期 (view=due_soon). */
export const DUE_SOON_WORKING_DAYS = 5
export const DUPLICATE_SUGGESTIONS_MAX = 10

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
const STATUS_WORD = '(submitted|accepted|rejected|investigating|closed)'

const ChinaDate = (title: string) =>
  Type.String({ title, pattern: DATE_PATTERN, description: 'YYYY-MM-DD（中国日期）', errorMessages: { pattern: `${title}应写成 2026-01-31 这样的格式` } })
const Timestamp = Type.String({ format: 'date-time' })
const Text = (title: string, minLength: number, maxLength: number, description?: string) =>
  Type.String({ title, minLength, maxLength, pattern: NO_CONTROL_CHARACTERS, ...(description ? { description } : {}) })

export const ReportKindValue = StringEnum(['complaint', 'tip'] as const, { title: '类型', description: 'complaint 投诉，tip 举报（线索）' })
export const TipActionName = StringEnum(TIP_ACTIONS, {
  description: 'accept 受理，investigate 开始调查，extend 延长调查期限，close 办结，reject 不予受理，transfer 转交其他区县，link_duplicate 标为重复，unlink_duplicate 取消重复标记',
})
export const CloseMethodValue = StringEnum(CLOSE_METHODS, {
  title: '处理方式',
  description:
    'ordered_payment 责令用人单位支付，paid_voluntarily 用人单位主动支付，administrative_penalty 行政处罚，guided_to_arbitration 引导申请劳动争议仲裁，no_violation_found 未发现违法行为，other 其他方式',
})

// ---------------------------------------------------------------------------------------------
// The inbox: filters shared by the list and the export.

export const INBOX_VIEWS = ['mine', 'due_soon', 'overdue'] as const
export type InboxView = (typeof INBOX_VIEWS)[number]
export const INBOX_SORTS = ['urgency', 'newest', 'oldest'] as const
export type InboxSort = (typeof INBOX_SORTS)[number]

const inboxFilterProperties = {
  district: Type.Optional(Type.String({ title: '区县代码', pattern: '^\\d{6}$', errorMessages: { pattern: '区县代码应为 6 位数字' } })),
  statuses: Type.Optional(
    Type.String({
      title: '状态',
      pattern: `^${STATUS_WORD}(,${STATUS_WORD})*$`,
      description: '一个或多个状态，用英文逗号分隔，如 submitted,accepted',
      errorMessages: { pattern: '状态只能是 submitted、accepted、rejected、investigating、closed，多个用英文逗号分隔' },
    }),
  ),
  kind: Type.Optional(ReportKindValue),
  construction: Type.Optional(Type.Boolean({ title: '是否工程建设领域' })),
  amountMin: Type.Optional(Type.Integer({ title: '最低欠薪金额（元）', minimum: 0 })),
  amountMax: Type.Optional(Type.Integer({ title: '最高欠薪金额（元）', minimum: 0 })),
  from: Type.Optional(ChinaDate('提交日期（起）')),
  to: Type.Optional(ChinaDate('提交日期（止）')),
  unread: Type.Optional(Type.Boolean({ title: '只看有未读回复的', description: 'true：只看反映人有新回复、工作人员还没看的' })),
  q: Type.Optional(
    Type.String({ title: '搜索', minLength: 1, maxLength: SEARCH_MAX, pattern: NO_CONTROL_CHARACTERS, description: '查询码（带不带短横线、大小写都可以）、用人单位名称的一部分，或统一社会信用代码（完整）' }),
  ),
  view: Type.Optional(
    StringEnum(INBOX_VIEWS, { title: '视图', description: 'mine 我的待办（我承办的未结反映和待受理的），due_soon 5 个工作日内到期，overdue 已超期' }),
  ),
  sort: Type.Optional(StringEnum(INBOX_SORTS, { title: '排序', description: 'urgency 按期限紧急程度（默认），newest 新提交的在前，oldest 早提交的在前' })),
}

export const TipInboxFilter = Type.Object(inboxFilterProperties, { additionalProperties: false })
export type TipInboxFilter = Static<typeof TipInboxFilter>

export const TipInboxQuery = Type.Object(
  {
    ...inboxFilterProperties,
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, default: 1 })),
    pageSize: Type.Optional(
      Type.Integer({ title: '每页条数', minimum: INBOX_PAGE_SIZE_MIN, maximum: INBOX_PAGE_SIZE_MAX, default: INBOX_PAGE_SIZE_DEFAULT }),
    ),
  },
  { additionalProperties: false },
)
export type TipInboxQuery = Static<typeof TipInboxQuery>

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
const ExportFormatValue = StringEnum(EXPORT_FORMATS, { title: '文件格式', description: 'csv（UTF-8 带 BOM）或 xlsx' })

export const TipExportQuery = Type.Object(
  {
    ...inboxFilterProperties,
    format: ExportFormatValue,
    reveal: Type.Optional(Type.Boolean({ title: '显示个人信息', description: 'true：导出不遮蔽的姓名和电话，需要相应权限并填写理由（reason）' })),
    reason: Type.Optional(Text('查看个人信息的理由', REASON_MIN, REASON_MAX)),
  },
  { additionalProperties: false },
)
export type TipExportQuery = Static<typeof TipExportQuery>

/** Where a report stands against the deadline whose clock runs now; null when none runs. */
export const TipClock = Type.Object(
  {
    deadline: StringEnum(['acceptBy', 'investigateBy', 'extendedBy'] as const),
    label: Type.String({ description: '受理期限、调查期限或延长后的调查期限' }),
    date: Type.String({ description: 'YYYY-MM-DD（中国日期）' }),
    estimated: Type.Boolean({ description: 'true：节假日安排尚未覆盖，日期为估算' }),
    workingDaysLeft: Type.Integer({ description: '剩余工作日；0 为今天到期，负数为已超期的工作日数' }),
    overdue: Type.Boolean(),
  },
  { title: '办理期限' },
)
export type TipClock = Static<typeof TipClock>

const MaskedReporter = Type.Object({
  name: Type.String({ description: '已遮蔽，如 张*三' }),
  mobile: Type.String({ description: '已遮蔽，如 138****5678' }),
})

const AmountYuan = Nullable(Type.String({ description: '欠薪金额（元，两位小数，如 86400.00）；未填为 null' }))

export const TipInboxItem = Type.Object({
  id: Type.String(),
  trackingCode: Type.String(),
  kind: ReportKindValue,
  status: TipStatusValue,
  statusName: Type.String(),
  districtCode: Type.String(),
  districtName: Type.String(),
  submittedAt: Timestamp,
  reporter: Nullable(MaskedReporter),
  employerName: Type.String(),
  isConstruction: Type.Boolean(),
  workersOwed: Type.Integer(),
  amountYuan: AmountYuan,
  amountApproximate: Type.Boolean(),
  duplicateOf: Nullable(Type.String()),
  handlerName: Nullable(Type.String({ description: '承办人（受理的工作人员）' })),
  unreadReplies: Type.Integer({ description: '反映人的新回复中工作人员还没看的条数' }),
  clock: Nullable(TipClock),
})
export type TipInboxItem = Static<typeof TipInboxItem>

export const StatusCounts = Type.Object(
  {
    submitted: Type.Integer(),
    accepted: Type.Integer(),
    rejected: Type.Integer(),
    investigating: Type.Integer(),
    closed: Type.Integer(),
  },
  { description: '按状态的条数（同样的筛选条件，不计状态和视图）' },
)

export const TipInbox = Type.Object(
  {
    items: Type.Array(TipInboxItem),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    counts: StatusCounts,
    views: Type.Object(
      { mine: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer() },
      { description: '各视图的条数（在可见范围内，不计其他筛选条件）' },
    ),
  },
  { title: '反映列表（个人信息已遮蔽）' },
)
export type TipInbox = Static<typeof TipInbox>

// ---------------------------------------------------------------------------------------------
// One report.

export const TipIdParams = Type.Object({ id: IdString('uuid', '反映编号') })

export const ExtensionView = Type.Object(
  {
    approver: Type.String({ description: '批准延长的负责人' }),
    note: Type.String(),
    at: Timestamp,
  },
  { title: '延长调查期限（《劳动保障监察条例》第十七条）' },
)

export const OutcomeView = Type.Object(
  {
    method: CloseMethodValue,
    methodName: Type.String(),
    recoveredYuan: Nullable(Type.String({ description: '追回的工资（元，两位小数）' })),
    workersPaid: Nullable(Type.Integer({ description: '拿到工资的人数' })),
  },
  { title: '办结情况' },
)
export type OutcomeView = Static<typeof OutcomeView>

export const TimelineEntry = Type.Object({
  action: Type.Union([TipActionName, Type.Literal('submit'), Type.Literal('transition')], {
    description: 'submit 为提交；transition 为早期记录的状态变化',
  }),
  actionName: Type.String(),
  status: TipStatusValue,
  statusName: Type.String(),
  at: Timestamp,
  staffName: Nullable(Type.String()),
  noteToReporter: Nullable(Type.String({ description: '给反映人的说明（反映人查询进度时能看到）' })),
  detail: Type.Record(Type.String(), Type.Unknown(), { description: '这一步的细节（不含个人信息），如受理日期、转交的区县、处理方式' }),
})
export type TimelineEntry = Static<typeof TimelineEntry>

export const NoteView = Type.Object({ id: Type.String(), staffName: Nullable(Type.String()), body: Type.String(), at: Timestamp }, { title: '内部备注' })
export type NoteView = Static<typeof NoteView>

const TipRef = Type.Object({ id: Type.String(), trackingCode: Type.String() })

export const DUPLICATE_REASONS = ['uscc', 'employer', 'address'] as const
export const DuplicatesView = Type.Object({
  linkedTo: Nullable(TipRef),
  linkedFrom: Type.Array(TipRef),
  suggestions: Type.Array(
    Type.Object({
      id: Type.String(),
      trackingCode: Type.String(),
      status: TipStatusValue,
      statusName: Type.String(),
      submittedAt: Timestamp,
      reasons: Type.Array(StringEnum(DUPLICATE_REASONS), { description: 'uscc 统一社会信用代码相同，employer 用人单位名称相同，address 工作地点相同' }),
    }),
    { maxItems: DUPLICATE_SUGGESTIONS_MAX },
  ),
})
export type DuplicatesView = Static<typeof DuplicatesView>

export const TipWorkspaceDetail = Type.Object(
  {
    id: Type.String(),
    trackingCode: Type.String(),
    kind: ReportKindValue,
    status: TipStatusValue,
    statusName: Type.String(),
    districtCode: Type.String(),
    districtName: Type.String(),
    submittedAt: Timestamp,
    acceptedOn: Nullable(Type.String({ description: '受理（立案）日期' })),
    reporter: Nullable(Type.Object({ name: Type.String(), mobile: Type.String(), residentId: Nullable(Type.String()) }, { description: '已遮蔽；匿名反映为 null' })),
    hasPersonalData: Type.Boolean({ description: 'true：有可以查看的个人信息（POST …/reveal）' }),
    consentSensitive: Type.Boolean(),
    employer: Type.Object({ name: Type.String(), uscc: Nullable(Type.String()) }),
    workAddress: Type.String(),
    isConstruction: Type.Boolean(),
    constructionProject: Nullable(Type.String()),
    workersOwed: Type.Integer(),
    amountYuan: AmountYuan,
    amountApproximate: Type.Boolean(),
    owedPeriod: Type.Object({ from: Type.String(), to: Type.String() }),
    description: Type.String(),
    duplicateOf: Nullable(Type.String()),
    handlerName: Nullable(Type.String()),
    extension: Nullable(ExtensionView),
    outcome: Nullable(OutcomeView),
    clock: Nullable(TipClock),
    rating: Nullable(TipRatingView),
    timeline: Type.Array(TimelineEntry),
    notes: Type.Array(NoteView),
    duplicates: DuplicatesView,
    evidence: Type.Array(Type.Object({ uploadId: Type.String(), mediaType: Type.String(), messageId: Nullable(Type.String()) })),
    unreadReplies: Type.Integer(),
    allowedActions: Type.Array(TipActionName, { description: '此刻这位工作人员可以做的操作' }),
  },
  { title: '反映详情（个人信息已遮蔽）' },
)
export type TipWorkspaceDetail = Static<typeof TipWorkspaceDetail>

export const RevealBody = Type.Object({ reason: Text('查看个人信息的理由', REASON_MIN, REASON_MAX) }, { additionalProperties: false })
export type RevealBody = Static<typeof RevealBody>

export const RevealedReporter = Type.Object(
  { reporter: Type.Object({ name: Type.String(), mobile: Type.String(), residentId: Nullable(Type.String()) }) },
  { title: '反映人的个人信息（已记入审计日志）' },
)
export type RevealedReporter = Static<typeof RevealedReporter>

// ---------------------------------------------------------------------------------------------
// Actions: one body per action, told apart by `action` (AJV validates only the matching branch).

const Optional = <T extends TSchema>(schema: T) => Type.Optional(schema)
const ActionBranch = <A extends string, P extends Record<string, TSchema>>(action: A, properties: P) =>
  Type.Object({ action: Type.Literal(action, { title: '操作' }), ...properties }, { additionalProperties: false })

export const AcceptAction = ActionBranch('accept', {
  filedOn: ChinaDate('立案日期'),
  note: Optional(Text('备注', 1, NOTE_MAX)),
})
export const InvestigateAction = ActionBranch('investigate', { note: Optional(Text('备注', 1, NOTE_MAX)) })
export const ExtendAction = ActionBranch('extend', {
  approver: Text('批准人', 1, APPROVER_MAX, '批准延长的劳动保障行政部门负责人'),
  note: Text('延长的理由', 1, NOTE_TO_REPORTER_MAX),
})
export const CloseAction = ActionBranch('close', {
  outcome: Type.Object(
    {
      method: CloseMethodValue,
      // string, number or null: checked by the route (one message naming the field, not one per type).
      recoveredYuan: Type.Unsafe<string | number | null>({
        title: '追回金额（元）',
        description: '元，不小于 0，最多两位小数（如 86400.50）；可以是数字或文字，不清楚填 null',
      }),
      workersPaid: Nullable(Type.Integer({ title: '拿到工资的人数', minimum: 0 })),
    },
    { title: '办结情况', additionalProperties: false },
  ),
  noteToReporter: Text('给反映人的说明', 1, NOTE_TO_REPORTER_MAX, '反映人查询进度时会看到'),
})
export const RejectAction = ActionBranch('reject', { reason: Text('不予受理的理由', 1, NOTE_TO_REPORTER_MAX, '反映人查询进度时会看到，请写明理由和可以怎么做') })
export const TransferAction = ActionBranch('transfer', {
  toDistrict: Type.String({ title: '转交到的区县', pattern: '^\\d{6}$', errorMessages: { pattern: '转交到的区县应为 6 位区县代码' } }),
  note: Text('转交说明', 1, NOTE_TO_REPORTER_MAX),
})
export const LinkDuplicateAction = ActionBranch('link_duplicate', { of: IdString('uuid', '原反映编号') })
export const UnlinkDuplicateAction = ActionBranch('unlink_duplicate', {})

const ACTION_BRANCHES = [
  AcceptAction,
  InvestigateAction,
  ExtendAction,
  CloseAction,
  RejectAction,
  TransferAction,
  LinkDuplicateAction,
  UnlinkDuplicateAction,
] as const

export type TipActionBody =
  | Static<typeof AcceptAction>
  | Static<typeof InvestigateAction>
  | Static<typeof ExtendAction>
  | Static<typeof CloseAction>
  | Static<typeof RejectAction>
  | Static<typeof TransferAction>
  | Static<typeof LinkDuplicateAction>
  | Static<typeof UnlinkDuplicateAction>

export const TipActionBody = Type.Unsafe<TipActionBody>({
  type: 'object',
  title: '办理操作',
  required: ['action'],
  discriminator: { propertyName: 'action' },
  oneOf: ACTION_BRANCHES,
  errorMessages: { discriminator: `请选择办理操作（action）：${TIP_ACTIONS.join('、')}` },
})

// ---------------------------------------------------------------------------------------------
// Notes, staff, audit.

export const NoteBody = Type.Object({ body: Text('备注内容', 1, NOTE_MAX) }, { additionalProperties: false })
export type NoteBody = Static<typeof NoteBody>

export const StaffDirectory = Type.Array(
  Type.Object({ id: Type.String(), name: Type.String(), role: StringEnum(STAFF_ROLES) }),
  { title: '工作人员名单（用于筛选）' },
)
export type StaffDirectory = Static<typeof StaffDirectory>

const auditFilterProperties = {
  staffId: Type.Optional(IdString('uuid', '工作人员')),
  action: Type.Optional(StringEnum(AUDIT_ACTIONS, { title: '操作' })),
  tipId: Type.Optional(IdString('uuid', '反映编号')),
  trackingCode: Type.Optional(IdString('typedCode', '查询码', { description: '反映的查询码，可小写、可不带连字符' })),
  from: Type.Optional(ChinaDate('开始日期')),
  to: Type.Optional(ChinaDate('结束日期')),
}

export const AuditFilter = Type.Object(auditFilterProperties, { additionalProperties: false })
export type AuditFilter = Static<typeof AuditFilter>

export const AuditQuery = Type.Object(
  {
    ...auditFilterProperties,
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 10, maximum: AUDIT_PAGE_SIZE_MAX, default: AUDIT_PAGE_SIZE_DEFAULT })),
  },
  { additionalProperties: false },
)
export type AuditQuery = Static<typeof AuditQuery>

export const AuditExportQuery = Type.Object({ ...auditFilterProperties, format: ExportFormatValue }, { additionalProperties: false })
export type AuditExportQuery = Static<typeof AuditExportQuery>

export const AuditEntryView = Type.Object({
  id: Type.String(),
  at: Timestamp,
  staffId: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  action: Type.String(),
  actionName: Type.String(),
  tipId: Nullable(Type.String()),
  trackingCode: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
})
export type AuditEntryView = Static<typeof AuditEntryView>

export const AuditPage = Type.Object(
  {
    items: Type.Array(AuditEntryView),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    actions: Type.Array(Type.Object({ action: Type.String(), actionName: Type.String() }), { description: '可以筛选的操作' }),
  },
  { title: '审计日志，新的在前' },
)
export type AuditPage = Static<typeof AuditPage>

/** A file download, CSV or xlsx: each media type declared for the API document. */
export const ExportFile = {
  description: '文件：CSV（UTF-8 带 BOM，Excel 和 WPS 可直接打开）或 xlsx',
  content: {
    'text/csv': { schema: Type.Unsafe<Uint8Array>({ type: 'string', description: 'CSV 文件' }) },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'xlsx 文件' }) },
  },
}
