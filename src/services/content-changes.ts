import { parseChangesPage, type ChangesResponse } from '../core/sync/protocol'
import { request } from './http'

/** One request to the delta-sync endpoint, its answer classified for the sync engine. */
export async function fetchChanges(since: string | null, etag: string | null, limit: number): Promise<ChangesResponse> {
  const query = `${since === null ? '' : `since=${encodeURIComponent(since)}&`}limit=${limit}`
  const result = await request<unknown>({
    method: 'GET',
    path: `/api/v1/content/changes?${query}`,
    headers: etag === null ? {} : { 'If-None-Match': etag },
  })
  if (result.ok) {
    const page = parseChangesPage(result.data)
    return page === null ? { kind: 'failed', status: result.status } : { kind: 'page', page, etag: result.headers.etag ?? null }
  }
  if (result.status === null) return { kind: 'unreachable' }
  if (result.status === 304) return { kind: 'not-modified' }
  // 400 is a cursor the server cannot read: starting over is the only way forward, as for 410.
  if (result.status === 410 || result.status === 400) return { kind: 'gone' }
  return { kind: 'failed', status: result.status }
}
