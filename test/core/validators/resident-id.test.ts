import { checkResidentId, maskResidentId } from '../../../src/core/validators/resident-id'

// The check character written out from GB 11643-1999, to build fixtures for any prefix.
function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i]
  return first17 + '10X98765432'[sum % 11]
}

function withWrongCheckChar(first17: string): string {
  const right = withCheckChar(first17)[17]
  return first17 + (right === '0' ? '1' : '0')
}

// 2025-03-02 in China, still 2025-03-01 in UTC.
const today = new Date('2025-03-01T16:30:00Z')

describe('checkResidentId', () => {
  it('accepts the example from the standard', () => {
    expect(checkResidentId('11010519491231002X', today)).toEqual({
      ok: true,
      value: { id: '11010519491231002X', document: 'resident', birthDate: '1949-12-31', sex: 'female' },
    })
  })

  it('reads an odd 17th digit as male', () => {
    expect(checkResidentId('110101199003074477', today)).toEqual({
      ok: true,
      value: { id: '110101199003074477', document: 'resident', birthDate: '1990-03-07', sex: 'male' },
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

  it.each(['71', '65', '11', '44'])('accepts the province code %s', (region) => {
    expect(checkResidentId(withCheckChar(`${region}010619900101123`), today)).toMatchObject({ ok: true, value: { document: 'resident' } })
  })

  it.each([
    ['Hong Kong', '810000'],
    ['Macao', '820000'],
    ['Taiwan', '830000'],
  ])('accepts the residence permit of a %s resident (%s…)', (_place, prefix) => {
    const id = withCheckChar(`${prefix}19900101123`)
    expect(checkResidentId(id, today)).toEqual({ ok: true, value: { id, document: 'residence_permit', birthDate: '1990-01-01', sex: 'male' } })
  })

  it('accepts the 2023 permanent-residence ID of a foreigner: 9, province, nationality, birth date, sequence, check', () => {
    // Issued in Guangdong (44) to a national of country 840, born 1985-06-15, sequence 012.
    const id = withCheckChar('94484019850615012')
    expect(checkResidentId(id, today)).toEqual({ ok: true, value: { id, document: 'foreign_permanent_resident', birthDate: '1985-06-15', sex: 'female' } })
    expect(checkResidentId(id.toLowerCase(), today).ok).toBe(true)
  })

  it('accepts someone born on 1900-01-01 and someone born today in China', () => {
    expect(checkResidentId(withCheckChar('11010119000101001'), today).ok).toBe(true)
    const bornToday = checkResidentId(withCheckChar('11010120250302001'), today)
    expect(bornToday.ok && bornToday.value.birthDate).toBe('2025-03-02')
  })

  it.each([
    ['', '请填写证件号码'],
    ['  \u3000 ', '请填写证件号码'],
    ['110105491231002', '这是旧的15位身份证号码，请填写现在使用的18位号码'],
    ['USA440185061501', '这是旧版外国人永久居留身份证的号码，这里只能填18位的新版号码；证件号码不填也可以提交'],
    ['11010519491231002', '证件号码应为18位，您填写了17位'],
    ['11010519491231002X1', '证件号码应为18位，您填写了19位'],
    ['1101051949123100XX', '证件号码前17位应是数字，最后一位是数字或字母X'],
    ['11010519491231002Y', '证件号码前17位应是数字，最后一位是数字或字母X'],
    ['11010519491231-02X', '证件号码前17位应是数字，最后一位是数字或字母X'],
    [withCheckChar('00000019900101123'), '身份证号码前两位不对，请对照证件再看一遍'],
    [withCheckChar('16000019900101123'), '身份证号码前两位不对，请对照证件再看一遍'],
    [withCheckChar('84000019900101123'), '身份证号码前两位不对，请对照证件再看一遍'],
    [withCheckChar('81010119900101123'), '港澳台居民居住证号码以810000、820000或830000开头，请对照证件再看一遍'],
    [withCheckChar('83000119900101123'), '港澳台居民居住证号码以810000、820000或830000开头，请对照证件再看一遍'],
    [withCheckChar('90084019850615012'), '永久居留身份证号码第2、3位不对，请对照证件再看一遍'],
    [withCheckChar('98184019850615012'), '永久居留身份证号码第2、3位不对，请对照证件再看一遍'],
    [withCheckChar('11010120230229001'), '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('11010119001301001'), '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('11010119900431001'), '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('11010119900100001'), '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    ['440524188001010014', '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('11010118991231001'), '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('11010120250303001'), '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('81000019901301123'), '居住证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    [withCheckChar('94484020300615012'), '永久居留身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍'],
    ['110105194912310021', '身份证号码有一位不对，请对照证件再看一遍'],
    ['11010519491231012X', '身份证号码有一位不对，请对照证件再看一遍'],
    [withWrongCheckChar('82000019900101123'), '居住证号码有一位不对，请对照证件再看一遍'],
    [withWrongCheckChar('94484019850615012'), '永久居留身份证号码有一位不对，请对照证件再看一遍'],
  ])('rejects %j in plain words', (input, message) => {
    expect(checkResidentId(input, today)).toEqual({ ok: false, message })
  })

  it('never speaks of a 校验位 or a code the person cannot see', () => {
    const valid = '11010519491231002X'
    for (let i = 0; i < 17; i += 1) {
      const changed = valid.slice(0, i) + (valid[i] === '1' ? '2' : '1') + valid.slice(i + 1)
      const result = checkResidentId(changed, today)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.message).not.toMatch(/校验|代码/)
    }
  })

  it('compares with today in China, not the UTC date', () => {
    const justBeforeMidnightInChina = new Date('2025-03-01T15:59:59Z')
    expect(checkResidentId(withCheckChar('11010120250302001'), justBeforeMidnightInChina)).toEqual({
      ok: false,
      message: '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍',
    })
  })

  it('uses the current date by default', () => {
    expect(checkResidentId(withCheckChar('11010129990101001'))).toEqual({
      ok: false,
      message: '身份证号码第7至14位是出生日期，这个日期不对，请对照证件再看一遍',
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
