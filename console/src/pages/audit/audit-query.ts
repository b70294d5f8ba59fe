// The audit page's filters and paging as the address holds them and the service takes them.
import type { AuditFilter, ExportFormat } from '../../../../server/admin/workspace.schemas'
import { AUDIT_ACTIONS } from '../../../../src/core/staff/audit-actions'
import { dateText, oneOf, queryFrom, wholeNumber, words } from '../../list-query'

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const
const PAGE_SIZE = 50

export interface AuditState extends AuditFilter {
  page: number
  pageSize: number
}

export function readAuditState(query: URLSearchParams): AuditState {
  return {
    staffId: words(query.get('staffId'), 64),
    action: oneOf(AUDIT_ACTIONS, query.get('action')),
    tipId: words(query.get('tipId'), 64),
    trackingCode: words(query.get('trackingCode'), 64),
    from: dateText(query.get('from')),
    to: dateText(query.get('to')),
    page: wholeNumber(query.get('page'), 1) ?? 1,
    pageSize: oneOf(AUDIT_PAGE_SIZES.map(String), query.get('pageSize')) === undefined ? PAGE_SIZE : Number(query.get('pageSize')),
  }
}

function filterValues(state: AuditState): Record<keyof AuditFilter, string | undefined> {
  return { staffId: state.staffId, action: state.action, tipId: state.tipId, trackingCode: state.trackingCode, from: state.from, to: state.to }
}

export function auditQuery(state: AuditState): URLSearchParams {
  return queryFrom({ ...filterValues(state), page: state.page, pageSize: state.pageSize }, { page: 1, pageSize: PAGE_SIZE })
}

export function auditExportQuery(state: AuditState, format: ExportFormat): URLSearchParams {
  return queryFrom({ format, ...filterValues(state) })
}
