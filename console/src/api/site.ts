import type { SiteSummary } from '../../../server/content/site.schemas'
import { request } from './client'

export type { SiteSummary }

export function readSite(): Promise<SiteSummary> {
  return request<SiteSummary>('GET', '/site')
}

/** A district's name for people; its code when the site settings do not list it. */
export function districtName(site: SiteSummary | undefined, code: string): string {
  return site?.districts.find((district) => district.code === code)?.name ?? code
}
