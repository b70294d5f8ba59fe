import { formatChineseDate } from '../format-date'
import type { Policy } from './model'

/** The facts an explainer's page lists under its badge (文号, issuer, dates), those the source gives, as shown. */
export function policyFacts(policy: Policy): [label: string, value: string][] {
  const rows: [string, string | undefined][] = [
    ['文号', policy.documentNumber],
    ['发文机关', policy.issuer],
    ['成文日期', policy.writtenDate && formatChineseDate(policy.writtenDate)],
    ['发布日期', policy.publishedDate && formatChineseDate(policy.publishedDate)],
    ['施行日期', policy.effectiveDate && formatChineseDate(policy.effectiveDate)],
  ]
  return rows.filter((row): row is [string, string] => Boolean(row[1]))
}
