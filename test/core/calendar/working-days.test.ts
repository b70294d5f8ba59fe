import {
  addWorkingDays,
  chinaDateOf,
  isValidDate,
  isWorkingDay,
  workingDaysBetween,
  type WorkCalendar,
} from '../../../src/core/calendar/working-days'
import { calendar2025and2026 as cal } from '../fixtures/calendar-2025-2026'

describe('isValidDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '1900-01-01', '0050-06-15'])('accepts %s', (date) => {
    expect(isValidDate(date)).toBe(true)
  })

  it.each([
    '2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-01-00', '2025-1-1',
    '20250101', '2025/01/01', ' 2025-01-01', '2025-01-01T00:00', '',
  ])('rejects %j', (date) => {
    expect(isValidDate(date)).toBe(false)
  })
})

describe('chinaDateOf', () => {
  it('turns to the next day at 16:00 UTC, midnight in China', () => {
    expect(chinaDateOf(new Date('2025-03-01T15:59:59.999Z'))).toBe('2025-03-01')
    expect(chinaDateOf(new Date('2025-03-01T16:00:00.000Z'))).toBe('2025-03-02')
  })

  it('rejects an invalid Date', () => {
    expect(() => chinaDateOf(new Date('not a date'))).toThrow(RangeError)
  })
})

describe('isWorkingDay', () => {
  it('treats Monday to Friday as working days and weekends as rest days', () => {
    expect(isWorkingDay('2025-03-03', cal)).toBe(true)
    expect(isWorkingDay('2025-03-07', cal)).toBe(true)
    expect(isWorkingDay('2025-03-08', cal)).toBe(false)
    expect(isWorkingDay('2025-03-09', cal)).toBe(false)
  })

  it('treats a public holiday on a weekday as a rest day', () => {
    expect(isWorkingDay('2025-10-01', cal)).toBe(false)
    expect(isWorkingDay('2026-02-16', cal)).toBe(false)
  })

  it('treats make-up Saturdays and Sundays as working days', () => {
    expect(isWorkingDay('2025-02-08', cal)).toBe(true)
    expect(isWorkingDay('2025-01-26', cal)).toBe(true)
    expect(isWorkingDay('2026-09-20', cal)).toBe(true)
  })

  it('estimates a year without a notice from the law: its statutory days and make-up days are rest days', () => {
    expect(isWorkingDay('2027-01-01', cal)).toBe(false)
    // 2028-01-01 is a Saturday: made up on Monday 3 January (放假办法 art. 6).
    expect(isWorkingDay('2028-01-03', cal)).toBe(false)
    expect(isWorkingDay('2028-01-04', cal)).toBe(true)
  })

  it('falls back to the weekday rule outside the years of the 2024 rules and the festival table', () => {
    // Tuesday 2024-10-01 and Monday 2101-10-03: 国庆 days, but 2024 had other rules and 2101 is past the table.
    expect(isWorkingDay('2024-10-01', cal)).toBe(true)
    expect(isWorkingDay('2101-10-03', cal)).toBe(true)
  })

  it('rejects an invalid date', () => {
    expect(() => isWorkingDay('2025-02-29', cal)).toThrow(RangeError)
  })

  it('has only weekend days as make-up working days in the fixture', () => {
    const weekdays = cal.workdays.map((date) => new Date(`${date}T00:00:00Z`).getUTCDay())
    expect(weekdays.every((day) => day === 0 || day === 6)).toBe(true)
  })

  it('counts 248 working days in each of 2025 and 2026', () => {
    expect(workingDaysBetween('2024-12-31', '2025-12-31', cal)).toBe(248)
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal)).toBe(248)
  })
})

describe('addWorkingDays', () => {
  it('skips National Day 2025 and counts the make-up Saturday', () => {
    expect(addWorkingDays('2025-09-30', 5, cal)).toEqual({ date: '2025-10-14', covered: true })
  })

  it('crosses Spring Festival 2026 with its two make-up Saturdays', () => {
    expect(addWorkingDays('2026-02-12', 2, cal)).toEqual({ date: '2026-02-14', covered: true })
    expect(addWorkingDays('2026-02-12', 3, cal)).toEqual({ date: '2026-02-24', covered: true })
    expect(addWorkingDays('2026-02-12', 7, cal)).toEqual({ date: '2026-02-28', covered: true })
    expect(addWorkingDays('2026-02-12', 8, cal)).toEqual({ date: '2026-03-02', covered: true })
  })

  it('counts a make-up Sunday', () => {
    expect(addWorkingDays('2025-01-24', 1, cal)).toEqual({ date: '2025-01-26', covered: true })
    expect(addWorkingDays('2025-04-25', 1, cal)).toEqual({ date: '2025-04-27', covered: true })
    expect(addWorkingDays('2026-09-18', 1, cal)).toEqual({ date: '2026-09-20', covered: true })
  })

  it('does not count the start day even when it is a working day', () => {
    expect(addWorkingDays('2025-03-03', 1, cal)).toEqual({ date: '2025-03-04', covered: true })
  })

  it('counts from the next working day when starting on a holiday', () => {
    expect(addWorkingDays('2025-10-03', 1, cal)).toEqual({ date: '2025-10-09', covered: true })
  })

  it('crosses from one covered year into the next', () => {
    expect(addWorkingDays('2025-12-31', 1, cal)).toEqual({ date: '2026-01-04', covered: true })
  })

  it('handles 60 and 90 working days', () => {
    expect(addWorkingDays('2025-01-02', 60, cal)).toEqual({ date: '2025-04-02', covered: true })
    expect(addWorkingDays('2025-01-02', 90, cal)).toEqual({ date: '2025-05-19', covered: true })
    expect(addWorkingDays('2025-09-01', 60, cal)).toEqual({ date: '2025-11-28', covered: true })
    expect(addWorkingDays('2026-01-05', 90, cal)).toEqual({ date: '2026-05-20', covered: true })
  })

  it('returns the start date for n = 0', () => {
    expect(addWorkingDays('2025-10-01', 0, cal)).toEqual({ date: '2025-10-01', covered: true })
  })

  it('marks the result provisional when it runs into an uncovered year', () => {
    // 2027-01-01 (Friday) is 元旦 by law, notice or no notice.
    expect(addWorkingDays('2026-12-20', 10, cal)).toEqual({ date: '2027-01-04', covered: false })
  })

  it('counts 2026-12-30 + 5 working days as 2027-01-07, estimated', () => {
    expect(addWorkingDays('2026-12-30', 5, cal)).toEqual({ date: '2027-01-07', covered: false })
  })

  it('crosses an estimated Spring Festival that spans a weekend, with its two make-up days', () => {
    // 除夕 Friday 2027-02-05 to 初三 Monday 02-08; 初一 and 初二 fall on the weekend: 02-09 and 02-10 are made up.
    expect(addWorkingDays('2027-02-04', 1, cal)).toEqual({ date: '2027-02-11', covered: false })
    expect(workingDaysBetween('2027-01-31', '2027-02-28', cal)).toBe(16)
  })

  it('skips an estimated make-up Monday for 元旦 on a Saturday', () => {
    expect(addWorkingDays('2027-12-31', 1, cal)).toEqual({ date: '2028-01-04', covered: false })
  })

  it('gives an estimated year as many working days as its weekdays less the 13 statutory days', () => {
    // 2027 has 261 weekdays; each statutory day on a weekend is made up on a weekday (art. 6).
    expect(workingDaysBetween('2026-12-31', '2027-12-31', cal)).toBe(248)
  })

  it('stays covered when only the start day lies outside the calendar', () => {
    expect(addWorkingDays('2024-12-31', 1, cal)).toEqual({ date: '2025-01-02', covered: true })
  })

  it('marks the result provisional with an empty calendar, and estimates from the law alone', () => {
    // 10-01…10-03 (国庆) and 10-06 (中秋, a Monday) by law; no 调休 is invented.
    const empty: WorkCalendar = { years: [], holidays: [], workdays: [] }
    expect(addWorkingDays('2025-09-30', 5, empty)).toEqual({ date: '2025-10-13', covered: false })
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %p', (n) => {
    expect(() => addWorkingDays('2025-01-02', n, cal)).toThrow(RangeError)
  })

  it('rejects an invalid start date', () => {
    expect(() => addWorkingDays('2025-1-2', 1, cal)).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to and including the last', () => {
    expect(workingDaysBetween('2025-09-30', '2025-10-14', cal)).toBe(5)
    expect(workingDaysBetween('2025-09-30', '2025-10-13', cal)).toBe(4)
    expect(workingDaysBetween('2026-02-12', '2026-03-02', cal)).toBe(8)
  })

  it('agrees with addWorkingDays', () => {
    const { date } = addWorkingDays('2025-01-02', 90, cal)
    expect(workingDaysBetween('2025-01-02', date, cal)).toBe(90)
  })

  it('returns 0 when the last date is not after the first', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-03', cal)).toBe(0)
    expect(workingDaysBetween('2025-03-10', '2025-03-03', cal)).toBe(0)
  })

  it('rejects invalid dates', () => {
    expect(() => workingDaysBetween('2025-13-01', '2025-03-03', cal)).toThrow(RangeError)
    expect(() => workingDaysBetween('2025-03-03', '2025-02-29', cal)).toThrow(RangeError)
  })
})
