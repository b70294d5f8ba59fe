/**
 * "Report this question" (纠错, DESIGN.md section 5): what the person writes, and the outbox that
 * holds each report on the phone until the service has it. Like the wage-report outbox
 * (src/core/tips/outbox.ts, whose backoff and retry rules it shares) every report gets one id
 * when it is made and keeps it on every attempt, so the service stores it once however often it
 * is sent. IO stays outside: src/services/question-report.ts performs the sends.
 */
import { checkFeedbackContent, FEEDBACK_MAX_CHARS } from '../feedback'
import { fail, type Check } from '../check'
import { interrupted, isRetryable, waitAfterFailure, type OutboxFailure } from '../tips/outbox'

export const QUESTION_REPORT_REASONS = ['答案有误', '解析有误', '法律依据有误或已失效', '题目表述不清', '其他问题'] as const
export type QuestionReportReason = (typeof QUESTION_REPORT_REASONS)[number]

const prefixOf = (reason: QuestionReportReason) => `【${reason}】`

/** What the person may write: the feedback limit less the longest reason put in front of it. */
export const QUESTION_REPORT_MAX_CHARS = FEEDBACK_MAX_CHARS - Math.max(...QUESTION_REPORT_REASONS.map((reason) => Array.from(prefixOf(reason)).length))

/** The text sent to the service, 「【答案有误】…」, or what the person must fix in what they wrote. */
export function composeQuestionReport(reason: QuestionReportReason, written: string): Check<string> {
  const text = written.trim()
  if (text.length === 0) return fail('请写一写哪里有误，比如正确的说法或应当依据的法条')
  if (Array.from(text).length > QUESTION_REPORT_MAX_CHARS) return fail(`说明请不超过${QUESTION_REPORT_MAX_CHARS}字`)
  const checked = checkFeedbackContent(text)
  return checked.ok ? checkFeedbackContent(`${prefixOf(reason)}${checked.value}`) : checked
}

/** waiting: will be sent at nextAttemptAt or sooner; sending: under way; sent: the service has it; refused: it never will. */
export type QuestionReportState = 'waiting' | 'sending' | 'sent' | 'refused'

export const QUESTION_REPORT_STATE_LABELS: Record<QuestionReportState, string> = {
  waiting: '待发送',
  sending: '发送中',
  sent: '已发送',
  refused: '未能发送',
}

/** A few words for the person: 「待发送（网络连接失败，网络恢复后会自动发送）」, 「已发送」… */
export function describeQuestionReport(report: QuestionReport): string {
  const label = QUESTION_REPORT_STATE_LABELS[report.state]
  if (report.state === 'sent' || report.state === 'sending' || report.lastError === null) return label
  return `${label}（${report.lastError}）`
}

export interface QuestionReport {
  /** Made once when the report is queued; sent as Idempotency-Key on every attempt. */
  id: string
  questionId: string
  /** Emptied once sent: the service keeps the text, the phone only needs the state. */
  content: string
  createdAt: number
  state: QuestionReportState
  /** Failed attempts in a row; the next wait grows with it. */
  attempts: number
  nextAttemptAt: number | null
  /** Why the last attempt did not get through, in plain Chinese. */
  lastError: string | null
  sentAt: number | null
}

/** Sent reports kept as the device's record; older ones are dropped as new ones are sent. */
export const SENT_REPORTS_KEPT = 50

const MESSAGES = {
  offline: '网络连接失败，网络恢复后会自动发送',
  unavailable: '服务暂时不可用，稍后会自动重新发送',
} as const

export function newQuestionReport(id: string, questionId: string, content: string, now: number): QuestionReport {
  return { id, questionId, content, createdAt: now, state: 'waiting', attempts: 0, nextAttemptAt: now, lastError: null, sentAt: null }
}

/** Whether the report should be sent at `now`. */
export function isDue(report: QuestionReport, now: number): boolean {
  if (report.state === 'sending') return true
  return report.state === 'waiting' && (report.nextAttemptAt === null || report.nextAttemptAt <= now)
}

export function reportSent(report: QuestionReport, now: number): QuestionReport {
  return { ...report, state: 'sent', content: '', sentAt: now, nextAttemptAt: null, lastError: null }
}

/** No answer or a passing fault: try again after the backoff. Anything else the service refused for good. */
export function sendFailed(report: QuestionReport, failure: OutboxFailure, now: number, random: () => number): QuestionReport {
  if (!isRetryable(failure)) return { ...report, state: 'refused', nextAttemptAt: null, lastError: failure.fields.content ?? failure.message }
  const lastError = failure.status === null ? MESSAGES.offline : failure.status === 429 ? failure.message : MESSAGES.unavailable
  return { ...waitAfterFailure(report, failure, now, random), lastError }
}

/** The reports to keep after `reports` changed: every unsent one, and the newest sent ones. */
export function keepRecent(reports: readonly QuestionReport[]): QuestionReport[] {
  const sent = reports.filter((report) => report.state === 'sent').sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0))
  const dropped = new Set(sent.slice(SENT_REPORTS_KEPT).map((report) => report.id))
  return reports.filter((report) => !dropped.has(report.id))
}

/** Storage can hold anything: keep whole reports; one that was being sent when the app closed waits again. */
export function restoreQuestionReports(raw: unknown, now: number): QuestionReport[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(isQuestionReport).map((report) => interrupted(report, now))
}

/** The newest report about this question, if the person made one. */
export function latestReportFor(reports: readonly QuestionReport[], questionId: string): QuestionReport | null {
  return reports.filter((report) => report.questionId === questionId).reduce<QuestionReport | null>((latest, report) => (latest === null || report.createdAt >= latest.createdAt ? report : latest), null)
}

const STATES = Object.keys(QUESTION_REPORT_STATE_LABELS) as QuestionReportState[]

function isQuestionReport(value: unknown): value is QuestionReport {
  if (typeof value !== 'object' || value === null) return false
  const report = value as Partial<Record<keyof QuestionReport, unknown>>
  const numberOrNull = (field: unknown) => field === null || typeof field === 'number'
  return (
    typeof report.id === 'string' &&
    report.id.length > 0 &&
    typeof report.questionId === 'string' &&
    typeof report.content === 'string' &&
    typeof report.createdAt === 'number' &&
    STATES.includes(report.state as QuestionReportState) &&
    typeof report.attempts === 'number' &&
    numberOrNull(report.nextAttemptAt) &&
    (report.lastError === null || typeof report.lastError === 'string') &&
    numberOrNull(report.sentAt)
  )
}
