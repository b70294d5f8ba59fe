import type { ApplicableDeadlines } from '../core/tips/deadlines'
import type { TipRating } from '../core/tips/rating'
import { request, type HttpResult } from './http'

/** GET /api/v1/tips/{code}: where a report stands, for its reporter (no personal data in it). */
export interface TipStatusView {
  trackingCode: string
  kind: 'complaint' | 'tip'
  status: string
  districtCode: string
  submittedAt: string
  /** The China date the report was accepted (立案), or null; absent from an older service. */
  acceptedOn?: string | null
  timeline: { status: string; at: string; note: string | null }[]
  deadlines: ApplicableDeadlines
  citations?: { acceptance: string; investigation: string }
  rating?: TipRatingView | null
}

export interface TipRatingView {
  value: TipRating
  comment: string | null
  ratedAt: string
}

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
    body: { rating, comment: comment.trim() === '' ? null : comment },
  })
}
