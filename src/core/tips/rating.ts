// How the reporter rates the handling of a report once it is closed (办结): once, with optional words.
// The app offers it on the status page; the service keeps it for staff and the annual figures.
import { type Check, fail, pass } from '../check'
import { hasUnreadableCharacters } from '../text-rules'

export const TIP_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
export type TipRating = (typeof TIP_RATINGS)[number]

export const TIP_RATING_NAMES: Readonly<Record<TipRating, string>> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

export const RATING_COMMENT_MAX = 300

export function isTipRating(value: unknown): value is TipRating {
  return typeof value === 'string' && (TIP_RATINGS as readonly string[]).includes(value)
}

/** The optional words of a rating: null when left empty. */
export function checkRatingComment(input: string | null | undefined): Check<string | null> {
  const text = (input ?? '').trim()
  if (text === '') return pass(null)
  if (Array.from(text).length > RATING_COMMENT_MAX) return fail(`评价的话请不超过${RATING_COMMENT_MAX}个字`)
  if (hasUnreadableCharacters(text)) return fail('评价的话中有无法识别的字符，请删除后再提交')
  return pass(text)
}
