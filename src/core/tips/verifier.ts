// What opens a report's status with its tracking code: the access key of an anonymous report, or
// the last four digits of the reporter's contact number (a mobile or a landline). Checked on the
// phone first, so that a typo does not spend one of the service's rate-limited lookups.
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from '../validators/half-width'
import { parseAccessKey } from './tracking-code'

export function parseVerifier(input: string): Check<string> {
  const text = toHalfWidth(input).trim()
  if (text === '') return fail('请填写查询密钥或电话号码后四位')
  if (/^\d+$/.test(text)) return text.length === 4 ? pass(text) : fail('电话号码后四位应为4位数字')
  return parseAccessKey(text)
}
