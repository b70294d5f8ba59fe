// A report as the form holds it while the person fills it in: every input as typed, kept on the
// device between visits, and turned into the payload that validateReport judges.
import type { ReportPayload } from './report'
import { REPORT_LIMITS, SENSITIVE_CONSENT_MISSING, type ReportKind } from './report-fields'

/** The separate consent of 个人信息保护法 第二十九条, asked only when the draft carries sensitive data. */
export type SensitiveChoice = 'given' | 'declined'

export interface ReportDraft {
  version: 1
  /** The report's Idempotency-Key, made once when the draft starts and kept until it is queued. */
  key: string
  kind: ReportKind
  /** A tip whose reporter leaves no name or phone number; a complaint is always real-name. */
  anonymous: boolean
  reporterName: string
  reporterMobile: string
  reporterResidentId: string
  employerName: string
  employerUscc: string
  districtCode: string
  workAddress: string
  isConstruction: boolean
  constructionProject: string
  workersOwed: string
  amountYuan: string
  /** 'YYYY-MM', or '' until picked. */
  owedFrom: string
  owedTo: string
  description: string
  /** Local paths of the evidence photos, in the order they were added. */
  photos: string[]
  /** null until the person chooses; declining leaves the ID number and photos out of what is sent. */
  sensitiveChoice: SensitiveChoice | null
  truthful: boolean
  /** Epoch milliseconds of the last change. */
  updatedAt: number
}

const KEY = /^[0-9a-f]{32}$/
const KEY_BYTES = 16

const TEXT_FIELDS = [
  'reporterName', 'reporterMobile', 'reporterResidentId', 'employerName', 'employerUscc', 'districtCode', 'workAddress',
  'constructionProject', 'workersOwed', 'amountYuan', 'owedFrom', 'owedTo', 'description',
] as const
const FLAG_FIELDS = ['anonymous', 'isConstruction', 'truthful'] as const

export function newDraft(kind: ReportKind, key: string, now: number): ReportDraft {
  return {
    version: 1,
    key,
    kind,
    anonymous: false,
    reporterName: '',
    reporterMobile: '',
    reporterResidentId: '',
    employerName: '',
    employerUscc: '',
    districtCode: '',
    workAddress: '',
    isConstruction: false,
    constructionProject: '',
    workersOwed: '',
    amountYuan: '',
    owedFrom: '',
    owedTo: '',
    description: '',
    photos: [],
    sensitiveChoice: null,
    truthful: false,
    updatedAt: now,
  }
}

/** 16 random bytes as the 32 hex characters of an Idempotency-Key. */
export function keyFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== KEY_BYTES) throw new RangeError(`Expected ${KEY_BYTES} random bytes, got ${bytes.length}`)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Whether the report carries the reporter's name and phone. */
export function givesPersonalData(draft: ReportDraft): boolean {
  return draft.kind === 'complaint' || !draft.anonymous
}

/** The sensitive personal information the draft would send: an ID number, photos of pay records or bank statements. */
export function sensitiveDataOf(draft: ReportDraft): { residentId: boolean; photos: number } {
  return { residentId: draft.kind === 'complaint' && draft.reporterResidentId.trim() !== '', photos: draft.photos.length }
}

export function carriesSensitiveData(draft: ReportDraft): boolean {
  const { residentId, photos } = sensitiveDataOf(draft)
  return residentId || photos > 0
}

/** The photos that go with the report: none when the person declined the separate consent. */
export function photosToSend(draft: ReportDraft): string[] {
  return draft.sensitiveChoice === 'declined' ? [] : draft.photos
}

/**
 * The form's own rule beside validateReport, which cannot see the photos before they are uploaded:
 * a draft with sensitive data needs the person's choice, either way.
 */
export function sensitiveChoiceProblem(draft: ReportDraft): string | null {
  return carriesSensitiveData(draft) && draft.sensitiveChoice === null ? SENSITIVE_CONSENT_MISSING : null
}

/**
 * What the form sends, without evidenceIds (the outbox adds them after uploading the photos).
 * Inputs the person cannot see are left out: the reporter of an anonymous tip, the ID number of a
 * tip, the project name of a workplace that is not a construction site.
 */
export function payloadOf(draft: ReportDraft): ReportPayload {
  const named = givesPersonalData(draft)
  const declined = draft.sensitiveChoice === 'declined'
  const residentId = sensitiveDataOf(draft).residentId && !declined ? draft.reporterResidentId : null
  return {
    kind: draft.kind,
    reporter: named ? { name: draft.reporterName, mobile: draft.reporterMobile, residentId } : null,
    employer: { name: draft.employerName, uscc: draft.employerUscc.trim() === '' ? null : draft.employerUscc },
    districtCode: draft.districtCode,
    workAddress: draft.workAddress,
    isConstruction: draft.isConstruction,
    constructionProject: draft.isConstruction ? draft.constructionProject : null,
    workersOwed: draft.workersOwed,
    amountYuan: draft.amountYuan,
    owedPeriod: { from: draft.owedFrom, to: draft.owedTo },
    description: draft.description,
    consentSensitive: carriesSensitiveData(draft) && !declined ? draft.sensitiveChoice === 'given' : null,
    truthful: draft.truthful,
  }
}

/**
 * A queued report back in the form, for correcting what the service turned back: payloadOf the
 * other way round. The outbox keeps payloads as the form made them, but storage can hold anything,
 * so a missing or odd value becomes an empty input rather than an error.
 */
export function draftOf(key: string, payload: ReportPayload, photos: readonly string[], now: number): ReportDraft {
  const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '')
  const reporter = payload.reporter ?? null
  const kind: ReportKind = payload.kind === 'tip' ? 'tip' : 'complaint'
  return {
    ...newDraft(kind, key, now),
    anonymous: kind === 'tip' && reporter === null,
    reporterName: text(reporter?.name),
    reporterMobile: text(reporter?.mobile),
    reporterResidentId: text(reporter?.residentId),
    employerName: text(payload.employer?.name),
    employerUscc: text(payload.employer?.uscc),
    districtCode: text(payload.districtCode),
    workAddress: text(payload.workAddress),
    isConstruction: payload.isConstruction === true,
    constructionProject: text(payload.constructionProject),
    workersOwed: text(payload.workersOwed),
    amountYuan: text(payload.amountYuan),
    owedFrom: text(payload.owedPeriod?.from),
    owedTo: text(payload.owedPeriod?.to),
    description: text(payload.description),
    photos: photos.slice(0, REPORT_LIMITS.evidenceIds.max),
    sensitiveChoice: payload.consentSensitive === true ? 'given' : null,
    truthful: payload.truthful === true,
  }
}

/** A draft read back from storage, or null when it is missing, from another version or damaged. */
export function parseDraft(raw: unknown): ReportDraft | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const stored = raw as Record<string, unknown>
  if (stored.version !== 1 || typeof stored.key !== 'string' || !KEY.test(stored.key)) return null
  if (stored.kind !== 'complaint' && stored.kind !== 'tip') return null
  const draft = newDraft(stored.kind, stored.key, typeof stored.updatedAt === 'number' ? stored.updatedAt : 0)
  for (const field of TEXT_FIELDS) {
    const value = stored[field]
    if (typeof value === 'string') draft[field] = value
  }
  for (const field of FLAG_FIELDS) draft[field] = stored[field] === true
  // Drafts saved before the choice could be declined kept a tick: consentSensitive.
  const choice = stored.sensitiveChoice ?? (stored.consentSensitive === true ? 'given' : null)
  draft.sensitiveChoice = choice === 'given' || choice === 'declined' ? choice : null
  if (Array.isArray(stored.photos)) {
    draft.photos = stored.photos.filter((path): path is string => typeof path === 'string' && path !== '').slice(0, REPORT_LIMITS.evidenceIds.max)
  }
  return draft
}

/** The form's inputs, in the order they appear: each is named by the payload path it fills. */
export const FORM_FIELDS = [
  'kind',
  'reporter.name',
  'reporter.mobile',
  'reporter.residentId',
  'employer.name',
  'employer.uscc',
  'districtCode',
  'workAddress',
  'isConstruction',
  'constructionProject',
  'workersOwed',
  'amountYuan',
  'owedPeriod.from',
  'owedPeriod.to',
  'description',
  'evidenceIds',
  'consentSensitive',
  'truthful',
] as const

export type FormField = (typeof FORM_FIELDS)[number]

/** The input that shows a message of validateReport: the field itself, or the first input of its group. */
export function formFieldOf(path: string): FormField {
  const exact = FORM_FIELDS.find((field) => field === path)
  if (exact) return exact
  const group = path.split('.')[0]
  return FORM_FIELDS.find((field) => field.startsWith(`${group}.`) || field === group) ?? 'kind'
}

export interface FieldError {
  field: FormField
  /** The path validateReport named, for describeField. */
  path: string
  message: string
}

// The draft's inputs behind each form field, to tell which fields the person has changed.
const FIELD_INPUTS: Record<FormField, readonly (keyof ReportDraft)[]> = {
  kind: ['kind', 'anonymous'],
  'reporter.name': ['reporterName'],
  'reporter.mobile': ['reporterMobile'],
  'reporter.residentId': ['reporterResidentId'],
  'employer.name': ['employerName'],
  'employer.uscc': ['employerUscc'],
  districtCode: ['districtCode'],
  workAddress: ['workAddress'],
  isConstruction: ['isConstruction'],
  constructionProject: ['constructionProject'],
  workersOwed: ['workersOwed'],
  amountYuan: ['amountYuan'],
  'owedPeriod.from': ['owedFrom'],
  'owedPeriod.to': ['owedTo'],
  description: ['description'],
  evidenceIds: ['photos'],
  consentSensitive: ['sensitiveChoice', 'reporterResidentId', 'photos'],
  truthful: ['truthful'],
}

/** Whether `field` reads the same in both drafts: a message about it still applies. */
export function fieldUnchanged(before: ReportDraft, after: ReportDraft, field: FormField): boolean {
  return FIELD_INPUTS[field].every((input) => JSON.stringify(before[input]) === JSON.stringify(after[input]))
}

/** validateReport's messages by input, in form order; an input with several shows the first. */
export function errorsByField(fields: Record<string, string>): FieldError[] {
  const byField = new Map<FormField, FieldError>()
  for (const [path, message] of Object.entries(fields)) {
    const field = formFieldOf(path)
    if (!byField.has(field)) byField.set(field, { field, path, message })
  }
  return FORM_FIELDS.flatMap((field) => byField.get(field) ?? [])
}

/** The months a wage-arrears period may name, newest first: this month back to the oldest allowed. */
export function reportableMonths(currentMonth: string): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(currentMonth)
  if (!match) throw new RangeError(`Expected a month like 2025-03, got ${currentMonth}`)
  const newest = Number(match[1]) * 12 + Number(match[2]) - 1
  const count = REPORT_LIMITS.owedPeriodYearsBack * 12 + 1
  return Array.from({ length: count }, (_, back) => {
    const index = newest - back
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  })
}

/** '2025-03' → '2025年3月'; anything else is returned as it is. */
export function monthInWords(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  return match ? `${match[1]}年${Number(match[2])}月` : month
}
