import { type Check, fail, pass } from '../check'
import { toHalfWidth } from './half-width'

export function checkMobile(input: string): Check<string> {
  let digits = toHalfWidth(input).replace(/[\s-]/g, '')
  if (digits === '') return fail('请填写手机号码')

  if (digits.startsWith('+')) {
    if (!digits.startsWith('+86')) return fail('请填写中国大陆的手机号码')
    digits = digits.slice(3)
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4)
  } else if (/^86\d{11}$/.test(digits)) {
    digits = digits.slice(2)
  }

  if (!/^\d*$/.test(digits)) return fail('手机号码只能包含数字')
  if (!/^1\d{10}$/.test(digits)) return fail('手机号码应为11位数字，以1开头')
  if (!/^1[3-9]/.test(digits)) return fail('手机号码第2位应为3至9之间的数字，请核对')
  return pass(digits)
}

export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return '*'.repeat(mobile.length)
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4)
}
