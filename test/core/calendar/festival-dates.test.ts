/** The checked-in festival table (src/core/calendar/festival-dates.ts) against lunar-javascript itself. */
import fs from 'node:fs'
import { Lunar, type Solar } from 'lunar-javascript'
import { render, target } from '../../../scripts/festival-dates'
import { STATUTORY_YEARS, statutoryDays, type Festival } from '../../../src/core/calendar/holiday-rules'

const ymd = (solar: Solar) => solar.toYmd()

function fromLibrary(year: number): Record<Festival, string[]> {
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar()
  return {
    'new-year': [`${year}-01-01`],
    'spring-festival': [-1, 0, 1, 2].map((n) => ymd(newYear.next(n))),
    qingming: [ymd(Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明'])],
    'labour-day': [`${year}-05-01`, `${year}-05-02`],
    'dragon-boat': [ymd(Lunar.fromYmd(year, 5, 5).getSolar())],
    'mid-autumn': [ymd(Lunar.fromYmd(year, 8, 15).getSolar())],
    'national-day': [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`],
  }
}

describe('the festival table', () => {
  it('covers 2025, when the 2024 revision came into force, to 2100', () => {
    expect(STATUTORY_YEARS).toEqual({ first: 2025, last: 2100 })
  })

  it('gives every year the 13 days of art. 2 as lunar-javascript computes them', () => {
    for (let year = STATUTORY_YEARS.first; year <= STATUTORY_YEARS.last; year += 1) {
      const byFestival: Record<string, string[]> = {}
      for (const { date, festival } of statutoryDays(year)) (byFestival[festival] ??= []).push(date)
      expect({ year, days: byFestival }).toEqual({ year, days: fromLibrary(year) })
    }
  })

  it('is the file scripts/festival-dates.js writes today', () => {
    expect(fs.readFileSync(target, 'utf8')).toBe(render())
  })
})
