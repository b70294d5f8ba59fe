// Dates are China calendar dates written 'YYYY-MM-DD'. Day arithmetic runs in UTC so that the
// device's own time zone can never shift a date.

export interface WorkCalendar {
  years: number[]
  holidays: string[]
  workdays: string[]
}

const MS_PER_DAY = 86_400_000
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
  const holidays = new Set(cal.holidays)
  const workdays = new Set(cal.workdays)
  return (utcMs) => {
    const date = formatDate(utcMs)
    if (workdays.has(date)) return true
    if (holidays.has(date)) return false
    const weekday = new Date(utcMs).getUTCDay()
    return weekday !== SATURDAY && weekday !== SUNDAY
  }
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

// Not Date.UTC: it reads years 0–99 as 1900–1999.
function toUtcMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(0).setUTCFullYear(year, month - 1, day)
}

function formatDate(utcMs: number): string {
  const date = new Date(utcMs)
  const year = String(date.getUTCFullYear()).padStart(4, '0')
  const month = String(date.getUTCMonth() + 1).padStart(2, '0')
  const day = String(date.getUTCDate()).padStart(2, '0')
  return `${year}-${month}-${day}`
}
