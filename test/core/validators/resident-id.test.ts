import { checkResidentId, maskResidentId } from '../../../src/core/validators/resident-id'

// The check character written out from GB 11643-1999, to build fixtures for any prefix.
function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i]
  return first17 + '10X98765432'[sum % 11]
}

// 2025-03-02 in China, still 2025-03-01 in UTC.
const today = new Date('2025-03-01T16:30:00Z')

describe('checkResidentId', () => {
  it('accepts the example from the standard', () => {
    expect(checkResidentId('11010519491231002X', today)).toEqual({
      ok: true,
      value: { id: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    })
  })

  it('reads an odd 17th digit as male', () => {
    expect(checkResidentId('110101199003074477', today)).toEqual({
      ok: true,
      value: { id: '110101199003074477', birthDate: '1990-03-07', sex: 'male' },
    })
  })

  it('builds fixtures the same way the standard does', () => {
    expect(withCheckChar('11010519491231002')).toBe('11010519491231002X')
    expect(withCheckChar('44052418800101001')).toBe('440524188001010014')
  })

  it.each([
    ['11010519491231002x'],
    ['１１０１０５１９４９１２３１００２Ｘ'],
    ['１１０１０５１９４９１２３１００２ｘ'],
    ['  110105 19491231 002X\t'],
    ['110105\u300019491231\u3000002X'],
  ])('normalises %j', (input) => {
    const result = checkResidentId(input, today)
    expect(result.ok && result.value.id).toBe('11010519491231002X')
  })

  it('accepts 29 February in a leap year', () => {
    const result = checkResidentId(withCheckChar('11010120000229003'), today)
    expect(result.ok && result.value.birthDate).toBe('2000-02-29')
  })

  it.each(['81', '82', '83', '71', '65', '11'])('accepts the region code %s', (region) => {
    expect(checkResidentId(withCheckChar(`${region}000019900101123`), today).ok).toBe(true)
  })

  it('accepts someone born on 1900-01-01 and someone born today in China', () => {
    expect(checkResidentId(withCheckChar('11010119000101001'), today).ok).toBe(true)
    const bornToday = checkResidentId(withCheckChar('11010120250302001'), today)
    expect(bornToday.ok && bornToday.value.birthDate).toBe('2025-03-02')
  })

  it.each([
    ['', '请填写身份证号码'],
    ['  \u3000 ', '请填写身份证号码'],
    ['110105491231002', '这是旧的15位身份证号码，请填写现在使用的18位号码'],
    ['11010519491231002', '身份证号码应为18位，您填写了17位'],
    ['11010519491231002X1', '身份证号码应为18位，您填写了19位'],
    ['1101051949123100XX', '身份证号码前17位应为数字，最后一位为数字或字母X'],
    ['11010519491231002Y', '身份证号码前17位应为数字，最后一位为数字或字母X'],
    ['11010519491231-02X', '身份证号码前17位应为数字，最后一位为数字或字母X'],
    [withCheckChar('00000019900101123'), '身份证号码前两位不是有效的省份代码，请核对'],
    [withCheckChar('16000019900101123'), '身份证号码前两位不是有效的省份代码，请核对'],
    [withCheckChar('84000019900101123'), '身份证号码前两位不是有效的省份代码，请核对'],
    [withCheckChar('11010120230229001'), '身份证号码中的出生日期（第7至14位）不存在，请核对'],
    [withCheckChar('11010119001301001'), '身份证号码中的出生日期（第7至14位）不存在，请核对'],
    [withCheckChar('11010119900431001'), '身份证号码中的出生日期（第7至14位）不存在，请核对'],
    [withCheckChar('11010119900100001'), '身份证号码中的出生日期（第7至14位）不存在，请核对'],
    ['440524188001010014', '身份证号码中的出生日期早于1900年，请核对'],
    [withCheckChar('11010118991231001'), '身份证号码中的出生日期早于1900年，请核对'],
    [withCheckChar('11010120250303001'), '身份证号码中的出生日期晚于今天，请核对'],
    ['110105194912310021', '身份证号码校验位不正确，请核对后重新填写'],
    ['11010519491231012X', '身份证号码校验位不正确，请核对后重新填写'],
  ])('rejects %j', (input, message) => {
    expect(checkResidentId(input, today)).toEqual({ ok: false, message })
  })

  it('compares with today in China, not the UTC date', () => {
    const justBeforeMidnightInChina = new Date('2025-03-01T15:59:59Z')
    expect(checkResidentId(withCheckChar('11010120250302001'), justBeforeMidnightInChina)).toEqual({
      ok: false,
      message: '身份证号码中的出生日期晚于今天，请核对',
    })
  })

  it('uses the current date by default', () => {
    expect(checkResidentId(withCheckChar('11010129990101001'))).toEqual({
      ok: false,
      message: '身份证号码中的出生日期晚于今天，请核对',
    })
    expect(checkResidentId('11010519491231002X').ok).toBe(true)
  })
})

describe('maskResidentId', () => {
  it('keeps the first three and last four characters and the length', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X')
    expect(maskResidentId('11010519491231002X')).toHaveLength(18)
  })

  it('hides a value too short to mask partly', () => {
    expect(maskResidentId('1234567')).toBe('*******')
  })
})
