import { deadlineStanding, describeStanding, runningDeadlines } from '../../../src/core/tips/clock'
import { calendar2025and2026 as cal } from '../fixtures/calendar-2025-2026'

describe('deadlineStanding', () => {
  it('counts the working days left after today, skipping the National Day holiday', () => {
    // 10-01…10-08 off; 10-09 and 10-10 are working days.
    expect(deadlineStanding('2025-10-10', '2025-09-30', cal)).toEqual({ kind: 'remaining', workingDays: 2 })
    expect(describeStanding(deadlineStanding('2025-10-10', '2025-09-30', cal))).toBe('剩余2个工作日')
  })

  it('counts a make-up working day on a weekend', () => {
    // 2025-09-28 is a Sunday worked before National Day.
    expect(deadlineStanding('2025-09-29', '2025-09-26', cal)).toEqual({ kind: 'remaining', workingDays: 2 })
  })

  it('says when the deadline is today and when it has passed', () => {
    expect(describeStanding(deadlineStanding('2025-10-13', '2025-10-13', cal))).toBe('今天到期')
    expect(describeStanding(deadlineStanding('2025-10-13', '2025-10-14', cal))).toBe('已过期')
  })
})

describe('runningDeadlines', () => {
  it('runs the acceptance clock until the report is accepted, then the investigation clock', () => {
    expect(runningDeadlines('submitted')).toEqual(['acceptBy'])
    expect(runningDeadlines('accepted')).toEqual(['investigateBy', 'extendedBy'])
    expect(runningDeadlines('investigating')).toEqual(['investigateBy', 'extendedBy'])
  })

  it('runs no clock once the report is rejected or closed, or when the status is unknown', () => {
    expect(runningDeadlines('rejected')).toEqual([])
    expect(runningDeadlines('closed')).toEqual([])
    expect(runningDeadlines('archived')).toEqual([])
  })
})
