import type { RatingBody, TipRatingView, TipStatusView as StatusAnswer } from '../../server/tips/tips.status.schemas'
import type { TipRating } from '../core/tips/rating'
import { request, type HttpResult } from './http'

/**
 * GET /api/v1/tips/{code}: where a report stands, for its reporter (no personal data in it). A service
 * older than the 立案 date, the citations and the rating answers without them: the app reads them as optional.
 */
export type TipStatusView = Omit<StatusAnswer, 'acceptedOn' | 'citations' | 'rating' | 'outcome'> & Partial<Pick<StatusAnswer, 'acceptedOn' | 'citations' | 'rating' | 'outcome'>>

/** The verifier travels in a header, never in the address, so that it stays out of logs. */
export function lookUpTip(trackingCode: string, verifier: string): Promise<HttpResult<TipStatusView>> {
  return request<TipStatusView>({
    method: 'GET',
    path: `/api/v1/tips/${encodeURIComponent(trackingCode)}`,
    headers: { 'X-Tip-Verifier': verifier },
  })
}

/** 办结 once, the reporter rates the handling: POST /api/v1/tips/{code}/rating with the same verifier. */
export function rateTip(trackingCode: string, verifier: string, rating: TipRating, comment: string): Promise<HttpResult<TipRatingView>> {
  return request<TipRatingView>({
    method: 'POST',
    path: `/api/v1/tips/${encodeURIComponent(trackingCode)}/rating`,
    headers: { 'X-Tip-Verifier': verifier },
    body: { rating, comment: comment.trim() === '' ? null : comment } satisfies RatingBody,
  })
}
