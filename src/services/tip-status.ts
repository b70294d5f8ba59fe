import type { ReportDeadlines } from '../core/tips/deadlines'
import { request, type HttpResult } from './http'

/** GET /api/v1/tips/{code}: where a report stands, for its reporter (no personal data in it). */
export interface TipStatusView {
  trackingCode: string
  kind: 'complaint' | 'tip'
  status: string
  districtCode: string
  submittedAt: string
  timeline: { status: string; at: string; note: string | null }[]
  deadlines: ReportDeadlines
  citations?: { acceptance: string; investigation: string }
}

/** The verifier travels in a header, never in the address, so that it stays out of logs. */
export function lookUpTip(trackingCode: string, verifier: string): Promise<HttpResult<TipStatusView>> {
  return request<TipStatusView>({
    method: 'GET',
    path: `/api/v1/tips/${encodeURIComponent(trackingCode)}`,
    headers: { 'X-Tip-Verifier': verifier },
  })
}
