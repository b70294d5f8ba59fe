import type { FeedbackBody, FeedbackReceived } from '../../server/feedback/feedback.schemas'
import type { QueuedFeedback } from '../core/feedback-outbox'
import { deviceHeader } from './device-id'
import { request, type HttpResult } from './http'

interface SendOptions {
  /** The outbox id of this feedback, the same on every attempt: the service then stores it once. */
  idempotencyKey: string
  timeoutMs?: number
}

/** The phone number left for a reply (`contact`) is stored encrypted by the service and never sent back. */
export function sendFeedback(
  { kind, content, questionId, contact }: Pick<QueuedFeedback, 'kind' | 'content' | 'questionId' | 'contact'>,
  { idempotencyKey, timeoutMs }: SendOptions,
): Promise<HttpResult<FeedbackReceived>> {
  return request<FeedbackReceived>({
    method: 'POST',
    path: '/api/v1/feedback',
    body: { kind, content, ...(questionId ? { questionId } : {}), ...(contact ? { contact } : {}) } satisfies FeedbackBody,
    headers: { 'Idempotency-Key': idempotencyKey, ...deviceHeader() },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  })
}
