import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../../src/core/calendar/working-days'
import {
  ACCEPTANCE_CITATION,
  ACCEPTANCE_WORKING_DAYS,
  EXTENSION_WORKING_DAYS,
  INVESTIGATION_CITATION,
  INVESTIGATION_WORKING_DAYS,
  deadlinesFor,
  reportDeadlines,
} from '../../../src/core/tips/deadlines'
import { calendar2025and2026 as cal } from '../fixtures/calendar-2025-2026'

describe('reportDeadlines', () => {
  it('counts through National Day 2025, its make-up days, New Year and Spring Festival 2026', () => {
    // Accept: 9-30, (10-01…10-08 off), 10-09, 10-10, 10-11 (Saturday make-up), 10-13.
    // Investigate: 60 working days from 10-13, past New Year and the 2026-01-04 make-up Sunday.
    // Extend: 30 more, past the 2026-02-14 make-up Saturday and 02-15…02-23 off.
    expect(reportDeadlines('2025-09-29', cal)).toEqual({
      acceptBy: { date: '2025-10-13', covered: true },
      investigateBy: { date: '2026-01-06', covered: true },
      extendedBy: { date: '2026-02-24', covered: true },
    })
  })

  it('counts the Sunday make-up day before National Day', () => {
    // 9-28 (Sunday, worked), 9-29, 9-30, 10-09, 10-10.
    expect(reportDeadlines('2025-09-26', cal).acceptBy).toEqual({ date: '2025-10-10', covered: true })
  })

  it('starts counting the day after a report sent during the holiday', () => {
    expect(reportDeadlines('2025-10-03', cal).acceptBy).toEqual({ date: '2025-10-14', covered: true })
  })

  it('counts across Spring Festival 2026', () => {
    // 2-13, 2-14 (Saturday make-up), (2-15…2-23 off), 2-24, 2-25, 2-26.
    expect(reportDeadlines('2026-02-12', cal).acceptBy).toEqual({ date: '2026-02-26', covered: true })
  })

  it('runs the investigation from the day the case was opened, when it is known', () => {
    const deadlines = reportDeadlines('2025-09-29', cal, '2025-09-30')
    expect(deadlines.acceptBy.date).toBe('2025-10-13')
    expect(deadlines.investigateBy).toEqual(addWorkingDays('2025-09-30', 60, cal))
    expect(deadlines.extendedBy).toEqual(addWorkingDays('2025-09-30', 90, cal))
    expect(workingDaysBetween('2025-09-30', deadlines.investigateBy.date, cal)).toBe(60)
  })

  it('uses the day the case was opened even when acceptance came late', () => {
    expect(reportDeadlines('2025-09-29', cal, '2025-10-20').investigateBy).toEqual(addWorkingDays('2025-10-20', 60, cal))
  })

  it('always lands on working days, exactly 60 and 90 working days after opening', () => {
    for (const submittedOn of ['2025-01-02', '2025-04-30', '2025-09-30', '2026-02-13', '2026-06-18']) {
      const { acceptBy, investigateBy, extendedBy } = reportDeadlines(submittedOn, cal)
      for (const { date } of [acceptBy, investigateBy, extendedBy]) expect(isWorkingDay(date, cal)).toBe(true)
      expect(workingDaysBetween(submittedOn, acceptBy.date, cal)).toBe(5)
      expect(workingDaysBetween(acceptBy.date, investigateBy.date, cal)).toBe(60)
      expect(workingDaysBetween(investigateBy.date, extendedBy.date, cal)).toBe(30)
    }
  })

  it('says when a deadline runs past the years the calendar covers', () => {
    // 2027 is estimated from 放假办法 arts. 2 and 6: 12 weeks after Friday 2026-11-27 plus 元旦 and
    // 春节's four weekdays off (02-05, 02-08 and the make-up days 02-09, 02-10); 6 more weeks plus 清明 (04-05).
    expect(reportDeadlines('2026-11-20', cal)).toEqual({
      acceptBy: { date: '2026-11-27', covered: true },
      investigateBy: { date: '2027-02-26', covered: false },
      extendedBy: { date: '2027-04-12', covered: false },
    })
    expect(reportDeadlines('2026-12-25', cal).acceptBy).toEqual({ date: '2027-01-04', covered: false })
    expect(reportDeadlines('2026-12-25', cal, '2026-12-28').acceptBy.covered).toBe(false)
  })

  it('rejects bad dates and an opening before the report arrived', () => {
    expect(() => reportDeadlines('2025-02-29', cal)).toThrow('Expected submittedOn as YYYY-MM-DD, got "2025-02-29"')
    expect(() => reportDeadlines('2025-10-09', cal, '20251010')).toThrow('Expected acceptedOn as YYYY-MM-DD')
    expect(() => reportDeadlines('2025-10-09', cal, '2025-10-08')).toThrow('acceptedOn (2025-10-08) is before submittedOn (2025-10-09)')
  })

  it('names its sources', () => {
    expect([ACCEPTANCE_WORKING_DAYS, INVESTIGATION_WORKING_DAYS, EXTENSION_WORKING_DAYS]).toEqual([5, 60, 30])
    expect(ACCEPTANCE_CITATION).toBe('《关于实施〈劳动保障监察条例〉若干规定》第十八条')
    expect(INVESTIGATION_CITATION).toBe('《劳动保障监察条例》第十七条')
  })
})

describe('deadlinesFor', () => {
  it('gives a complaint the whole clock, acceptance first', () => {
    expect(deadlinesFor('complaint', '2025-09-29', cal)).toEqual(reportDeadlines('2025-09-29', cal))
    expect(deadlinesFor('complaint', '2025-09-29', cal, '2025-09-30')).toEqual(reportDeadlines('2025-09-29', cal, '2025-09-30'))
  })

  it('gives a 举报 no acceptance term, and the investigation only from the day it is accepted', () => {
    expect(deadlinesFor('tip', '2025-09-29', cal)).toEqual({ acceptBy: null, investigateBy: null, extendedBy: null })
    expect(deadlinesFor('tip', '2025-09-29', cal, '2025-09-30')).toEqual({
      acceptBy: null,
      investigateBy: addWorkingDays('2025-09-30', 60, cal),
      extendedBy: addWorkingDays('2025-09-30', 90, cal),
    })
  })
})
