import { isWeekend } from '../../../src/core/calendar/day'
import { estimatedRestDays, hasStatutoryDays, statutoryDays, STATUTORY_YEARS } from '../../../src/core/calendar/holiday-rules'

const dates = (days: { date: string }[]) => days.map((day) => day.date)

describe('statutoryDays (放假办法 art. 2)', () => {
  it('gives the 13 days of 2025 and 2026, the lunar ones included', () => {
    expect(dates(statutoryDays(2025))).toEqual([
      '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-04', '2025-05-01', '2025-05-02',
      '2025-05-31', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06',
    ])
    expect(statutoryDays(2026)).toEqual([
      { date: '2026-01-01', festival: 'new-year' },
      { date: '2026-02-16', festival: 'spring-festival' },
      { date: '2026-02-17', festival: 'spring-festival' },
      { date: '2026-02-18', festival: 'spring-festival' },
      { date: '2026-02-19', festival: 'spring-festival' },
      { date: '2026-04-05', festival: 'qingming' },
      { date: '2026-05-01', festival: 'labour-day' },
      { date: '2026-05-02', festival: 'labour-day' },
      { date: '2026-06-19', festival: 'dragon-boat' },
      { date: '2026-09-25', festival: 'mid-autumn' },
      { date: '2026-10-01', festival: 'national-day' },
      { date: '2026-10-02', festival: 'national-day' },
      { date: '2026-10-03', festival: 'national-day' },
    ])
  })

  it('keeps both festivals when 中秋 falls on a 国庆 day', () => {
    expect(statutoryDays(2028).filter((day) => day.date === '2028-10-03').map((day) => day.festival).sort()).toEqual(['mid-autumn', 'national-day'])
  })

  it('knows the years from 2025, when the 2024 revision came into force, to the end of the table', () => {
    expect([2024, 2025, 2100, 2101, 2025.5].map(hasStatutoryDays)).toEqual([false, true, true, false, false])
    expect(() => statutoryDays(2024)).toThrow(new RangeError(`Statutory holidays are known for 2025–2100, not 2024`))
  })
})

describe('estimatedRestDays (art. 2 with the make-up days of art. 6)', () => {
  it('makes up Spring Festival 2027 across the weekend on the next two weekdays', () => {
    // 除夕 Friday 02-05, 初一 Saturday, 初二 Sunday, 初三 Monday 02-08.
    expect(estimatedRestDays(2027).filter((day) => day.festival === 'spring-festival')).toEqual([
      { date: '2027-02-05', festival: 'spring-festival', kind: 'statutory' },
      { date: '2027-02-06', festival: 'spring-festival', kind: 'statutory' },
      { date: '2027-02-07', festival: 'spring-festival', kind: 'statutory' },
      { date: '2027-02-08', festival: 'spring-festival', kind: 'statutory' },
      { date: '2027-02-09', festival: 'spring-festival', kind: 'make-up' },
      { date: '2027-02-10', festival: 'spring-festival', kind: 'make-up' },
    ])
  })

  it('makes up 2027 劳动节 and 国庆节, which begin on weekends, and nothing else', () => {
    expect(estimatedRestDays(2027).filter((day) => day.kind === 'make-up').map((day) => [day.date, day.festival])).toEqual([
      ['2027-02-09', 'spring-festival'],
      ['2027-02-10', 'spring-festival'],
      ['2027-05-03', 'labour-day'],
      ['2027-05-04', 'labour-day'],
      ['2027-10-04', 'national-day'],
      ['2027-10-05', 'national-day'],
    ])
  })

  it('makes up 元旦 on a Saturday on the Monday after', () => {
    expect(estimatedRestDays(2028).filter((day) => day.festival === 'new-year')).toEqual([
      { date: '2028-01-01', festival: 'new-year', kind: 'statutory' },
      { date: '2028-01-03', festival: 'new-year', kind: 'make-up' },
    ])
  })

  it('gives a weekday that is two festivals at once no extra day, and a weekend one two', () => {
    // 2028: 国庆 Sunday 10-01 to Tuesday 10-03, 中秋 on 10-03. 2039: 国庆 Saturday 10-01 to Monday 10-03, 中秋 on Sunday 10-02.
    expect(dates(estimatedRestDays(2028).filter((day) => day.kind === 'make-up' && day.date >= '2028-10-01'))).toEqual(['2028-10-04'])
    expect(estimatedRestDays(2039).filter((day) => day.kind === 'make-up' && day.date >= '2039-10-01')).toEqual([
      { date: '2039-10-04', festival: 'national-day', kind: 'make-up' },
      { date: '2039-10-05', festival: 'mid-autumn', kind: 'make-up' },
      { date: '2039-10-06', festival: 'national-day', kind: 'make-up' },
    ])
  })

  it('in every year, makes up each weekend holiday once, on a weekday of its own soon after', () => {
    for (let year = STATUTORY_YEARS.first; year <= STATUTORY_YEARS.last; year += 1) {
      const days = estimatedRestDays(year)
      const statutory = days.filter((day) => day.kind === 'statutory')
      const makeUps = days.filter((day) => day.kind === 'make-up')
      expect(statutory).toHaveLength(13)
      expect(makeUps).toHaveLength(statutory.filter((day) => isWeekend(day.date)).length)
      expect(new Set(dates(days)).size).toBe(new Set(dates(statutory)).size + makeUps.length)
      for (const makeUp of makeUps) {
        expect(isWeekend(makeUp.date)).toBe(false)
        const holiday = statutory.filter((day) => day.festival === makeUp.festival && day.date < makeUp.date)
        expect(holiday.length).toBeGreaterThan(0)
        expect(Date.parse(makeUp.date) - Date.parse(holiday[holiday.length - 1].date)).toBeLessThanOrEqual(6 * 86_400_000)
      }
      expect(days.every((day) => day.date.startsWith(`${year}-`))).toBe(true)
    }
  })
})
