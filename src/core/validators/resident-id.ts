// The 18-character identity numbers a worker may hold, all built like the 公民身份号码 of
// GB 11643-1999 (six address digits, the birth date, a sequence, the MOD 11-2 check character):
// - 居民身份证: a mainland address code;
// - 港澳台居民居住证: 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan) as its address code;
// - 外国人永久居留身份证 (2023 version): 9, the province where it was issued, a 3-digit nationality
//   code, then the birth date, sequence and check character in the same places as the others.
import { chinaDateOf, isValidDate } from '../calendar/working-days'
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

export type IdDocument = 'resident' | 'residence_permit' | 'foreign_permanent_resident'

export interface ResidentId {
  id: string
  document: IdDocument
  birthDate: string
  sex: 'male' | 'female'
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
// Mainland provinces, plus 71 Taiwan.
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71,
])
const PERMIT_PREFIXES = ['810000', '820000', '830000']
const EARLIEST_BIRTH_DATE = '1900-01-01'
// How each number is named back to the person, so a message speaks of the card in their hand.
const NUMBER_NAMES: Record<IdDocument, string> = {
  resident: '身份证号码',
  residence_permit: '居住证号码',
  foreign_permanent_resident: '永久居留身份证号码',
}
const LOOK_AGAIN = '请对照证件再看一遍'

export function checkResidentId(input: string, today: Date = new Date()): Check<ResidentId> {
  const id = toHalfWidth(input).replace(/\s/g, '').toUpperCase()
  if (id === '') return fail('请填写证件号码')
  if (/^\d{15}$/.test(id)) return fail('这是旧的15位身份证号码，请填写现在使用的18位号码')
  // The 2004 and 2017 versions, still valid until they expire: three letters of the nationality, then digits.
  if (/^[A-Z]{3}\d{12}$/.test(id)) return fail('这是旧版外国人永久居留身份证的号码，这里只能填18位的新版号码；证件号码不填也可以提交')
  if (id.length !== 18) return fail(`证件号码应为18位，您填写了${id.length}位`)
  if (!/^\d{17}[\dX]$/.test(id)) return fail('证件号码前17位应是数字，最后一位是数字或字母X')

  const document = documentOf(id)
  const name = NUMBER_NAMES[document]
  if (document === 'residence_permit' && !PERMIT_PREFIXES.includes(id.slice(0, 6))) {
    return fail(`港澳台居民居住证号码以810000、820000或830000开头，${LOOK_AGAIN}`)
  }
  if (document === 'foreign_permanent_resident' && !PROVINCE_CODES.has(Number(id.slice(1, 3)))) {
    return fail(`永久居留身份证号码第2、3位不对，${LOOK_AGAIN}`)
  }
  if (document === 'resident' && !PROVINCE_CODES.has(Number(id.slice(0, 2)))) return fail(`身份证号码前两位不对，${LOOK_AGAIN}`)

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isValidDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > chinaDateOf(today)) {
    return fail(`${name}第7至14位是出生日期，这个日期不对，${LOOK_AGAIN}`)
  }
  if (id[17] !== residentIdCheckChar(id.slice(0, 17))) return fail(`${name}有一位不对，${LOOK_AGAIN}`)

  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female'
  return pass({ id, document, birthDate, sex })
}

function documentOf(id: string): IdDocument {
  if (id.startsWith('9')) return 'foreign_permanent_resident'
  if (/^8[123]/.test(id)) return 'residence_permit'
  return 'resident'
}

export function maskResidentId(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

function residentIdCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0)
  return CHECK_CHARS[sum % 11]
}
