import { addWorkingDays } from '../../../src/core/calendar/working-days'
import { workCalendarOf } from '../../../src/core/sync/work-calendar'

describe('the working-day calendar from synced schedules', () => {
  it('joins the years, whatever order they arrive in', () => {
    const calendar = workCalendarOf([
      { year: 2026, source: '国办发明电〔2025〕7号', holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] },
      { year: 2025, source: '国办发明电〔2024〕12号', holidays: ['2025-10-01'], workdays: ['2025-09-28'] },
    ])
    expect(calendar).toEqual({
      years: [2025, 2026],
      holidays: ['2025-10-01', '2026-10-01', '2026-10-02'],
      workdays: ['2025-09-28', '2026-10-10'],
    })
    expect(addWorkingDays('2026-09-30', 1, calendar)).toEqual({ date: '2026-10-05', covered: true })
  })

  it('is empty, and covers no year, before anything is synced', () => {
    expect(workCalendarOf([])).toEqual({ years: [], holidays: [], workdays: [] })
  })
})
