/**
 * The sample feed's holiday notices (assets/feed/sample-policies.json), read as the service reads
 * them: checked against the official schedules lunar-javascript carries and against 放假办法 art. 2,
 * and what the calendar then says of their days.
 */
import fs from 'node:fs'
import path from 'node:path'
import { HolidayUtil } from 'lunar-javascript'
import { toUtcMs, formatDate, MS_PER_DAY, isWeekend } from '../../../src/core/calendar/day'
import { statutoryDays } from '../../../src/core/calendar/holiday-rules'
import { dayKind, isWorkingDay } from '../../../src/core/calendar/working-days'
import { checkFeedItem } from '../../../server/ingest/feed-item'
import type { HolidayCalendar } from '../../../src/core/content/model'
import { workCalendarOf } from '../../../src/core/sync/work-calendar'
import { calendar2025and2026 } from '../fixtures/calendar-2025-2026'

const feed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../assets/feed/sample-policies.json'), 'utf8')) as { items: unknown[] }
const notices: HolidayCalendar[] = feed.items.flatMap((raw, index) => {
  const check = checkFeedItem(raw, { position: index + 1, maxBodyBytes: 200 * 1024, htmlToNodes: () => [] })
  return check.status === 'valid' && check.item.type === 'calendar' ? [check.item.data] : []
})
const calendar = workCalendarOf(notices)

function daysOf(year: number): string[] {
  const days: string[] = []
  for (let ms = toUtcMs(`${year}-01-01`); ms <= toUtcMs(`${year}-12-31`); ms += MS_PER_DAY) days.push(formatDate(ms))
  return days
}

describe('the sample holiday notices', () => {
  it('are the years 2025 and 2026, as the core tests use them', () => {
    expect(notices.map((notice) => notice.year)).toEqual([2025, 2026])
    expect(calendar).toEqual(calendar2025and2026)
  })

  it.each([2025, 2026])('give the official schedule of %i (lunar-javascript’s copy of the notices)', (year) => {
    const official = HolidayUtil.getHolidays(year)
    const notice = notices.find((candidate) => candidate.year === year)
    expect(notice?.holidays).toEqual(official.filter((day) => !day.isWork()).map((day) => day.getDay()))
    expect(notice?.workdays).toEqual(official.filter((day) => day.isWork()).map((day) => day.getDay()))
  })

  it('give every statutory day of art. 2 as a day off', () => {
    for (const notice of notices) {
      for (const { date } of statutoryDays(notice.year)) expect(notice.holidays).toContain(date)
    }
  })

  it('are untouched by the estimate: every day of 2025 and 2026 is as the notice says', () => {
    const holidays = new Set(calendar.holidays)
    const workdays = new Set(calendar.workdays)
    for (const date of [...daysOf(2025), ...daysOf(2026)]) {
      const byNotice = workdays.has(date) || (!holidays.has(date) && !isWeekend(date))
      expect({ date, working: isWorkingDay(date, calendar) }).toEqual({ date, working: byNotice })
      expect(dayKind(date, calendar).estimated).toBe(false)
    }
  })
})

describe('dayKind on the sample calendars', () => {
  const kindsOf = (dates: string[]) => dates.map((date) => dayKind(date, calendar).kind)

  it('tells the notices’ days off that are not statutory (休息日) from the statutory ones', () => {
    const bridging = (year: number) =>
      notices.find((notice) => notice.year === year)?.holidays.filter((date) => dayKind(date, calendar).kind === 'holiday-rest-day')
    // 2025 春节: 除夕 to 初三 (01-28…01-31) are statutory, 02-01…02-04 are not; 中秋 (10-06) is statutory inside 国庆.
    expect(bridging(2025)).toEqual([
      '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04', '2025-04-05', '2025-04-06', '2025-05-03', '2025-05-04',
      '2025-05-05', '2025-06-01', '2025-06-02', '2025-10-04', '2025-10-05', '2025-10-07', '2025-10-08',
    ])
    expect(bridging(2026)).toEqual([
      '2026-01-02', '2026-01-03', '2026-02-15', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23', '2026-04-04',
      '2026-04-06', '2026-05-03', '2026-05-04', '2026-05-05', '2026-06-20', '2026-06-21', '2026-09-26', '2026-09-27',
      '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ])
  })

  it('names the festival of a statutory day, including one on a Sunday', () => {
    expect(dayKind('2025-01-28', calendar)).toEqual({ kind: 'statutory-holiday', festival: 'spring-festival', estimated: false })
    expect(dayKind('2025-10-06', calendar)).toEqual({ kind: 'statutory-holiday', festival: 'mid-autumn', estimated: false })
    expect(dayKind('2026-04-05', calendar)).toEqual({ kind: 'statutory-holiday', festival: 'qingming', estimated: false })
  })

  it('tells swapped working days, plain weekends and plain working days', () => {
    expect(kindsOf(['2025-01-26', '2026-02-28', '2025-03-08', '2025-03-10'])).toEqual([
      'swapped-working-day', 'swapped-working-day', 'weekend', 'working-day',
    ])
  })

  it('marks the days of 2027, whose notice is not out, as estimated', () => {
    expect(dayKind('2027-01-01', calendar)).toEqual({ kind: 'statutory-holiday', festival: 'new-year', estimated: true })
    expect(dayKind('2027-02-06', calendar)).toEqual({ kind: 'statutory-holiday', festival: 'spring-festival', estimated: true })
    expect(dayKind('2027-02-09', calendar)).toEqual({ kind: 'holiday-rest-day', festival: 'spring-festival', estimated: true })
    expect(dayKind('2027-02-11', calendar)).toEqual({ kind: 'working-day', estimated: true })
    expect(dayKind('2027-02-13', calendar)).toEqual({ kind: 'weekend', estimated: true })
  })

  it('refuses a day outside the years whose statutory days are known', () => {
    expect(() => dayKind('2024-10-01', calendar)).toThrow(new RangeError('Day kinds are known for 2025–2100, not 2024-10-01'))
    expect(() => dayKind('2025-02-30', calendar)).toThrow(RangeError)
  })
})
