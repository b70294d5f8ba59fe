import type { FeedbackInbox, FeedbackItemView, FeedbackStatusBody } from '../../../server/feedback/feedback-inbox.schemas'
import type { QuestionBankPage } from '../../../server/quiz/question-bank.schemas'
import { request } from './client'

// The 纠错和投诉建议 inbox and the question bank; types from the service's schemas.
export type { FeedbackInbox, FeedbackItemView } from '../../../server/feedback/feedback-inbox.schemas'
export type { BankQuestionView, QuestionBankPage } from '../../../server/quiz/question-bank.schemas'

export function listFeedback(query: URLSearchParams): Promise<FeedbackInbox> {
  return request<FeedbackInbox>('GET', withQuery('/admin/feedback', query))
}

export function setFeedbackStatus(id: string, body: FeedbackStatusBody): Promise<FeedbackItemView> {
  return request<FeedbackItemView>('POST', `/admin/feedback/${encodeURIComponent(id)}/status`, body)
}

/** The address of the export file, fetched by the browser itself as a download (see workspace.ts). */
export function feedbackExportHref(query: URLSearchParams): string {
  return `/api/v1${withQuery('/admin/feedback/export', query)}`
}

export function listQuestionBank(query: URLSearchParams): Promise<QuestionBankPage> {
  return request<QuestionBankPage>('GET', withQuery('/admin/question-bank', query))
}

function withQuery(path: string, query: URLSearchParams): string {
  const text = query.toString()
  return text === '' ? path : `${path}?${text}`
}
