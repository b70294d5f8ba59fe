// The figures page's period and district as the address holds them (`#/figures?from=…&to=…`) and
// the service takes them. Without a period: this year so far, China time.
import { isValidDate } from '../../../../src/core/calendar/working-days'
import { dateText, queryFrom } from '../../list-query'

export interface FiguresState {
  from: string
  to: string
  district?: string
}

/** Today's China date. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** The year presets: this year and the three before it. */
export function yearPresets(today = chinaToday()): number[] {
  const year = Number(today.slice(0, 4))
  return [year, year - 1, year - 2, year - 3]
}

export const yearPeriod = (year: number): { from: string; to: string } => ({ from: `${year}-01-01`, to: `${year}-12-31` })

/** The year a period is exactly, or undefined for another range. */
export function yearOf({ from, to }: { from: string; to: string }): number | undefined {
  const year = Number(from.slice(0, 4))
  return from === `${year}-01-01` && to === `${year}-12-31` ? year : undefined
}

export function readFiguresState(query: URLSearchParams, today = chinaToday()): FiguresState {
  const from = dateText(query.get('from'))
  const to = dateText(query.get('to'))
  const district = query.get('district') ?? ''
  const period = from !== undefined && to !== undefined && isValidDate(from) && isValidDate(to) ? { from, to } : yearPeriod(Number(today.slice(0, 4)))
  return { ...period, district: /^\d{6}$/.test(district) ? district : undefined }
}

export function figuresQuery(state: FiguresState): URLSearchParams {
  return queryFrom({ from: state.from, to: state.to, district: state.district })
}
