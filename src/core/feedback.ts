import { fail, pass, type Check } from './check'
import { cleanText } from './text-rules'
import { checkPhone } from './validators/phone'

/** What can be sent to POST /api/v1/feedback: 意见建议, 投诉 and 纠错 of a practice question. */
export const FEEDBACK_KINDS = ['suggestion', 'complaint', 'question_report'] as const
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

export const FEEDBACK_MIN_CHARS = 5
export const FEEDBACK_MAX_CHARS = 1000

/** The rule for feedback text, shared by the app's form and the server's verdict. */
export function checkFeedbackContent(input: string): Check<string> {
  const cleaned = cleanText(input, { label: '内容' })
  if (!cleaned.ok) return cleaned
  const length = Array.from(cleaned.value).length
  if (length === 0) return fail('请填写您的意见或建议')
  if (length < FEEDBACK_MIN_CHARS) return fail(`请至少写${FEEDBACK_MIN_CHARS}个字`)
  if (length > FEEDBACK_MAX_CHARS) return fail(`内容请不超过${FEEDBACK_MAX_CHARS}字`)
  return cleaned
}

/**
 * The phone number a person may leave with 投诉建议, as the digits to store; null when left blank
 * (it is optional). Shared by the form and the server, like the content rule.
 */
export function checkFeedbackContact(input: string): Check<string | null> {
  if (input.trim() === '') return pass(null)
  return checkPhone(input)
}
