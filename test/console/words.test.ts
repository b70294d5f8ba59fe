import { chinaDateTime } from '../../console/src/china-time'
import { amountWords, clockWords } from '../../console/src/pages/reports/words'

describe('the clock of a report in the inbox', () => {
  it('counts working days left, today, and working days late', () => {
    expect(clockWords({ workingDaysLeft: 5, overdue: false })).toBe('剩 5 个工作日')
    expect(clockWords({ workingDaysLeft: 1, overdue: false })).toBe('剩 1 个工作日')
    expect(clockWords({ workingDaysLeft: 0, overdue: false })).toBe('今天到期')
    expect(clockWords({ workingDaysLeft: -3, overdue: true })).toBe('已超期 3 个工作日')
  })

  it('says late without a number when the deadline passed on a day off', () => {
    expect(clockWords({ workingDaysLeft: 0, overdue: true })).toBe('已超期')
  })
})

describe('an amount in the inbox', () => {
  it('groups thousands, drops whole-yuan cents and marks estimates', () => {
    expect(amountWords('86400.00', false)).toBe('86,400 元')
    expect(amountWords('1234567.5', false)).toBe('1,234,567.50 元')
    expect(amountWords('999', true)).toBe('约 999 元')
    expect(amountWords('12345678901234567890.01', false)).toBe('12,345,678,901,234,567,890.01 元')
  })

  it('says when none was given', () => {
    expect(amountWords(null, false)).toBe('未填')
  })
})

describe('a time in the console', () => {
  it('is China time whatever the computer’s zone', () => {
    expect(chinaDateTime('2026-01-04T16:30:00.000Z')).toBe('2026-01-05 00:30')
    expect(chinaDateTime('2026-07-01T03:05:00Z')).toBe('2026-07-01 11:05')
  })
})
