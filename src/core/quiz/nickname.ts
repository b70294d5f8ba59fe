// The optional nickname of a contest participant, shown on the public score board: the app's form
// and the service judge it by the same rule.
import { type Check, fail, pass } from '../check'
import { cleanText, foldForChecks } from '../text-rules'

export const NICKNAME_MAX = 12

// Seven digits in a row, whatever separates them: the start of a phone or ID number.
const SEPARATORS = /[\s\-_.·•—–]/g
const LONG_NUMBER = /\d{7,}/

/** The nickname as stored, null when none was given; full-width digits (１３８…) are digits too. */
export function checkNickname(input: string | null | undefined): Check<string | null> {
  if (input === undefined || input === null) return pass(null)
  const cleaned = cleanText(input, { label: '昵称', multiline: false })
  if (!cleaned.ok) return cleaned
  if (cleaned.value === '') return fail('昵称不能只有空格')
  if (Array.from(cleaned.value).length > NICKNAME_MAX) return fail(`昵称请不超过${NICKNAME_MAX}个字`)
  if (LONG_NUMBER.test(foldForChecks(cleaned.value).replace(SEPARATORS, ''))) return fail('昵称里请不要填写电话号码、证件号码等个人信息')
  return cleaned
}
