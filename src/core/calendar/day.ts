// Day arithmetic on 'YYYY-MM-DD' China calendar dates. It runs in UTC so that the device's own
// time zone can never shift a date.

export const MS_PER_DAY = 86_400_000

// Not Date.UTC: it reads years 0–99 as 1900–1999.
export function toUtcMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(0).setUTCFullYear(year, month - 1, day)
}

export function formatDate(utcMs: number): string {
  const date = new Date(utcMs)
  const year = String(date.getUTCFullYear()).padStart(4, '0')
  const month = String(date.getUTCMonth() + 1).padStart(2, '0')
  const day = String(date.getUTCDate()).padStart(2, '0')
  return `${year}-${month}-${day}`
}

/** 0 for Sunday to 6 for Saturday. */
export function weekdayOf(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay()
}

export function isWeekend(date: string): boolean {
  const weekday = weekdayOf(date)
  return weekday === 0 || weekday === 6
}

export function addDays(date: string, days: number): string {
  return formatDate(toUtcMs(date) + days * MS_PER_DAY)
}
