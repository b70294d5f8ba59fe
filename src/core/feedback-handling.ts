// How staff handle 投诉建议 and 纠错 in the console's inbox: the kinds and states, by their names for people.
import type { FeedbackKind } from './feedback'

export const FEEDBACK_KIND_NAMES: Readonly<Record<FeedbackKind, string>> = {
  suggestion: '意见建议',
  complaint: '投诉',
  question_report: '题目纠错',
}

/** open: waiting for staff; handled: dealt with (a question corrected, a reply given); declined: not taken up. */
export const FEEDBACK_STATUSES = ['open', 'handled', 'declined'] as const
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number]

export const FEEDBACK_STATUS_NAMES: Readonly<Record<FeedbackStatus, string>> = {
  open: '待处理',
  handled: '已处理',
  declined: '不采纳',
}

/** The staff note on a feedback item, at most this many characters. */
export const FEEDBACK_NOTE_MAX = 500

export function isFeedbackStatus(value: unknown): value is FeedbackStatus {
  return typeof value === 'string' && (FEEDBACK_STATUSES as readonly string[]).includes(value)
}
