import type { Figures } from '../../../server/admin/figures.schemas'
import { request } from './client'

export type { Figures }

/** The figures of a period (from, to, district as the service's query takes them). */
export function readFigures(query: URLSearchParams): Promise<Figures> {
  return request<Figures>('GET', `/admin/figures?${query.toString()}`)
}

/** The xlsx of the same figures, one sheet per table. */
export function figuresExportHref(query: URLSearchParams): string {
  return `/api/v1/admin/figures/export?${query.toString()}`
}
