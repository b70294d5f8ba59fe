// One valid wage-arrears report, as the app sends it: what the core, server, app and browser tests
// start from (each changes only what its case is about).
import type { ReportPayload } from '../../src/core/tips/report'

export const NAME = '张小三'
export const MOBILE = '13800138000'
export const RESIDENT_ID = '11010519491231002X'

export function complaintPayload(overrides: Partial<ReportPayload> = {}): ReportPayload {
  return {
    kind: 'complaint',
    reporter: { name: NAME, mobile: MOBILE, residentId: RESIDENT_ID },
    employer: { name: '某某建筑劳务有限公司', uscc: '91440300708461136T' },
    districtCode: '440103',
    workAddress: '荔湾区中山八路100号',
    isConstruction: true,
    constructionProject: '荔湾新城三期',
    workersOwed: 12,
    amountYuan: '86400.00',
    owedPeriod: { from: '2025-10', to: '2026-01' },
    description: '从去年十月起一直没有发工资，老板说等工程款到了再发。',
    consentSensitive: true,
    truthful: true,
    ...overrides,
  }
}

/** The same report as an anonymous 举报: no reporter, so no consent to sensitive data either. */
export function anonymousTipPayload(overrides: Partial<ReportPayload> = {}): ReportPayload {
  const { reporter: _reporter, consentSensitive: _consent, ...rest } = complaintPayload()
  return { ...rest, kind: 'tip', reporter: null, ...overrides }
}
