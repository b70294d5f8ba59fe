import type { ReporterMessageList } from '../../server/conversation/conversation.schemas'
import type { RatingBody, TipRatingView, TipStatusView as StatusAnswer } from '../../server/tips/tips.status.schemas'
import type { TipRating } from '../core/tips/rating'
import { deviceHeader } from './device-id'
import { request, type HttpResult } from './http'
import { withWeChatSession } from './wechat-session'

/**
 * GET /api/v1/tips/{code}: where a report stands, for its reporter (no personal data in it). A service
 * older than the 立案 date, the citations, the rating, the outcome and the messages answers without them: the app
 * reads them as optional.
 */
export type TipStatusView = Omit<StatusAnswer, 'acceptedOn' | 'citations' | 'rating' | 'outcome' | 'messages'> &
  Partial<Pick<StatusAnswer, 'acceptedOn' | 'citations' | 'rating' | 'outcome' | 'messages'>>

export type ReporterMessage = ReporterMessageList['items'][number]

/** GET /api/v1/tips/{code}/messages: what staff and the reporter wrote, oldest first. */
export function fetchMessages(trackingCode: string, verifier: string): Promise<HttpResult<ReporterMessageList>> {
  return withWeChatSession((session) =>
    request<ReporterMessageList>({
      method: 'GET',
      path: `/api/v1/tips/${encodeURIComponent(trackingCode)}/messages`,
      headers: { 'X-Tip-Verifier': verifier, ...deviceHeader(), ...session },
    }),
  )
}

/**
 * The verifier travels in a header, never in the address, so that it stays out of logs. In WeChat
 * the session goes too: the person who sent the report needs no verifier ('' then).
 */
export function lookUpTip(trackingCode: string, verifier: string): Promise<HttpResult<TipStatusView>> {
  return withWeChatSession((session) =>
    request<TipStatusView>({
      method: 'GET',
      path: `/api/v1/tips/${encodeURIComponent(trackingCode)}`,
      headers: { 'X-Tip-Verifier': verifier, ...deviceHeader(), ...session },
    }),
  )
}

/** 办结 once, the reporter rates the handling: POST /api/v1/tips/{code}/rating with the same verifier. */
export function rateTip(trackingCode: string, verifier: string, rating: TipRating, comment: string): Promise<HttpResult<TipRatingView>> {
  return withWeChatSession((session) =>
    request<TipRatingView>({
      method: 'POST',
      path: `/api/v1/tips/${encodeURIComponent(trackingCode)}/rating`,
      headers: { 'X-Tip-Verifier': verifier, ...deviceHeader(), ...session },
      body: { rating, comment: comment.trim() === '' ? null : comment } satisfies RatingBody,
    }),
  )
}
