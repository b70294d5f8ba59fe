import type { FeedbackKind } from '../core/feedback'
import { request, type HttpResult } from './http'

export interface FeedbackReceipt {
  id: string
  receivedAt: string
}

interface FeedbackBody {
  kind: FeedbackKind
  content: string
  questionId?: string | null
  /** The phone number left for a reply; the service stores it encrypted and never sends it back. */
  contact?: string | null
}

interface SendOptions {
  /** The outbox id of this feedback, the same on every attempt: the service then stores it once. */
  idempotencyKey: string
  timeoutMs?: number
}

export function sendFeedback({ kind, content, questionId, contact }: FeedbackBody, { idempotencyKey, timeoutMs }: SendOptions): Promise<HttpResult<FeedbackReceipt>> {
  return request<FeedbackReceipt>({
    method: 'POST',
    path: '/api/v1/feedback',
    body: { kind, content, ...(questionId ? { questionId } : {}), ...(contact ? { contact } : {}) },
    headers: { 'Idempotency-Key': idempotencyKey },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  })
}
