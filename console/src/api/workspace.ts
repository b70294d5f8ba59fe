import type { AuditPage, StaffDirectory, TipInbox } from '../../../server/admin/workspace.schemas'
import { request } from './client'

// The staff reports workspace API (list, exports, audit log); types from the service's schemas.
export type { AuditEntryView, AuditPage, StaffDirectory, TipClock, TipInbox, TipInboxItem } from '../../../server/admin/workspace.schemas'

export function listReports(query: URLSearchParams): Promise<TipInbox> {
  return request<TipInbox>('GET', withQuery('/admin/tips', query))
}

export function listAudit(query: URLSearchParams): Promise<AuditPage> {
  return request<AuditPage>('GET', withQuery('/admin/audit', query))
}

export function readStaffDirectory(): Promise<StaffDirectory> {
  return request<StaffDirectory>('GET', '/admin/staff-directory')
}

/**
 * The address of an export file: fetched by the browser itself as a download (same origin, the
 * session cookie), so a large file is written to disk as it arrives rather than held in memory.
 */
export function reportsExportHref(query: URLSearchParams): string {
  return `/api/v1${withQuery('/admin/tips/export', query)}`
}

export function auditExportHref(query: URLSearchParams): string {
  return `/api/v1${withQuery('/admin/audit/export', query)}`
}

function withQuery(path: string, query: URLSearchParams): string {
  const text = query.toString()
  return text === '' ? path : `${path}?${text}`
}
