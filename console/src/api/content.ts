import type { ContentSourceList, ExplainerPage, ExplainerView, IngestNowResult } from '../../../server/admin/content-admin.schemas'
import { request } from './client'

// Content sources and explainers (content.manage); types from the service's schemas.
export type { ContentSourceList, ContentSourceView, ExplainerPage, ExplainerSummary, ExplainerView, IngestNowResult } from '../../../server/admin/content-admin.schemas'

export function listSources(): Promise<ContentSourceList> {
  return request<ContentSourceList>('GET', '/admin/content-sources')
}

export function ingestNow(name: string): Promise<IngestNowResult> {
  return request<IngestNowResult>('POST', '/admin/content-sources/ingest', { name })
}

export function listExplainers(query: URLSearchParams): Promise<ExplainerPage> {
  const text = query.toString()
  return request<ExplainerPage>('GET', text === '' ? '/admin/explainers' : `/admin/explainers?${text}`)
}

export function readExplainer(id: string): Promise<ExplainerView> {
  return request<ExplainerView>('GET', `/admin/explainers/${encodeURIComponent(id)}`)
}
