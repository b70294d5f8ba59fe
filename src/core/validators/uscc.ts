// 统一社会信用代码 (GB 32100-2015).
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

// I, O, Z, S and V are left out because they are easily mistaken for 1, 0, 2, 5 and U.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
// 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管,
// A 中央军委改革和编制办公室, N 农业, Y 其他.
const REGISTRATION_AUTHORITIES = '123456789ANY'
const LOOK_ALIKES: Record<string, string> = { I: '数字1', O: '数字0' }
const LOOK_AGAIN = '请对照营业执照再看一遍'

export function checkUscc(input: string): Check<string> {
  const code = toHalfWidth(input).replace(/\s/g, '').toUpperCase()
  if (code === '') return fail('请填写统一社会信用代码')

  const stray = [...code].find((char) => !ALPHABET.includes(char))
  if (stray !== undefined) {
    const lookAlike = LOOK_ALIKES[stray]
    return fail(
      lookAlike
        ? `统一社会信用代码中没有字母“${stray}”，请检查是否应为${lookAlike}`
        : `统一社会信用代码中不会有“${stray}”，${LOOK_AGAIN}`,
    )
  }
  if (code.length !== 18) return fail(`统一社会信用代码应为18位，您填写了${code.length}位`)
  if (!REGISTRATION_AUTHORITIES.includes(code[0])) return fail(`统一社会信用代码第1位不对，${LOOK_AGAIN}`)
  if (code[17] !== usccCheckChar(code.slice(0, 17))) return fail(`统一社会信用代码有一位不对，${LOOK_AGAIN}`)
  return pass(code)
}

function usccCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * ALPHABET.indexOf(first17[i]), 0)
  return ALPHABET[(31 - (sum % 31)) % 31]
}
