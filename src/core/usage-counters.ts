/**
 * Anonymous aggregate usage counters (issue 12): how often explainers are read and practice
 * questions answered, per China day. The app adds up counts on the phone and sends them in
 * batches to POST /api/v1/counters; the service adds each batch to its row in usage_counters.
 * Only metric, subject, day and count ever leave the phone: no user, device or batch id.
 *
 * - policy_read: subject = the explainer's (policy item) id; one per page view.
 * - practice_answered / practice_right: subject = the practice question's category
 *   (POLICY_CATEGORIES in src/core/content/model.ts).
 */
export const USAGE_METRICS = ['policy_read', 'practice_answered', 'practice_right'] as const
export type UsageMetric = (typeof USAGE_METRICS)[number]

export interface UsageCount {
  metric: UsageMetric
  subject: string
  /** China date, 'YYYY-MM-DD'. */
  day: string
  count: number
}

/** What the service accepts; the app keeps to the same bounds. */
export const USAGE_COUNTER_LIMITS = {
  /** Entries in one batch. */
  maxEntries: 200,
  /** The most one entry may add. */
  maxCount: 1000,
  /** An id or a category name. */
  maxSubjectLength: 64,
  /** Days back (China time) a count may still be sent for; older ones are dropped. */
  maxAgeDays: 14,
} as const

export function isUsageMetric(value: unknown): value is UsageMetric {
  return typeof value === 'string' && (USAGE_METRICS as readonly string[]).includes(value)
}
