import { dateRuns, holidaySchedule } from '../../../src/core/calendar/holiday-schedule'
import type { HolidayCalendar } from '../../../src/core/content/model'
import { calendar2025and2026 } from '../fixtures/calendar-2025-2026'

const notice2025: HolidayCalendar = {
  year: 2025,
  source: '国办发明电〔2024〕12号',
  holidays: calendar2025and2026.holidays.filter((date) => date.startsWith('2025')),
  workdays: calendar2025and2026.workdays.filter((date) => date.startsWith('2025')),
}

/** A period as 'festivals: statutory days | other days off'. */
function summary(periods: ReturnType<typeof holidaySchedule>['periods']): string[] {
  return periods.map(({ festivals, days }) => {
    const statutory = days.filter((day) => day.statutory).map((day) => day.date.slice(5))
    const others = days.filter((day) => !day.statutory).map((day) => day.date.slice(5))
    return `${festivals.join('+')}: ${statutory.join(' ')} | ${others.join(' ')}`
  })
}

describe('holidaySchedule from a published notice', () => {
  it('groups the days off by period, naming the festivals and their statutory days', () => {
    const schedule = holidaySchedule(2025, notice2025)
    expect(schedule.source).toBe('国办发明电〔2024〕12号')
    expect(summary(schedule.periods)).toEqual([
      'new-year: 01-01 | ',
      'spring-festival: 01-28 01-29 01-30 01-31 | 02-01 02-02 02-03 02-04',
      'qingming: 04-04 | 04-05 04-06',
      'labour-day: 05-01 05-02 | 05-03 05-04 05-05',
      'dragon-boat: 05-31 | 06-01 06-02',
      'national-day+mid-autumn: 10-01 10-02 10-03 10-06 | 10-04 10-05 10-07 10-08',
    ])
    expect(schedule.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
  })

  it('keeps a notice’s days in the year before as part of their period, not statutory', () => {
    const notice: HolidayCalendar = { year: 2030, source: '国办发明电〔2029〕1号', holidays: ['2029-12-30', '2029-12-31', '2030-01-01'], workdays: ['2029-12-29'] }
    expect(summary(holidaySchedule(2030, notice).periods)).toEqual(['new-year: 01-01 | 12-30 12-31'])
  })

  it('refuses a notice of another year', () => {
    expect(() => holidaySchedule(2026, notice2025)).toThrow(new RangeError('The notice is for 2025, not 2026'))
  })
})

describe('holidaySchedule estimated from the law', () => {
  it('gives 2027 art. 2’s days and art. 6’s make-up days, and no swapped working days', () => {
    const schedule = holidaySchedule(2027, null)
    expect(schedule.source).toBeNull()
    expect(summary(schedule.periods)).toEqual([
      'new-year: 01-01 | ',
      'spring-festival: 02-05 02-06 02-07 02-08 | 02-09 02-10',
      'qingming: 04-05 | ',
      'labour-day: 05-01 05-02 | 05-03 05-04',
      'dragon-boat: 06-09 | ',
      'mid-autumn: 09-15 | ',
      'national-day: 10-01 10-02 10-03 | 10-04 10-05',
    ])
    expect(schedule.workdays).toEqual([])
  })

  it('keeps a make-up day after a weekend with its festival, and 中秋 on a 国庆 day in one period', () => {
    const periods = summary(holidaySchedule(2028, null).periods)
    expect(periods[0]).toBe('new-year: 01-01 | 01-03')
    expect(periods[periods.length - 1]).toBe('national-day+mid-autumn: 10-01 10-02 10-03 | 10-04')
  })

  it('refuses a year whose statutory days are not known', () => {
    expect(() => holidaySchedule(2024, null)).toThrow(RangeError)
  })
})

describe('dateRuns', () => {
  it('joins consecutive dates, across months and years', () => {
    expect(dateRuns(['2025-01-28', '2025-01-29', '2025-01-31', '2025-02-01', '2025-12-31', '2026-01-01'])).toEqual([
      ['2025-01-28', '2025-01-29'],
      ['2025-01-31', '2025-02-01'],
      ['2025-12-31', '2026-01-01'],
    ])
    expect(dateRuns([])).toEqual([])
  })
})
