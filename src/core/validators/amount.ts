// Money is integer fen everywhere. Conversion works on the digit strings, never through
// floating point, so 0.29 yuan is exactly 29 fen and 1.25万 exactly 1,250,000 fen.
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

/** An amount as the person wrote it: its value, and whether they gave it as an estimate (约5万, 5万多). */
export interface Amount {
  fen: number
  approximate: boolean
}

const DEFAULT_MAX_YUAN = 100_000_000
// Beyond this many digits the fen value would no longer be an exact JS number.
const MAX_FEN_DIGITS = 15
// Longest first, so that 大约 is not read as 大 + 约.
const APPROXIMATE_BEFORE = ['差不多', '大约', '大概', '将近', '接近', '估计', '约', '近']
const APPROXIMATE_AFTER = ['左右', '上下', '以上', '多', '余', '来']
const CURRENCY_BEFORE = ['人民币', '¥', '￥']
const CURRENCY_AFTER = ['块钱', '元整', '元', '块']
// How many places each unit moves the decimal point; w and k are how people type 万 and 千 in a hurry.
const UNIT_PLACES: Record<string, number> = { 万: 4, w: 4, W: 4, 千: 3, k: 3, K: 3 }
const CHINESE_NUMERALS = /[零〇一二两三四五六七八九十百亿壹贰叁肆伍陆柒捌玖拾佰仟]/
const EXAMPLES = '例如 12800.50、5万 或 约5万'

export function checkAmountYuan(input: string, opts: { max?: number /* yuan */ } = {}): Check<Amount> {
  let text = toHalfWidth(input).replace(/\s/g, '')
  if (text === '') return fail('请填写金额')

  let approximate = false
  const strip = (words: readonly string[], at: 'start' | 'end', marksEstimate: boolean): boolean => {
    const word = words.find((candidate) => (at === 'start' ? text.startsWith(candidate) : text.endsWith(candidate)))
    if (word === undefined) return false
    text = at === 'start' ? text.slice(word.length) : text.slice(0, -word.length)
    approximate ||= marksEstimate
    return true
  }
  while (strip(CURRENCY_BEFORE, 'start', false) || strip(APPROXIMATE_BEFORE, 'start', true));
  while (strip(CURRENCY_AFTER, 'end', false) || strip(APPROXIMATE_AFTER, 'end', true));
  const unit = text.slice(-1)
  const places = UNIT_PLACES[unit] ?? 0
  if (places > 0) {
    text = text.slice(0, -1)
    // 50多万: the estimate sits between the number and its unit.
    while (strip(APPROXIMATE_AFTER, 'end', true));
  }

  if (text === '') return fail(`请写上金额的数目，${EXAMPLES}`)
  if (text.startsWith('-')) return fail('金额不能是负数')
  if (text.startsWith('+')) return fail('金额前不用加“+”号，请直接填写数字')
  if (CHINESE_NUMERALS.test(text)) return fail(`金额请用数字写，${EXAMPLES}`)
  if (/[万千wWkK]/.test(text)) return fail('金额请写成一个数，例如 55000 或 5.5万')
  if (!/^[\d,.]+$/.test(text)) return fail(`金额只能写数字，可以带“元”“万”，${EXAMPLES}`)

  const parts = text.split('.')
  if (parts.length > 2) return fail('金额中只能有一个小数点')
  const [integerText, fraction = ''] = parts
  if (integerText === '') return fail('小数点前面要有数字，例如 0.5')
  if (parts.length === 2 && fraction === '') return fail('小数点后面要有数字，或者去掉小数点')
  if (fraction.includes(',')) return fail('小数点后面不能有逗号')
  if (integerText.includes(',') && !/^\d{1,3}(,\d{3})+$/.test(integerText)) {
    return fail('金额中的逗号位置不对，可以去掉逗号直接填写数字')
  }
  // Two decimals of yuan, or as many more as the unit moves the point: 1.2345万 is 12345 yuan.
  if (fraction.length > places + 2) return fail(places === 0 ? '金额最多保留两位小数' : '金额最多精确到分，请核对')

  const fenDigits = `${integerText.replace(/,/g, '')}${fraction.padEnd(places + 2, '0')}`.replace(/^0+/, '')
  if (fenDigits.length > MAX_FEN_DIGITS) return fail('金额过大，请核对')
  const fen = Number(fenDigits || '0')
  if (fen === 0) return fail('金额应大于0')
  if (fen > Math.round((opts.max ?? DEFAULT_MAX_YUAN) * 100)) return fail('金额过大，请核对')
  return pass({ fen, approximate })
}

export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Expected an integer number of fen, got ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${sign}${yuan}.${digits.slice(-2)}`
}
