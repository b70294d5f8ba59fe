// Reports as staff see them: decrypted for one report, masked in lists and exports.
import { chinaDateOf, type WorkCalendar } from '../../src/core/calendar/working-days'
import { deadlinesFor, type ApplicableDeadlines } from '../../src/core/tips/deadlines'
import { maskName } from '../../src/core/tips/masking'
import { isTipRating } from '../../src/core/tips/rating'
import { isTipStatus, TIP_STATUS_NAMES, type TipStatus } from '../../src/core/tips/status'
import { maskPhone } from '../../src/core/validators/phone'
import { decryptField } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import type { TipEvent } from '../tips/tip-events.repository'
import type { TipDetailRow, TipSummaryRow } from './admin-tips.repository'
import type { TipDetail, TipList } from './admin.schemas'
import type { CsvValue } from './csv'

const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000

export const isoOf = (epochMs: number): string => new Date(epochMs).toISOString()

/** '2026-03-05 14:07', China time: what staff read in a spreadsheet. */
export function chinaDateTimeOf(epochMs: number): string {
  return new Date(epochMs + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** Plain yuan with two decimals and no separators, '86400.00': exact, from integer fen. */
export function yuanOf(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** The amount cell of the export: '86400.00', '约50000.00' for an estimate, empty when none was given. */
function amountCellOf(row: Pick<TipSummaryRow, 'amountFen' | 'amountApproximate'>): string | null {
  if (row.amountFen === null) return null
  return `${row.amountApproximate ? '约' : ''}${yuanOf(row.amountFen)}`
}

/** Recomputed on every read: a holiday calendar synced since the report turns estimates into dates. */
export function deadlinesOf(row: Pick<TipSummaryRow, 'kind' | 'createdAt' | 'acceptedOn'>, calendar: WorkCalendar): ApplicableDeadlines {
  return deadlinesFor(kindOf(row.kind), chinaDateOf(new Date(row.createdAt)), calendar, row.acceptedOn ?? undefined)
}

function statusOf(stored: string): TipStatus {
  if (!isTipStatus(stored)) throw new Error(`tips row has an unknown status ${JSON.stringify(stored)}`)
  return stored
}

function kindOf(stored: string): 'complaint' | 'tip' {
  return stored === 'tip' ? 'tip' : 'complaint'
}

type EncryptedColumn = 'reporter_name' | 'reporter_mobile' | 'reporter_id_number'

function decrypt(keyring: Keyring, tipId: string, column: EncryptedColumn, value: string): string {
  return decryptField(keyring, value, { table: 'tips', rowId: tipId, column })
}

function maskedReporter(keyring: Keyring, row: TipSummaryRow): { name: string; mobile: string } | null {
  if (row.reporterName === null || row.reporterMobile === null) return null
  return {
    name: maskName(decrypt(keyring, row.id, 'reporter_name', row.reporterName)),
    mobile: maskPhone(decrypt(keyring, row.id, 'reporter_mobile', row.reporterMobile)),
  }
}

export function listItemOf(keyring: Keyring, calendar: WorkCalendar, row: TipSummaryRow): TipList['items'][number] {
  const status = statusOf(row.status)
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    kind: kindOf(row.kind),
    status,
    statusName: TIP_STATUS_NAMES[status],
    districtCode: row.districtCode,
    submittedAt: isoOf(row.createdAt),
    reporter: maskedReporter(keyring, row),
    employerName: row.employerName,
    workersOwed: row.workersOwed,
    amountYuan: row.amountFen === null ? null : yuanOf(row.amountFen),
    amountApproximate: row.amountApproximate,
    duplicateOf: row.duplicateOf,
    deadlines: deadlinesOf(row, calendar),
  }
}

/** The submission, then each change with both its notes: for staff only. */
export function timelineOf(submittedAt: number, events: TipEvent[]): TipDetail['timeline'] {
  return [
    { status: 'submitted', statusName: TIP_STATUS_NAMES.submitted, at: isoOf(submittedAt), noteToReporter: null, internalNote: null, staffId: null },
    ...events.map((event) => ({
      status: event.to,
      statusName: TIP_STATUS_NAMES[event.to],
      at: isoOf(event.at),
      noteToReporter: event.noteToReporter,
      internalNote: event.internalNote,
      staffId: event.staffId,
    })),
  ]
}

export function detailOf(keyring: Keyring, calendar: WorkCalendar, row: TipDetailRow, events: TipEvent[], evidence: TipDetail['evidence']): TipDetail {
  const status = statusOf(row.status)
  const reporter =
    row.reporterName === null || row.reporterMobile === null
      ? null
      : {
          name: decrypt(keyring, row.id, 'reporter_name', row.reporterName),
          mobile: decrypt(keyring, row.id, 'reporter_mobile', row.reporterMobile),
          residentId: row.reporterIdNumber === null ? null : decrypt(keyring, row.id, 'reporter_id_number', row.reporterIdNumber),
        }
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    kind: kindOf(row.kind),
    status,
    statusName: TIP_STATUS_NAMES[status],
    districtCode: row.districtCode,
    submittedAt: isoOf(row.createdAt),
    acceptedOn: row.acceptedOn,
    reporter,
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
    evidence,
    deadlines: deadlinesOf(row, calendar),
    rating: ratingOf(row.rating),
    timeline: timelineOf(row.createdAt, events),
  }
}

function ratingOf(rating: TipDetailRow['rating']): TipDetail['rating'] {
  if (rating === null || !isTipRating(rating.value)) return null
  return { value: rating.value, comment: rating.comment, ratedAt: isoOf(rating.at) }
}

export const CSV_HEADER = [
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
  '受理期限',
  '调查期限',
  '重复反映（原反映编号）',
] as const

export function csvRowOf(keyring: Keyring, calendar: WorkCalendar, row: TipSummaryRow, districtName: (code: string) => string): CsvValue[] {
  const reporter = maskedReporter(keyring, row)
  const deadlines = deadlinesOf(row, calendar)
  return [
    row.id,
    row.trackingCode,
    row.kind === 'tip' ? '举报' : '投诉',
    TIP_STATUS_NAMES[statusOf(row.status)],
    districtName(row.districtCode),
    chinaDateTimeOf(row.createdAt),
    reporter ? reporter.name : '匿名',
    reporter ? reporter.mobile : null,
    row.employerName,
    row.employerUscc,
    row.workAddress,
    row.projectName,
    row.workersOwed,
    amountCellOf(row),
    `${row.owedFrom} 至 ${row.owedTo}`,
    row.description,
    row.acceptedOn,
    deadlines.acceptBy?.date ?? null,
    deadlines.investigateBy?.date ?? null,
    row.duplicateOf,
  ]
}
