import { parseFeedDate, parseFeedDateTime } from '../../../server/ingest/dates'

describe('parseFeedDateTime', () => {
  it.each([
    ['2024-05-01 09:30:00', '2024-05-01T09:30:00+08:00'],
    ['2024-05-01 09:30', '2024-05-01T09:30:00+08:00'],
    ['2024-05-01 09:30:00.0', '2024-05-01T09:30:00+08:00'],
    ['2024/5/1 9:30:05', '2024-05-01T09:30:05+08:00'],
    ['2024年5月1日 09:30', '2024-05-01T09:30:00+08:00'],
    ['2024年05月01日', '2024-05-01T00:00:00+08:00'],
    ['2024-05-01', '2024-05-01T00:00:00+08:00'],
    ['2024-05-01T09:30:00', '2024-05-01T09:30:00+08:00'],
    ['2024-05-01T01:30:00Z', '2024-05-01T09:30:00+08:00'],
    ['2024-05-01T09:30:00+08:00', '2024-05-01T09:30:00+08:00'],
    ['2024-04-30T20:30:00-05:00', '2024-05-01T09:30:00+08:00'],
    ['Wed, 01 May 2024 09:30:00 +0800', '2024-05-01T09:30:00+08:00'],
    ['Wed, 01 May 2024 01:30:00 GMT', '2024-05-01T09:30:00+08:00'],
    ['1 May 2024 09:30 +0800', '2024-05-01T09:30:00+08:00'],
    ['Wed, 01 May 24 01:30:00 UT', '2024-05-01T09:30:00+08:00'],
    // Java's Date#toString on a Chinese server: CST is China Standard Time there.
    ['Wed May 01 09:30:00 CST 2024', '2024-05-01T09:30:00+08:00'],
    ['Wed, 01 May 2024 09:30:00 CST', '2024-05-01T09:30:00+08:00'],
    ['  2024-05-01   09:30:00  ', '2024-05-01T09:30:00+08:00'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseFeedDateTime(text)?.iso).toBe(iso)
  })

  it('gives the instant as epoch milliseconds', () => {
    expect(parseFeedDateTime('2024-05-01 08:00:00')?.epochMs).toBe(Date.UTC(2024, 4, 1, 0, 0, 0))
  })

  it('takes the China date of a time given in another zone', () => {
    expect(parseFeedDateTime('2024-04-30T20:00:00Z')?.date).toBe('2024-05-01')
  })

  it.each(['', '星期三', '2024-02-30', '2023-02-29', '2024-13-01', '2024-05-01 24:00:00', '2024-05-01 09:61', 'Wed, 01 Foo 2024 09:30:00 GMT', '2024-05-01T09:30:00+25:00', '2024-05-01 09:30:00 XYZ', '05/01/2024', '1800-01-01'])(
    'refuses %j',
    (text) => {
      expect(parseFeedDateTime(text)).toBeUndefined()
    },
  )

  it('accepts 29 February in a leap year', () => {
    expect(parseFeedDateTime('2024-02-29')?.date).toBe('2024-02-29')
  })
})

describe('parseFeedDate', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024-5-1', '2024-05-01'],
    ['2024/05/01', '2024-05-01'],
    ['2024.05.01', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['2024-05-01 23:59:59', '2024-05-01'],
  ])('reads %j as %s', (text, date) => {
    expect(parseFeedDate(text)).toBe(date)
  })

  it('refuses what is not a date', () => {
    expect(parseFeedDate('明年')).toBeUndefined()
  })
})
