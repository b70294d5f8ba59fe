// A year's holidays as people read them: each holiday period with its festivals, which of its days
// are statutory (300%) and which are other rest days (休息日), and the swapped working days.
import type { HolidayCalendar } from '../content/model'
import { addDays, isWeekend } from './day'
import { estimatedRestDays, statutoryDays, type Festival } from './holiday-rules'

export interface HolidayPeriod {
  /** The festivals whose statutory days lie in the period, in date order; empty for a day off the law does not name. */
  festivals: Festival[]
  days: { date: string; statutory: boolean }[]
}

export interface HolidaySchedule {
  year: number
  /** The notice's 文号; null when no notice is published and the year is estimated. */
  source: string | null
  periods: HolidayPeriod[]
  /** Weekends the notice makes working days (调休上班); never estimated. */
  workdays: string[]
}

/**
 * The schedule of a year from its published notice, or estimated from the law when `notice` is
 * null. Throws a RangeError for a year whose statutory days are not known (STATUTORY_YEARS).
 */
export function holidaySchedule(year: number, notice: HolidayCalendar | null): HolidaySchedule {
  const statutory = new Map(statutoryDays(year).map((day) => [day.date, day.festival]))
  if (notice === null) return { year, source: null, periods: estimatedPeriods(year), workdays: [] }
  if (notice.year !== year) throw new RangeError(`The notice is for ${notice.year}, not ${year}`)

  // A period is a run of consecutive days off; a notice's first days may lie in the year before.
  const periods: HolidayPeriod[] = []
  let previous: string | null = null
  for (const date of notice.holidays) {
    if (previous === null || addDays(previous, 1) !== date) periods.push({ festivals: [], days: [] })
    const period = periods[periods.length - 1]
    const festival = statutory.get(date)
    if (festival !== undefined && !period.festivals.includes(festival)) period.festivals.push(festival)
    period.days.push({ date, statutory: festival !== undefined })
    previous = date
  }
  return { year, source: notice.source, periods, workdays: notice.workdays }
}

/** Consecutive dates joined into [first, last] runs, e.g. for 「2月16日至19日」. */
export function dateRuns(dates: readonly string[]): [string, string][] {
  const runs: [string, string][] = []
  for (const date of dates) {
    const last = runs[runs.length - 1]
    if (last !== undefined && addDays(last[1], 1) === date) last[1] = date
    else runs.push([date, date])
  }
  return runs
}

// The law's rest days, a period going on across weekends: 元旦 on a Saturday with its make-up
// Monday is one period, and so is 中秋 next to or on 国庆.
function estimatedPeriods(year: number): HolidayPeriod[] {
  const periods: HolidayPeriod[] = []
  let previous: string | null = null
  for (const day of estimatedRestDays(year)) {
    if (previous === null || !onlyWeekendsBetween(previous, day.date)) periods.push({ festivals: [], days: [] })
    const period = periods[periods.length - 1]
    if (day.kind === 'statutory' && !period.festivals.includes(day.festival)) period.festivals.push(day.festival)
    if (previous !== day.date) period.days.push({ date: day.date, statutory: day.kind === 'statutory' })
    previous = day.date
  }
  return periods
}

function onlyWeekendsBetween(first: string, last: string): boolean {
  for (let date = addDays(first, 1); date < last; date = addDays(date, 1)) {
    if (!isWeekend(date)) return false
  }
  return true
}
