/**
 * Feedback waiting on the phone until the service has it: 投诉建议 and 纠错 (a report about a
 * practice question, src/core/quiz/question-report.ts) alike, both sent to POST /api/v1/feedback.
 * Every item gets one id when it is queued and keeps it on every attempt (the Idempotency-Key),
 * so the service stores it once however often it is sent. The queue rules (backoff, an attempt
 * cut short, 立即重试) are the wage-report outbox's, in src/core/tips/outbox.ts; IO stays outside:
 * src/services/feedback-outbox.ts performs the sends.
 */
import { FEEDBACK_KINDS, type FeedbackKind } from './feedback'
import { interrupted, isRetryable, waitAfterFailure, type OutboxFailure } from './tips/outbox'

/** waiting: will be sent at nextAttemptAt or sooner; sending: under way; sent: the service has it; refused: it never will. */
export type QueuedFeedbackState = 'waiting' | 'sending' | 'sent' | 'refused'

export const QUEUED_FEEDBACK_STATE_LABELS: Record<QueuedFeedbackState, string> = {
  waiting: '待发送',
  sending: '发送中',
  sent: '已发送',
  refused: '未能发送',
}

export interface QueuedFeedback {
  /** Made once when the item is queued; sent as Idempotency-Key on every attempt. */
  id: string
  kind: FeedbackKind
  /** Emptied once sent: the service keeps the text, the phone only needs the state. */
  content: string
  /** The practice question a 纠错 is about; null for other feedback. */
  questionId: string | null
  /** The phone number left for a reply (digits), if any; forgotten once sent, like the text. */
  contact: string | null
  createdAt: number
  state: QueuedFeedbackState
  /** Failed attempts in a row; the next wait grows with it. */
  attempts: number
  nextAttemptAt: number | null
  /** Why the last attempt did not get through, in plain Chinese. */
  lastError: string | null
  sentAt: number | null
}

export interface FeedbackToSend {
  kind: FeedbackKind
  content: string
  questionId?: string | null
  contact?: string | null
}

/** Sent items kept as the device's record; older ones are dropped as new ones are sent. */
export const SENT_FEEDBACK_KEPT = 50

const MESSAGES = {
  offline: '网络连接失败，网络恢复后会自动发送',
  unavailable: '服务暂时不可用，稍后会自动重新发送',
} as const

export function newQueuedFeedback(id: string, { kind, content, questionId = null, contact = null }: FeedbackToSend, now: number): QueuedFeedback {
  return { id, kind, content, questionId, contact, createdAt: now, state: 'waiting', attempts: 0, nextAttemptAt: now, lastError: null, sentAt: null }
}

/** Whether the item should be sent at `now`. */
export function isDue(item: QueuedFeedback, now: number): boolean {
  if (item.state === 'sending') return true
  return item.state === 'waiting' && (item.nextAttemptAt === null || item.nextAttemptAt <= now)
}

export function feedbackSent(item: QueuedFeedback, now: number): QueuedFeedback {
  return { ...item, state: 'sent', content: '', contact: null, sentAt: now, nextAttemptAt: null, lastError: null }
}

/** No answer or a passing fault: try again after the backoff. Anything else the service refused for good. */
export function sendFailed(item: QueuedFeedback, failure: OutboxFailure, now: number, random: () => number): QueuedFeedback {
  if (!isRetryable(failure)) {
    const lastError = failure.fields.content ?? failure.fields.contact ?? failure.message
    return { ...item, state: 'refused', nextAttemptAt: null, lastError }
  }
  const lastError = failure.status === null ? MESSAGES.offline : failure.status === 429 ? failure.message : MESSAGES.unavailable
  return { ...waitAfterFailure(item, failure, now, random), lastError }
}

/** A few words for the person: 「待发送（网络连接失败，网络恢复后会自动发送）」, 「已发送」… */
export function describeQueuedFeedback(item: QueuedFeedback): string {
  const label = QUEUED_FEEDBACK_STATE_LABELS[item.state]
  if (item.state === 'sent' || item.state === 'sending' || item.lastError === null) return label
  return `${label}（${item.lastError}）`
}

/** The items to keep after `items` changed: every unsent one, and the newest sent ones. */
export function keepRecent(items: readonly QueuedFeedback[]): QueuedFeedback[] {
  const sent = items.filter((item) => item.state === 'sent').sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0))
  const dropped = new Set(sent.slice(SENT_FEEDBACK_KEPT).map((item) => item.id))
  return items.filter((item) => !dropped.has(item.id))
}

/** Storage can hold anything: keep whole items; one that was being sent when the app closed waits again. */
export function restoreQueuedFeedback(raw: unknown, now: number): QueuedFeedback[] {
  if (!Array.isArray(raw)) return []
  return raw.flatMap((value: unknown) => {
    const item = upgraded(value)
    return item === null ? [] : [interrupted(item, now)]
  })
}

const STATES = Object.keys(QUEUED_FEEDBACK_STATE_LABELS) as QueuedFeedbackState[]

/**
 * A stored item as this version keeps it, or null when it is not whole. 纠错 reports stored
 * before 投诉建议 shared this outbox have no kind and no contact: they are question reports
 * without a contact.
 */
function upgraded(value: unknown): QueuedFeedback | null {
  if (typeof value !== 'object' || value === null) return null
  const stored = value as Partial<Record<keyof QueuedFeedback, unknown>>
  const item = {
    ...stored,
    kind: stored.kind === undefined && typeof stored.questionId === 'string' ? 'question_report' : stored.kind,
    contact: stored.contact === undefined ? null : stored.contact,
  }
  return isQueuedFeedback(item) ? item : null
}

function isQueuedFeedback(value: Partial<Record<keyof QueuedFeedback, unknown>>): value is QueuedFeedback {
  const numberOrNull = (field: unknown) => field === null || typeof field === 'number'
  const stringOrNull = (field: unknown) => field === null || typeof field === 'string'
  return (
    typeof value.id === 'string' &&
    value.id.length > 0 &&
    (FEEDBACK_KINDS as readonly unknown[]).includes(value.kind) &&
    typeof value.content === 'string' &&
    stringOrNull(value.questionId) &&
    (value.kind !== 'question_report' || typeof value.questionId === 'string') &&
    stringOrNull(value.contact) &&
    typeof value.createdAt === 'number' &&
    STATES.includes(value.state as QueuedFeedbackState) &&
    typeof value.attempts === 'number' &&
    numberOrNull(value.nextAttemptAt) &&
    stringOrNull(value.lastError) &&
    numberOrNull(value.sentAt)
  )
}
