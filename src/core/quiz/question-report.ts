/**
 * "Report this question" (纠错, DESIGN.md section 5): what the person writes. A report waits on
 * the phone in the feedback outbox (src/core/feedback-outbox.ts) until the service has it.
 */
import { checkFeedbackContent, FEEDBACK_MAX_CHARS } from '../feedback'
import { fail, type Check } from '../check'
import { cleanText } from '../text-rules'
import { newQueuedFeedback, type QueuedFeedback } from '../feedback-outbox'

export const QUESTION_REPORT_REASONS = ['答案有误', '解析有误', '法律依据有误或已失效', '题目表述不清', '其他问题'] as const
export type QuestionReportReason = (typeof QUESTION_REPORT_REASONS)[number]

const prefixOf = (reason: QuestionReportReason) => `【${reason}】`

/** What the person may write: the feedback limit less the longest reason put in front of it. */
export const QUESTION_REPORT_MAX_CHARS = FEEDBACK_MAX_CHARS - Math.max(...QUESTION_REPORT_REASONS.map((reason) => Array.from(prefixOf(reason)).length))

/** The text sent to the service, 「【答案有误】…」, or what the person must fix in what they wrote. */
export function composeQuestionReport(reason: QuestionReportReason, written: string): Check<string> {
  const cleaned = cleanText(written, { label: '内容' })
  if (!cleaned.ok) return cleaned
  const text = cleaned.value
  if (text.length === 0) return fail('请写一写哪里有误，比如正确的说法或应当依据的法条')
  if (Array.from(text).length > QUESTION_REPORT_MAX_CHARS) return fail(`说明请不超过${QUESTION_REPORT_MAX_CHARS}字`)
  const checked = checkFeedbackContent(text)
  return checked.ok ? checkFeedbackContent(`${prefixOf(reason)}${checked.value}`) : checked
}

/** A 纠错 in the outbox: feedback of kind question_report, with the question's id. */
export type QuestionReport = QueuedFeedback

export function newQuestionReport(id: string, questionId: string, content: string, now: number): QuestionReport {
  return newQueuedFeedback(id, { kind: 'question_report', content, questionId }, now)
}

/** The newest report about this question, if the person made one. */
export function latestReportFor(reports: readonly QuestionReport[], questionId: string): QuestionReport | null {
  return reports.filter((report) => report.questionId === questionId).reduce<QuestionReport | null>((latest, report) => (latest === null || report.createdAt >= latest.createdAt ? report : latest), null)
}
