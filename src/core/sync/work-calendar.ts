import type { HolidayCalendar } from '../content/model'
import type { WorkCalendar } from '../calendar/working-days'

/** The working-day calendar made of the synced yearly schedules (one `calendar` item per year). */
export function workCalendarOf(schedules: readonly HolidayCalendar[]): WorkCalendar {
  const years = new Set<number>()
  const holidays = new Set<string>()
  const workdays = new Set<string>()
  for (const schedule of schedules) {
    years.add(schedule.year)
    schedule.holidays.forEach((day) => holidays.add(day))
    schedule.workdays.forEach((day) => workdays.add(day))
  }
  return {
    years: [...years].sort((a, b) => a - b),
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
  }
}
