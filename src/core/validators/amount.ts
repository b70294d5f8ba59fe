// Money is integer fen everywhere. Conversion works on the digit strings, never through
// floating point, so 0.29 yuan is exactly 29 fen.
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

const DEFAULT_MAX_YUAN = 100_000_000
// Beyond this many integer digits the fen value would no longer be an exact JS number.
const MAX_INTEGER_DIGITS = 13

export function checkAmountYuan(input: string, opts: { max?: number /* yuan */ } = {}): Check<number> {
  const text = toHalfWidth(input).trim().replace(/元$/, '').trim()
  if (text === '') return fail('请填写金额')
  if (text.startsWith('-')) return fail('金额不能是负数')
  if (text.startsWith('+')) return fail('金额前不用加“+”号，请直接填写数字')
  if (!/^[\d,.]+$/.test(text)) return fail('金额只能填写数字和小数点，例如 1234.56')

  const parts = text.split('.')
  if (parts.length > 2) return fail('金额中只能有一个小数点')
  const [integerText, fraction = ''] = parts
  if (integerText === '') return fail('小数点前面要有数字，例如 0.5')
  if (parts.length === 2 && fraction === '') return fail('小数点后面要有数字，或者去掉小数点')
  if (fraction.includes(',')) return fail('小数点后面不能有逗号')
  if (integerText.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(integerText)) {
    return fail('金额中的逗号位置不对，可以去掉逗号直接填写数字')
  }
  if (fraction.length > 2) return fail('金额最多保留两位小数')

  const integerDigits = integerText.replace(/,/g, '').replace(/^0+/, '')
  const maxFen = Math.round((opts.max ?? DEFAULT_MAX_YUAN) * 100)
  if (integerDigits.length > MAX_INTEGER_DIGITS) return fail('金额过大，请核对')
  const fen = Number(integerDigits || '0') * 100 + Number(fraction.padEnd(2, '0'))
  if (fen === 0) return fail('金额应大于0')
  if (fen > maxFen) return fail('金额过大，请核对')
  return pass(fen)
}

export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Expected an integer number of fen, got ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${sign}${yuan}.${digits.slice(-2)}`
}
