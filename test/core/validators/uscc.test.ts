import { checkUscc } from '../../../src/core/validators/uscc'

// The check character written out from GB 32100-2015, to build fixtures for any prefix.
function withCheckChar(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += alphabet.indexOf(first17[i]) * weights[i]
  return first17 + alphabet[(31 - (sum % 31)) % 31]
}

// Published codes, each checked against the algorithm independently of this module.
const publishedCodes = [
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '914403001922038216', // 华为技术有限公司
  '91330100716105852F',
  '91110000802100433B',
  '9111000071093123XX',
  '12100000400000624D',
]

describe('checkUscc', () => {
  it.each(publishedCodes)('accepts %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code })
  })

  it('builds fixtures that agree with published codes', () => {
    expect(withCheckChar('91440300708461136')).toBe('91440300708461136T')
    expect(withCheckChar('91110000802100433')).toBe('91110000802100433B')
  })

  it.each(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y'])(
    'accepts registration authority %s',
    (authority) => {
      const code = withCheckChar(`${authority}1440300MA5F0000`.padEnd(17, '1'))
      expect(checkUscc(code)).toEqual({ ok: true, value: code })
    },
  )

  it('accepts a check character of 0, where 31 - (sum mod 31) is 31', () => {
    const code = findCodeWithCheckChar('0')
    expect(checkUscc(code)).toEqual({ ok: true, value: code })
  })

  it('does not check the embedded organisation code', () => {
    // L1234567 + 8 fails the GB 11714 check, as codes of 个体工商户 often do.
    expect(checkUscc('92440300L12345678R')).toEqual({ ok: true, value: '92440300L12345678R' })
  })

  it.each([
    ['91440300708461136t', '91440300708461136T'],
    ['  9144 0300 7084 6113 6T ', '91440300708461136T'],
    ['９１４４０３００７０８４６１１３６Ｔ', '91440300708461136T'],
    ['９１４４０３００７０８４６１１３６ｔ', '91440300708461136T'],
  ])('normalises %j', (input, value) => {
    expect(checkUscc(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', '请填写统一社会信用代码'],
    [' \u3000 ', '请填写统一社会信用代码'],
    ['9144030070846113OT', '统一社会信用代码中没有字母“O”，请检查是否应为数字0'],
    ['914403007084611I6T', '统一社会信用代码中没有字母“I”，请检查是否应为数字1'],
    ['91440300708461136Z', '统一社会信用代码中不会有“Z”，请对照营业执照再看一遍'],
    ['91440300708461136S', '统一社会信用代码中不会有“S”，请对照营业执照再看一遍'],
    ['91440300708461136V', '统一社会信用代码中不会有“V”，请对照营业执照再看一遍'],
    ['9144-0300708461136T', '统一社会信用代码中不会有“-”，请对照营业执照再看一遍'],
    ['91440300708461136', '统一社会信用代码应为18位，您填写了17位'],
    ['91440300708461136TT', '统一社会信用代码应为18位，您填写了19位'],
    [withCheckChar('01440300708461136'), '统一社会信用代码第1位不对，请对照营业执照再看一遍'],
    [withCheckChar('B1440300708461136'), '统一社会信用代码第1位不对，请对照营业执照再看一遍'],
    ['91440300708461136A', '统一社会信用代码有一位不对，请对照营业执照再看一遍'],
  ])('rejects %j', (input, message) => {
    expect(checkUscc(input)).toEqual({ ok: false, message })
  })

  it('notices a change to any one of the first 17 characters', () => {
    const valid = '91440300708461136T'
    for (let i = 0; i < 17; i += 1) {
      const replacement = valid[i] === '1' ? '2' : '1'
      const changed = valid.slice(0, i) + replacement + valid.slice(i + 1)
      expect(checkUscc(changed)).toEqual({ ok: false, message: '统一社会信用代码有一位不对，请对照营业执照再看一遍' })
    }
  })
})

function findCodeWithCheckChar(checkChar: string): string {
  for (let n = 0; n < 1000; n += 1) {
    const code = withCheckChar(`91440300MA5F${String(n).padStart(5, '0')}`)
    if (code.endsWith(checkChar)) return code
  }
  throw new Error(`no fixture ends in ${checkChar}`)
}
