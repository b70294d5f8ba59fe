// Dates are China calendar dates written 'YYYY-MM-DD'. A year the calendar covers follows its
// published notice; any other year is estimated from the law (holiday-rules.ts) and marked so.
import { formatDate, MS_PER_DAY, toUtcMs } from './day'
import { estimatedRestDays, hasStatutoryDays, STATUTORY_YEARS, type EstimatedRestDay, type Festival } from './holiday-rules'

export interface WorkCalendar {
  years: number[]
  holidays: string[]
  workdays: string[]
}

/**
 * What a day is. statutory-holiday: a day of 放假办法 art. 2 (work on it is paid at least 300%,
 * 劳动法 art. 44 (三)). holiday-rest-day: any other day off of a holiday period, whether a weekday
 * moved by the notice (调休), a make-up day (补假, art. 6) or a weekend inside the period; work on
 * it is work on a 休息日 (art. 44 (二)). swapped-working-day: a weekend the notice makes a working day.
 */
export type DayKind = 'statutory-holiday' | 'holiday-rest-day' | 'weekend' | 'working-day' | 'swapped-working-day'

export interface CalendarDay {
  kind: DayKind
  /** The festival of a statutory day, or the one an estimated make-up day makes up for. */
  festival?: Festival
  /** The year's notice is not published (估算): the kind follows the law alone. */
  estimated: boolean
}

const CHINA_UTC_OFFSET_MS = 8 * 3_600_000
const SATURDAY = 6
const SUNDAY = 0

export function isValidDate(s: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

// The calendar date in China at a given instant, whatever the device's time zone.
export function chinaDateOf(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Expected a valid Date')
  return formatDate(instant.getTime() + CHINA_UTC_OFFSET_MS)
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  assertDate(date)
  return workingDayTest(cal)(toUtcMs(date))
}

/** A day's kind, for the years whose statutory days are known (STATUTORY_YEARS). */
export function dayKind(date: string, cal: WorkCalendar): CalendarDay {
  assertDate(date)
  const year = Number(date.slice(0, 4))
  if (!hasStatutoryDays(year)) {
    throw new RangeError(`Day kinds are known for ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}, not ${date}`)
  }
  const kind = dayKindTest(cal)(date, toUtcMs(date))
  const listed = cal.workdays.includes(date) || (kind !== 'statutory-holiday' && cal.holidays.includes(date))
  const festival = kind === 'statutory-holiday' || (kind === 'holiday-rest-day' && !listed) ? lawOf(year).get(date)?.festival : undefined
  return { kind, ...(festival ? { festival } : {}), estimated: !listed && !cal.years.includes(year) }
}

// The start day is not counted (期间开始之日不计算在内): counting begins the next day.
export function addWorkingDays(start: string, n: number, cal: WorkCalendar): { date: string; covered: boolean } {
  assertDate(start)
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`)

  const isWorking = workingDayTest(cal)
  const coveredYears = new Set(cal.years)
  let covered = true
  let day = toUtcMs(start)
  for (let counted = 0; counted < n; ) {
    day += MS_PER_DAY
    if (!coveredYears.has(new Date(day).getUTCFullYear())) covered = false
    if (isWorking(day)) counted += 1
  }
  return { date: formatDate(day), covered }
}

export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  assertDate(from)
  assertDate(to)
  const isWorking = workingDayTest(cal)
  const last = toUtcMs(to)
  let count = 0
  for (let day = toUtcMs(from) + MS_PER_DAY; day <= last; day += MS_PER_DAY) {
    if (isWorking(day)) count += 1
  }
  return count
}

function workingDayTest(cal: WorkCalendar): (utcMs: number) => boolean {
  const kindOf = dayKindTest(cal)
  return (utcMs) => {
    const kind = kindOf(formatDate(utcMs), utcMs)
    return kind === 'working-day' || kind === 'swapped-working-day'
  }
}

// The notice's own lists first; then the law's statutory days, which are rest days in any year;
// the estimated make-up days only in a year no notice covers. It runs for every day a deadline
// counts, so it answers with the bare kind (dayKind adds the rest).
function dayKindTest(cal: WorkCalendar): (date: string, utcMs: number) => DayKind {
  const holidays = new Set(cal.holidays)
  const workdays = new Set(cal.workdays)
  const covered = new Set(cal.years)
  return (date, utcMs) => {
    if (workdays.has(date)) return 'swapped-working-day'
    const day = new Date(utcMs)
    const year = day.getUTCFullYear()
    const law = lawOf(year).get(date)
    if (law?.kind === 'statutory') return 'statutory-holiday'
    if (holidays.has(date)) return 'holiday-rest-day'
    const weekday = day.getUTCDay()
    if (weekday === SATURDAY || weekday === SUNDAY) return 'weekend'
    return law && !covered.has(year) ? 'holiday-rest-day' : 'working-day'
  }
}

// The law's rest days of a year depend on nothing else: worked out once per year, for the counting loops.
const lawByYear = new Map<number, ReadonlyMap<string, EstimatedRestDay>>()

function lawOf(year: number): ReadonlyMap<string, EstimatedRestDay> {
  let days = lawByYear.get(year)
  if (days === undefined) {
    days = new Map(hasStatutoryDays(year) ? estimatedRestDays(year).map((day) => [day.date, day]) : [])
    lawByYear.set(year, days)
  }
  return days
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function assertDate(date: string): void {
  if (!isValidDate(date)) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`)
}
