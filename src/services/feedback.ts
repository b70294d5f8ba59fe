import { request, type HttpResult } from './http'

export type FeedbackKind = 'suggestion' | 'complaint' | 'question_report'

export interface FeedbackReceipt {
  id: string
  receivedAt: string
}

export function sendFeedback(kind: FeedbackKind, content: string, questionId?: string): Promise<HttpResult<FeedbackReceipt>> {
  return request<FeedbackReceipt>({ method: 'POST', path: '/api/v1/feedback', body: { kind, content, questionId } })
}
