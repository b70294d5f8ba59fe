// Reports as staff see them in the workspace: masked in the inbox, the detail and exports; whole
// only through reveal (audited with a reason).
import { readClock } from '../../src/core/tips/clock'
import type { WorkCalendar } from '../../src/core/calendar/working-days'
import { TIP_ACTION_NAMES, isTipAction, type TipAction } from '../../src/core/tips/actions'
import { isTipRating } from '../../src/core/tips/rating'
import { isTipStatus, TIP_STATUS_NAMES, type TipStatus } from '../../src/core/tips/status'
import { maskPhone } from '../../src/core/validators/phone'
import { decryptField } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import { maskName } from '../privacy/masking'
import { outcomeOf, yuanOf } from '../tips/outcome-view'
import type { InboxRow, StoredNote, WorkspaceEvent, WorkspaceTipRow } from './workspace.repository'
import type { NoteView, TimelineEntry, TipClock, TipInboxItem, TipWorkspaceDetail } from './workspace.schemas'

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000

export { yuanOf }

export const isoOf = (epochMs: number): string => new Date(epochMs).toISOString()

/** '2026-03-05 14:07', China time: what staff read in a spreadsheet. */
export function chinaDateTimeOf(epochMs: number): string {
  return new Date(epochMs + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

export function statusOf(stored: string): TipStatus {
  if (!isTipStatus(stored)) throw new Error(`tips row has an unknown status ${JSON.stringify(stored)}`)
  return stored
}

export function kindOf(stored: string): 'complaint' | 'tip' {
  return stored === 'tip' ? 'tip' : 'complaint'
}

type EncryptedColumn = 'reporter_name' | 'reporter_mobile' | 'reporter_id_number' | 'extension'

export function decryptTipField(keyring: Keyring, tipId: string, column: EncryptedColumn, value: string): string {
  return decryptField(keyring, value, { table: 'tips', rowId: tipId, column })
}

export interface Reporter {
  name: string
  mobile: string
  residentId: string | null
}

/** The reporter whole (reveal, unmasked export); null for an anonymous report. */
export function reporterOf(keyring: Keyring, row: InboxRow & { reporterIdNumber?: string | null }): Reporter | null {
  if (row.reporterName === null || row.reporterMobile === null) return null
  return {
    name: decryptTipField(keyring, row.id, 'reporter_name', row.reporterName),
    mobile: decryptTipField(keyring, row.id, 'reporter_mobile', row.reporterMobile),
    residentId: row.reporterIdNumber ? decryptTipField(keyring, row.id, 'reporter_id_number', row.reporterIdNumber) : null,
  }
}

/** 110101199003077777 → 1101**********7777: enough for staff to tell two people apart. */
function maskResidentId(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}

export function maskedReporterOf(keyring: Keyring, row: InboxRow & { reporterIdNumber?: string | null }): Reporter | null {
  const reporter = reporterOf(keyring, row)
  if (reporter === null) return null
  return { name: maskName(reporter.name), mobile: maskPhone(reporter.mobile), residentId: reporter.residentId === null ? null : maskResidentId(reporter.residentId) }
}

/** The clock of the stored running deadline (tips.due_on), read on `today`. */
export function clockOf(row: Pick<InboxRow, 'status' | 'dueOn' | 'dueCovered' | 'extended'>, today: string, calendar: WorkCalendar): TipClock | null {
  if (row.dueOn === null) return null
  const name = row.status === 'submitted' ? 'acceptBy' : row.extended ? 'extendedBy' : 'investigateBy'
  return readClock({ name, date: row.dueOn, covered: row.dueCovered }, today, calendar)
}

export interface ViewContext {
  keyring: Keyring
  calendar: WorkCalendar
  today: string
  districtName: (code: string) => string
}

export function inboxItemOf(context: ViewContext, row: InboxRow): TipInboxItem {
  const status = statusOf(row.status)
  const reporter = maskedReporterOf(context.keyring, row)
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    kind: kindOf(row.kind),
    status,
    statusName: TIP_STATUS_NAMES[status],
    districtCode: row.districtCode,
    districtName: context.districtName(row.districtCode),
    submittedAt: isoOf(row.createdAt),
    reporter: reporter === null ? null : { name: reporter.name, mobile: reporter.mobile },
    employerName: row.employerName,
    isConstruction: row.isConstruction,
    workersOwed: row.workersOwed,
    amountYuan: row.amountFen === null ? null : yuanOf(row.amountFen),
    amountApproximate: row.amountApproximate,
    duplicateOf: row.duplicateOf,
    handlerName: row.handlerName,
    unreadReplies: row.unreadReplies,
    clock: clockOf(row, context.today, context.calendar),
  }
}

export interface Extension {
  approver: string
  note: string
  /** Epoch ms. */
  at: number
}

export function extensionOf(keyring: Keyring, row: Pick<WorkspaceTipRow, 'id' | 'extension'>): Extension | null {
  if (row.extension === null) return null
  return JSON.parse(decryptTipField(keyring, row.id, 'extension', row.extension)) as Extension
}

export function timelineOf(submittedAt: number, events: WorkspaceEvent[]): TimelineEntry[] {
  return [
    {
      action: 'submit',
      actionName: '提交',
      status: 'submitted',
      statusName: TIP_STATUS_NAMES.submitted,
      at: isoOf(submittedAt),
      staffName: null,
      noteToReporter: null,
      detail: {},
    },
    ...events.map((event): TimelineEntry => {
      const action: TipAction | 'transition' = isTipAction(event.action) ? event.action : 'transition'
      const status = statusOf(event.to)
      return {
        action,
        actionName: TIP_ACTION_NAMES[action],
        status,
        statusName: TIP_STATUS_NAMES[status],
        at: isoOf(event.at),
        staffName: event.staffName,
        noteToReporter: event.noteToReporter,
        detail: event.detail,
      }
    }),
  ]
}

export function noteViewOf(keyring: Keyring, note: StoredNote): NoteView {
  return { id: note.id, staffName: note.staffName, body: decryptField(keyring, note.body, { table: 'tip_notes', rowId: note.id, column: 'body' }), at: isoOf(note.at) }
}

export interface DetailParts {
  row: WorkspaceTipRow
  events: WorkspaceEvent[]
  notes: StoredNote[]
  duplicates: TipWorkspaceDetail['duplicates']
  evidence: TipWorkspaceDetail['evidence']
  allowedActions: TipAction[]
}

export function detailOf(context: ViewContext, { row, events, notes, duplicates, evidence, allowedActions }: DetailParts): TipWorkspaceDetail {
  const status = statusOf(row.status)
  const extension = extensionOf(context.keyring, row)
  const rating = row.rating !== null && isTipRating(row.rating.value) ? { value: row.rating.value, comment: row.rating.comment, ratedAt: isoOf(row.rating.at) } : null
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    kind: kindOf(row.kind),
    status,
    statusName: TIP_STATUS_NAMES[status],
    districtCode: row.districtCode,
    districtName: context.districtName(row.districtCode),
    submittedAt: isoOf(row.createdAt),
    acceptedOn: row.acceptedOn,
    reporter: maskedReporterOf(context.keyring, row),
    hasPersonalData: row.reporterName !== null,
    consentSensitive: row.consentSensitive,
    employer: { name: row.employerName, uscc: row.employerUscc },
    workAddress: row.workAddress,
    isConstruction: row.isConstruction,
    constructionProject: row.projectName,
    workersOwed: row.workersOwed,
    amountYuan: row.amountFen === null ? null : yuanOf(row.amountFen),
    amountApproximate: row.amountApproximate,
    owedPeriod: { from: row.owedFrom, to: row.owedTo },
    description: row.description,
    duplicateOf: row.duplicateOf,
    handlerName: row.handlerName,
    extension: extension === null ? null : { approver: extension.approver, note: extension.note, at: isoOf(extension.at) },
    outcome: outcomeOf(row.outcome),
    clock: clockOf(row, context.today, context.calendar),
    rating,
    timeline: timelineOf(row.createdAt, events),
    notes: notes.map((note) => noteViewOf(context.keyring, note)),
    duplicates,
    evidence,
    unreadReplies: row.unreadReplies,
    allowedActions,
  }
}

// ---------------------------------------------------------------------------------------------
// Exports.

export const EXPORT_HEADER = [
  '编号',
  '查询码',
  '类型',
  '状态',
  '区县',
  '提交时间',
  '反映人',
  '联系电话',
  '用人单位',
  '统一社会信用代码',
  '工作地点',
  '工程项目',
  '欠薪人数',
  '欠薪金额（元）',
  '欠薪期间',
  '情况说明',
  '受理日期',
  '承办人',
  '当前期限',
  '期限日期',
  '重复反映（原反映编号）',
] as const

export type ExportCell = string | number | null

/** One row of the export; the reporter masked unless `reveal`. */
export function exportRowOf(context: ViewContext, row: InboxRow, reveal: boolean): ExportCell[] {
  const reporter = reveal ? reporterOf(context.keyring, row) : maskedReporterOf(context.keyring, row)
  const clock = clockOf(row, context.today, context.calendar)
  return [
    row.id,
    row.trackingCode,
    row.kind === 'tip' ? '举报' : '投诉',
    TIP_STATUS_NAMES[statusOf(row.status)],
    context.districtName(row.districtCode),
    chinaDateTimeOf(row.createdAt),
    reporter ? reporter.name : '匿名',
    reporter ? reporter.mobile : null,
    row.employerName,
    row.employerUscc,
    row.workAddress,
    row.projectName,
    row.workersOwed,
    row.amountFen === null ? null : `${row.amountApproximate ? '约' : ''}${yuanOf(row.amountFen)}`,
    `${row.owedFrom} 至 ${row.owedTo}`,
    row.description,
    row.acceptedOn,
    row.handlerName,
    clock ? `${clock.label}${clock.estimated ? '（估算）' : ''}` : null,
    clock ? clock.date : null,
    row.duplicateOf,
  ]
}
