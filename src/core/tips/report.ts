// A wage-arrears report (欠薪线索反映): the payload the app sends and the rule that judges it. The
// app runs it on every change and on submit; the server runs it again and its verdict is final.
import type { TipReportBody } from '../../../server/tips/tips.schemas'
import { chinaDateOf } from '../calendar/working-days'
import { type Check, pass } from '../check'
import { cleanText } from '../text-rules'
import { type Amount, checkAmountYuan } from '../validators/amount'
import { toHalfWidth } from '../validators/half-width'
import { checkPhone } from '../validators/phone'
import { checkResidentId } from '../validators/resident-id'
import { checkUscc } from '../validators/uscc'
import { describeField, REPORT_LIMITS, SENSITIVE_CONSENT_MISSING, type ReportKind } from './report-fields'

/**
 * What the app sends: the body of POST /api/v1/tips as its schema documents it. Optional fields may
 * also be null or, for text, an empty string; `reporter` is null (or absent) for an anonymous tip;
 * `amountYuan` is as typed (12800.50, 5万, 约5万…), required for a complaint only.
 */
export type ReportPayload = TipReportBody

export interface ValidReporter {
  name: string
  /** Digits only: 13812345678, or a landline with its area code, 02083212345. */
  mobile: string
  residentId: string | null
}

export interface ValidReport {
  kind: ReportKind
  reporter: ValidReporter | null
  employer: { name: string; uscc: string | null }
  districtCode: string
  workAddress: string
  isConstruction: boolean
  constructionProject: string | null
  workersOwed: number
  /** null when a tip gives no amount. */
  amountFen: number | null
  /** The reporter gave the amount as an estimate (约5万, 5万多). */
  amountApproximate: boolean
  owedPeriod: { from: string; to: string }
  description: string
  evidenceIds: string[]
  consentSensitive: boolean
  truthful: true
}

export interface ReportContext {
  districts: { code: string; name: string }[]
  today: Date
}

/** Keys are dotted paths ('reporter.mobile', 'owedPeriod.to', 'evidenceIds.2'); 'report' is the whole. */
export type ReportVerdict = { ok: true; value: ValidReport } | { ok: false; fields: Record<string, string> }

const MONTH = /^(\d{4})-(\d{2})$/
// Room for spaces around text, so a string is rejected unread only when it cannot possibly fit.
const RAW_SLACK = 200
const MAX_UNKNOWN_KEYS_LISTED = 20
const LISTABLE_KEY = /^[A-Za-z_$][\w$-]{0,39}$/

const KNOWN_KEYS = {
  report: [
    'kind', 'reporter', 'employer', 'districtCode', 'workAddress', 'isConstruction', 'constructionProject',
    'workersOwed', 'amountYuan', 'owedPeriod', 'description', 'evidenceIds', 'consentSensitive', 'truthful',
  ],
  reporter: ['name', 'mobile', 'residentId'],
  employer: ['name', 'uscc'],
  owedPeriod: ['from', 'to'],
}

type Fields = Map<string, string>
type JsonObject = Record<string, unknown>

export function validateReport(input: unknown, context: ReportContext): ReportVerdict {
  const fields: Fields = new Map()
  if (!isObject(input)) return { ok: false, fields: { report: '提交的内容格式不正确，请重新填写后提交' } }
  rejectUnknownKeys(input, '', KNOWN_KEYS.report, fields)

  const kind = readKind(input.kind, fields)
  const reporter = readReporter(input.reporter, kind, context, fields)
  const employer = readEmployer(input.employer, fields)
  const districtCode = readDistrict(input.districtCode, context.districts, fields)
  const workAddress = readText(input.workAddress, 'workAddress', REPORT_LIMITS.workAddress, fields)
  const isConstruction = readOptionalBoolean(input.isConstruction, 'isConstruction', fields) ?? false
  const constructionProject = isConstruction
    ? readText(input.constructionProject, 'constructionProject', REPORT_LIMITS.constructionProject, fields, {
        missing: '在工地上干活的，请填写工程项目名称',
      })
    : null
  const workersOwed = readWorkersOwed(input.workersOwed, fields)
  const amount = readAmount(input.amountYuan, kind, fields)
  const owedPeriod = readOwedPeriod(input.owedPeriod, chinaDateOf(context.today).slice(0, 7), fields)
  const description = readText(input.description, 'description', REPORT_LIMITS.description, fields, {
    multiline: true,
    missing: '请说明欠薪的情况',
  })
  const evidenceIds = readEvidenceIds(input.evidenceIds, fields)

  // 个人信息保护法 第二十九条: sensitive personal information needs its own, separate consent; the
  // report itself never does (the bureau handles it to perform its duty, art. 13 (三)), so the
  // consent is asked only of a report that carries some: an ID number or evidence photos.
  const consentSensitive = readOptionalBoolean(input.consentSensitive, 'consentSensitive', fields)
  const carriesSensitive = Boolean(reporter?.residentId) || (evidenceIds?.length ?? 0) > 0
  if (carriesSensitive && consentSensitive === false) fields.set('consentSensitive', SENSITIVE_CONSENT_MISSING)
  const truthful = readOptionalBoolean(input.truthful, 'truthful', fields)
  if (truthful === false) fields.set('truthful', '请确认您所反映的情况真实无误')

  if (fields.size > 0) return { ok: false, fields: Object.fromEntries(fields) }
  return {
    ok: true,
    value: {
      kind: kind as ReportKind,
      reporter: reporter ?? null,
      employer: employer as ValidReport['employer'],
      districtCode: districtCode as string,
      workAddress: workAddress as string,
      isConstruction,
      constructionProject: constructionProject ?? null,
      workersOwed: workersOwed as number,
      amountFen: amount?.fen ?? null,
      amountApproximate: amount?.approximate ?? false,
      owedPeriod: owedPeriod as ValidReport['owedPeriod'],
      description: description as string,
      evidenceIds: evidenceIds as string[],
      consentSensitive: carriesSensitive && consentSensitive === true,
      truthful: true,
    },
  }
}

function readKind(raw: unknown, fields: Fields): ReportKind | undefined {
  if (raw === undefined || raw === null || raw === '') {
    fields.set('kind', '请选择反映类型：投诉（本人被欠薪）或举报（反映他人被欠薪）')
    return undefined
  }
  if (raw === 'complaint' || raw === 'tip') return raw
  fields.set('kind', '反映类型只能是投诉或举报，请重新选择')
  return undefined
}

// undefined: the reporter could not be read (error recorded); null: anonymous.
function readReporter(
  raw: unknown,
  kind: ReportKind | undefined,
  context: ReportContext,
  fields: Fields,
): ValidReporter | null | undefined {
  if (isAnonymous(raw)) {
    if (kind !== 'complaint') return null
    fields.set('reporter', '投诉需要留下您的姓名和联系电话；不想留名，可以改为匿名举报')
    return undefined
  }
  if (!isObject(raw)) return typeError('reporter', fields)
  rejectUnknownKeys(raw, 'reporter.', KNOWN_KEYS.reporter, fields)

  const name = readText(raw.name, 'reporter.name', REPORT_LIMITS.reporterName, fields, { missing: '请填写您的姓名' })
  const mobile = readCoded(raw.mobile, 'reporter.mobile', checkPhone, fields)
  let residentId: string | null | undefined = null
  if (!isAbsent(raw.residentId)) {
    if (kind === 'tip') {
      // Data minimisation: a tip is followed up by phone, so it has no use for an ID number.
      fields.set('reporter.residentId', '举报不需要填写证件号码，请删除')
      residentId = undefined
    } else {
      residentId = readCoded(raw.residentId, 'reporter.residentId', (text) => checkResidentId(text, context.today), fields)
        ?.id
    }
  }
  if (name === undefined || mobile === undefined || residentId === undefined) return undefined
  return { name, mobile, residentId }
}

// A form that switches to anonymous may still send the emptied inputs.
function isAnonymous(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true
  return isObject(raw) && Object.keys(raw).every((key) => KNOWN_KEYS.reporter.includes(key) && isAbsent(raw[key]))
}

function readEmployer(raw: unknown, fields: Fields): ValidReport['employer'] | undefined {
  if (raw === undefined || raw === null) {
    fields.set('employer.name', '请填写拖欠工资的单位或老板的名称')
    return undefined
  }
  if (!isObject(raw)) return typeError('employer', fields)
  rejectUnknownKeys(raw, 'employer.', KNOWN_KEYS.employer, fields)
  const name = readText(raw.name, 'employer.name', REPORT_LIMITS.employerName, fields, {
    missing: '请填写拖欠工资的单位或老板的名称',
  })
  const uscc = isAbsent(raw.uscc) ? null : readCoded(raw.uscc, 'employer.uscc', checkUscc, fields)
  if (name === undefined || uscc === undefined) return undefined
  return { name, uscc }
}

function readDistrict(raw: unknown, districts: ReportContext['districts'], fields: Fields): string | undefined {
  if (raw === undefined || raw === null || raw === '') {
    fields.set('districtCode', '请选择干活的地方所在的区县')
    return undefined
  }
  if (typeof raw !== 'string') return typeError('districtCode', fields)
  if (!districts.some((district) => district.code === raw)) {
    fields.set('districtCode', '请从列表中选择区县')
    return undefined
  }
  return raw
}

// A complaint claims the worker's own wages, so it says how much; a tip may not know.
function readAmount(raw: unknown, kind: ReportKind | undefined, fields: Fields): Amount | null | undefined {
  if (isAbsent(raw)) {
    if (kind !== 'complaint') return null
    return missing('amountYuan', '投诉请填写被拖欠的工资金额；不清楚具体数目，可以写“约5万”', fields)
  }
  return readCoded(raw, 'amountYuan', (text) => checkAmountYuan(text), fields)
}

function readWorkersOwed(raw: unknown, fields: Fields): number | undefined {
  const { min, max } = REPORT_LIMITS.workersOwed
  if (raw === undefined || raw === null || raw === '') {
    fields.set('workersOwed', '请填写被欠薪的人数')
    return undefined
  }
  let count: number
  if (typeof raw === 'number') {
    count = raw
  } else if (typeof raw === 'string') {
    if (raw.length > REPORT_LIMITS.codedValueMaxLength) return tooLong('workersOwed', fields)
    const text = toHalfWidth(raw).trim().replace(/人$/, '').trim()
    if (!/^\d+$/.test(text)) {
      fields.set('workersOwed', '人数请填写整数，例如 3')
      return undefined
    }
    count = Number(text)
  } else {
    return typeError('workersOwed', fields)
  }
  if (!Number.isInteger(count)) {
    fields.set('workersOwed', '人数请填写整数，例如 3')
    return undefined
  }
  if (count < min) {
    fields.set('workersOwed', `被欠薪人数至少为${min}人`)
    return undefined
  }
  if (count > max) {
    fields.set('workersOwed', `被欠薪人数不能超过${max}人，请核对`)
    return undefined
  }
  return count
}

function readOwedPeriod(raw: unknown, currentMonth: string, fields: Fields): ValidReport['owedPeriod'] | undefined {
  if (raw === undefined || raw === null) {
    fields.set('owedPeriod.from', '请选择欠薪开始的月份')
    fields.set('owedPeriod.to', '请选择欠薪结束的月份')
    return undefined
  }
  if (!isObject(raw)) return typeError('owedPeriod', fields)
  rejectUnknownKeys(raw, 'owedPeriod.', KNOWN_KEYS.owedPeriod, fields)

  const earliest = monthsBack(currentMonth, REPORT_LIMITS.owedPeriodYearsBack * 12)
  const from = readMonth(raw.from, 'owedPeriod.from', '请选择欠薪开始的月份', fields)
  const to = readMonth(raw.to, 'owedPeriod.to', '请选择欠薪结束的月份', fields)
  if (from !== undefined) {
    if (from > currentMonth) fields.set('owedPeriod.from', '开始月份不能晚于本月')
    else if (from < earliest) fields.set('owedPeriod.from', `开始月份不能早于${monthInWords(earliest)}（10年前）`)
  }
  if (to !== undefined) {
    if (to > currentMonth) fields.set('owedPeriod.to', '结束月份不能晚于本月')
    else if (from !== undefined && to < from) fields.set('owedPeriod.to', '结束月份不能早于开始月份')
  }
  if (fields.has('owedPeriod.from') || fields.has('owedPeriod.to')) return undefined
  return { from: from as string, to: to as string }
}

function readMonth(raw: unknown, path: string, missing: string, fields: Fields): string | undefined {
  const text = readCoded(raw, path, (value) => pass(toHalfWidth(value).trim()), fields, { missing })
  if (text === undefined) return undefined
  const match = MONTH.exec(text)
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) {
    fields.set(path, '月份请按“2025-03”的格式填写')
    return undefined
  }
  return text
}

function readEvidenceIds(raw: unknown, fields: Fields): string[] | undefined {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) return typeError('evidenceIds', fields)
  const { max } = REPORT_LIMITS.evidenceIds
  if (raw.length > max) {
    fields.set('evidenceIds', `证据照片最多${max}张，请删掉多余的`)
    return undefined
  }
  const seen = new Set<string>()
  raw.forEach((id: unknown, index) => {
    const path = `evidenceIds.${index}`
    if (typeof id !== 'string' || !REPORT_LIMITS.evidenceId.test(id)) {
      fields.set(path, `${describeField(path)}没有上传成功，请删除后重新上传`)
    } else if (seen.has(id)) {
      fields.set(path, `${describeField(path)}与前面的重复了，请删除`)
    } else {
      seen.add(id)
    }
  })
  return raw.length === seen.size ? [...seen] : undefined
}

// A boolean the person ticks; absent or null reads as not ticked.
function readOptionalBoolean(raw: unknown, path: string, fields: Fields): boolean | undefined {
  if (raw === undefined || raw === null) return false
  if (typeof raw === 'boolean') return raw
  return typeError(path, fields)
}

interface TextRule {
  min: number
  max: number
}

function readText(
  raw: unknown,
  path: string,
  { min, max }: TextRule,
  fields: Fields,
  opts: { multiline?: boolean; missing?: string } = {},
): string | undefined {
  const label = describeField(path)
  if (raw === undefined || raw === null) return missing(path, opts.missing ?? `请填写${label}`, fields)
  if (typeof raw !== 'string') return typeError(path, fields)
  if (raw.length > max * 2 + RAW_SLACK) return tooLong(path, fields, max)

  const cleaned = cleanText(raw, { label, multiline: opts.multiline ?? false, action: '填写' })
  if (!cleaned.ok) {
    fields.set(path, cleaned.message)
    return undefined
  }
  const text = cleaned.value
  const length = Array.from(text).length
  if (length === 0) return missing(path, opts.missing ?? `请填写${label}`, fields)
  if (length < min) {
    fields.set(path, `${label}至少要写${min}个字`)
    return undefined
  }
  if (length > max) return tooLong(path, fields, max)
  return text
}

// A value a validator of its own parses (mobile, ID number, code, amount, month).
function readCoded<T>(
  raw: unknown,
  path: string,
  check: (text: string) => Check<T>,
  fields: Fields,
  opts: { missing?: string } = {},
): T | undefined {
  if (opts.missing !== undefined && (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))) {
    return missing(path, opts.missing, fields)
  }
  if (raw === undefined || raw === null) raw = ''
  if (typeof raw !== 'string') return typeError(path, fields)
  if (raw.length > REPORT_LIMITS.codedValueMaxLength) return tooLong(path, fields)
  const result = check(raw.trim())
  if (!result.ok) {
    fields.set(path, result.message)
    return undefined
  }
  return result.value
}

function rejectUnknownKeys(raw: JsonObject, prefix: string, known: readonly string[], fields: Fields): void {
  const unknown = Object.keys(raw).filter((key) => !known.includes(key))
  const listable = unknown.filter((key) => LISTABLE_KEY.test(key)).slice(0, MAX_UNKNOWN_KEYS_LISTED)
  for (const key of listable) fields.set(`${prefix}${key}`, '不认识的字段')
  // Odd or countless keys are not echoed back one by one: the answer stays small and plain.
  if (listable.length < unknown.length) fields.set(prefix === '' ? 'report' : prefix.slice(0, -1), '含有不认识的字段')
}

function missing(path: string, message: string, fields: Fields): undefined {
  fields.set(path, message)
  return undefined
}

function typeError(path: string, fields: Fields): undefined {
  fields.set(path, `${describeField(path)}的格式不正确，请重新填写`)
  return undefined
}

function tooLong(path: string, fields: Fields, max?: number): undefined {
  fields.set(path, max === undefined ? `${describeField(path)}过长，请核对` : `${describeField(path)}请不超过${max}个字`)
  return undefined
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

function monthsBack(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number)
  const index = year * 12 + (monthNumber - 1) - count
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

function monthInWords(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number)
  return `${year}年${monthNumber}月`
}
