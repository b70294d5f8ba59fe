// 公民身份号码 (GB 11643-1999).
import { chinaDateOf, isValidDate } from '../calendar/working-days'
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

export interface ResidentId {
  id: string
  birthDate: string
  sex: 'male' | 'female'
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
// Mainland provinces, plus 71 Taiwan, 81 Hong Kong, 82 Macao and 83 (Taiwan residents' permits).
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
])
const EARLIEST_BIRTH_DATE = '1900-01-01'

export function checkResidentId(input: string, today: Date = new Date()): Check<ResidentId> {
  const id = toHalfWidth(input).replace(/\s/g, '').toUpperCase()
  if (id === '') return fail('请填写身份证号码')
  if (/^\d{15}$/.test(id)) return fail('这是旧的15位身份证号码，请填写现在使用的18位号码')
  if (id.length !== 18) return fail(`身份证号码应为18位，您填写了${id.length}位`)
  if (!/^\d{17}[\dX]$/.test(id)) return fail('身份证号码前17位应为数字，最后一位为数字或字母X')
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return fail('身份证号码前两位不是有效的省份代码，请核对')

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isValidDate(birthDate)) return fail('身份证号码中的出生日期（第7至14位）不存在，请核对')
  if (birthDate < EARLIEST_BIRTH_DATE) return fail('身份证号码中的出生日期早于1900年，请核对')
  if (birthDate > chinaDateOf(today)) return fail('身份证号码中的出生日期晚于今天，请核对')

  if (id[17] !== residentIdCheckChar(id.slice(0, 17))) return fail('身份证号码校验位不正确，请核对后重新填写')

  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female'
  return pass({ id, birthDate, sex })
}

export function maskResidentId(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

function residentIdCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0)
  return CHECK_CHARS[sum % 11]
}
