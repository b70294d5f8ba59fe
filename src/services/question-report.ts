/**
 * The 纠错 outbox: a report about a practice question waits on the device until the service has
 * it (feedback-outbox.ts does the sending, as for 投诉建议).
 */
import type { QuestionReport } from '../core/quiz/question-report'
import { feedbackOutbox } from './feedback-outbox'

export type { QuestionReport } from '../core/quiz/question-report'

const outbox = feedbackOutbox({
  storageKey: 'pufa.quiz.reports',
  storageFullMessage: '手机存储空间不足，纠错没有保存。请清理手机空间后再提交。',
})

/**
 * Queues a report about the question (content as composeQuestionReport made it) and starts
 * sending it. Throws FeedbackStorageError when the device cannot keep it.
 */
export function queueQuestionReport(questionId: string, content: string): QuestionReport {
  return outbox.queue({ kind: 'question_report', content, questionId })
}

/** Every report kept on the device, oldest first; the same array until something changes. */
export const listQuestionReports = outbox.list
export const subscribeQuestionReports = outbox.subscribe
export const flushQuestionReports = outbox.flush
export const startQuestionReports = outbox.start
export const stopQuestionReports = outbox.stop
export const reloadQuestionReports = outbox.reload
