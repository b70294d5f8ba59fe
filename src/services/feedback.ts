import { request, type HttpResult } from './http'

export type FeedbackKind = 'suggestion' | 'complaint' | 'question_report'

export interface FeedbackReceipt {
  id: string
  receivedAt: string
}

interface SendOptions {
  /** An id made once per piece of feedback and sent on every attempt: the service then stores it once. */
  clientId?: string
  timeoutMs?: number
}

export function sendFeedback(kind: FeedbackKind, content: string, questionId?: string, { clientId, timeoutMs }: SendOptions = {}): Promise<HttpResult<FeedbackReceipt>> {
  return request<FeedbackReceipt>({
    method: 'POST',
    path: '/api/v1/feedback',
    body: { kind, content, questionId },
    ...(clientId === undefined ? {} : { headers: { 'Idempotency-Key': clientId } }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  })
}
