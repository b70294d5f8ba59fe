// A contact number in mainland China: a mobile, or a landline with its area code. Normalised to its
// digits (a landline keeps the leading 0 of its area code), so the same phone always reads the same.
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

// What people put between the groups: spaces, dashes of every width, brackets round the area code.
const SEPARATORS = /[\s\-\u2010-\u2015()]/g
// 010 and 020–029 are followed by 8 digits; every other area code (0 and three digits) by 7 or 8.
const SHORT_AREA_CODE = /^0(10|2\d)/
const LONG_AREA_CODE = /^0[3-9]\d\d/

export function checkPhone(input: string): Check<string> {
  const written = toHalfWidth(input)
  let digits = written.replace(SEPARATORS, '')
  if (digits === '') return fail('请填写联系电话')
  if (/转|分机/.test(digits)) return fail('分机号请写在情况说明里，这里只填电话号码')

  if (digits.startsWith('+')) {
    if (!digits.startsWith('+86')) return fail('请填写中国大陆的电话号码')
    digits = withTrunkZero(digits.slice(3))
  } else if (digits.startsWith('0086')) {
    digits = withTrunkZero(digits.slice(4))
  } else if (/^86\d{11}$/.test(digits)) {
    digits = digits.slice(2)
  }

  if (!/^\d*$/.test(digits)) return fail('电话号码只能填写数字，可以用空格或短横线隔开')
  if (digits.startsWith('1')) return checkMobileDigits(digits)
  if (digits.startsWith('0')) return checkLandlineDigits(digits)
  if (/^[2-9]\d{6,7}$/.test(digits)) return fail('固定电话要加上区号，例如 020-83212345')
  return fail('请填写11位手机号码，或者带区号的固定电话')
}

// In the international form a landline drops the 0 of its area code (+86 20 …).
function withTrunkZero(national: string): string {
  return national === '' || national.startsWith('1') || national.startsWith('0') ? national : `0${national}`
}

function checkMobileDigits(digits: string): Check<string> {
  if (digits.length !== 11) return fail(`手机号码应为11位，您填写了${digits.length}位`)
  if (!/^1[3-9]/.test(digits)) return fail('手机号码第2位应是3到9中的一个，请再看一遍')
  return pass(digits)
}

function checkLandlineDigits(digits: string): Check<string> {
  if (/^01[3-9]\d{9}$/.test(digits)) return fail('手机号码前面不用加0，请去掉开头的0')
  const areaCode = SHORT_AREA_CODE.exec(digits)?.[0] ?? LONG_AREA_CODE.exec(digits)?.[0]
  if (areaCode === undefined) return fail('固定电话的区号不对，例如广州是020，佛山是0757')
  const local = digits.slice(areaCode.length)
  const lengths = areaCode.length === 3 ? [8] : [7, 8]
  if (!lengths.includes(local.length) || !/^[2-9]/.test(local)) {
    return fail(areaCode.length === 3 ? `区号${areaCode}后面应是8位电话号码，请再看一遍` : `区号${areaCode}后面应是7位或8位电话号码，请再看一遍`)
  }
  return pass(digits)
}

/** 138****5678, 020****2345: the first three and last four digits stay, so staff can tell numbers apart. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}
