import { daysInWords, formatChineseDate } from '../../src/core/format-date'

describe('formatChineseDate', () => {
  it('writes a date the Chinese way and leaves anything else alone', () => {
    expect(formatChineseDate('2027-01-07')).toBe('2027年1月7日')
    expect(formatChineseDate('soon')).toBe('soon')
  })
})

describe('daysInWords', () => {
  it('says whole years as years and other periods as days', () => {
    expect(daysInWords(1095)).toBe('3年')
    expect(daysInWords(365)).toBe('1年')
    expect(daysInWords(30)).toBe('30天')
    expect(daysInWords(400)).toBe('400天')
  })

  it('refuses what is not a positive whole number of days', () => {
    expect(() => daysInWords(0)).toThrow(RangeError)
    expect(() => daysInWords(1.5)).toThrow(RangeError)
  })
})
