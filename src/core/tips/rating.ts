// How the reporter rates the handling of a report once it is closed (办结): once, with optional words.
// The app offers it on the status page; the service keeps it for staff and the annual figures.
import { type Check, fail, pass } from '../check'
import { cleanText } from '../text-rules'

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
  const cleaned = cleanText(input ?? '', { label: '评价的话' })
  if (!cleaned.ok) return cleaned
  if (cleaned.value === '') return pass(null)
  if (Array.from(cleaned.value).length > RATING_COMMENT_MAX) return fail(`评价的话请不超过${RATING_COMMENT_MAX}个字`)
  return cleaned
}
