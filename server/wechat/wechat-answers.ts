// Answers every WeChat route gives when WeChat itself is the problem, worded once.
import type { FastifyReply } from 'fastify'

import { ServiceBusyError, type AppError } from '../errors'

/** Seconds the app is asked to wait when WeChat does not answer. */
export const WECHAT_RETRY_AFTER_SECONDS = 30

/** WeChat did not answer (network, timeout, busy): 503 with Retry-After. */
export function weChatUnavailable(reply: FastifyReply): AppError {
  reply.header('retry-after', String(WECHAT_RETRY_AFTER_SECONDS))
  return new ServiceBusyError(503, 'wechat_unavailable', '暂时连不上微信，请稍后再试')
}
