import { bigNumberInWords, checkFiguresPeriod, median, percentOf, recoveryHeadline, yuanInWords } from '../../src/core/staff/figures'

describe('the figures in words', () => {
  it('writes large numbers as a report does, with 万 and 亿', () => {
    expect(bigNumberInWords(0)).toBe('0')
    expect(bigNumberInWords(8560)).toBe('8,560')
    expect(bigNumberInWords(10_000)).toBe('1万')
    expect(bigNumberInWords(17_205)).toBe('1.72万')
    expect(bigNumberInWords(864_000)).toBe('86.4万')
    expect(bigNumberInWords(99_999_999)).toBe('1亿')
    expect(bigNumberInWords(153_015_300)).toBe('1.53亿')
    expect(yuanInWords(500_000)).toBe('5,000元')
    expect(yuanInWords(12_345)).toBe('123.45元')
    expect(yuanInWords(15_301_530_000)).toBe('1.53亿元')
  })

  it('makes the headline from the workers paid and the money recovered', () => {
    expect(recoveryHeadline(17_205, 15_301_530_000)).toBe('为1.72万名劳动者追回欠薪1.53亿元')
    expect(recoveryHeadline(3, 1_000_000)).toBe('为3名劳动者追回欠薪1万元')
    expect(recoveryHeadline(0, 1_000_000)).toBe('追回欠薪1万元')
    expect(recoveryHeadline(0, 0)).toBe('本期没有追回欠薪的记录')
  })

  it('takes the median and the percentage', () => {
    expect(median([])).toBeNull()
    expect(median([21, 3, 20])).toBe(20)
    expect(median([40, 3, 21, 20])).toBe(20.5)
    expect(percentOf(null)).toBe('—')
    expect(percentOf(0.6)).toBe('60%')
    expect(percentOf(2 / 3)).toBe('66.7%')
  })

  it('accepts a period of up to three years, from before to', () => {
    expect(checkFiguresPeriod('2025-01-01', '2025-12-31')).toBeNull()
    expect(checkFiguresPeriod('2022-01-01', '2024-12-31')).toBeNull()
    expect(checkFiguresPeriod('2022-01-01', '2025-01-01')).toEqual({ path: 'to', message: '统计期间最长3年，请缩短期间' })
    expect(checkFiguresPeriod('2025-02-01', '2025-01-01')).toEqual({ path: 'to', message: '结束日期不能早于开始日期' })
    expect(checkFiguresPeriod('2025-02-29', '2025-03-01')).toEqual({ path: 'from', message: '开始日期 2025-02-29 不是有效的日期' })
  })
})
