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
import { addDays } from './calendar/day'

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
  /** An explainer id (as the content model allows) or a category name. */
  maxSubjectLength: 200,
  /** Days (China time, today included) a count may still be sent for; older ones are dropped. */
  maxAgeDays: 14,
} as const

export function isUsageMetric(value: unknown): value is UsageMetric {
  return typeof value === 'string' && (USAGE_METRICS as readonly string[]).includes(value)
}

/** The first day, counting back from `today`, whose counts are still accepted. */
export function oldestCountedDay(today: string): string {
  return addDays(today, 1 - USAGE_COUNTER_LIMITS.maxAgeDays)
}

const sameRow = (a: Omit<UsageCount, 'count'>, b: Omit<UsageCount, 'count'>) => a.metric === b.metric && a.subject === b.subject && a.day === b.day

/** One more of `metric` for `subject` on `day`, merged into its entry; an entry stops at the service's maximum. */
export function addCount(counts: readonly UsageCount[], metric: UsageMetric, subject: string, day: string): UsageCount[] {
  const row = { metric, subject, day }
  const index = counts.findIndex((entry) => sameRow(entry, row))
  if (index < 0) return [...counts, { ...row, count: 1 }]
  return counts.map((entry, i) => (i === index ? { ...entry, count: Math.min(USAGE_COUNTER_LIMITS.maxCount, entry.count + 1) } : entry))
}

/** All counts pending, summed. */
export function pendingTotal(counts: readonly UsageCount[]): number {
  return counts.reduce((sum, entry) => sum + entry.count, 0)
}

/** What one request carries: the oldest entries the service still takes, up to its maximum. */
export function nextBatch(counts: readonly UsageCount[], today: string): UsageCount[] {
  const oldest = oldestCountedDay(today)
  return counts.filter((entry) => entry.day >= oldest && entry.day <= today).slice(0, USAGE_COUNTER_LIMITS.maxEntries)
}

/**
 * The service took `sent` (2xx): it leaves the pending counts, and what was counted while it was
 * on its way stays. A batch whose answer was lost is sent again and may be counted twice: a small
 * error in aggregate figures, accepted rather than giving the phone an id the service could follow.
 */
export function withoutSent(counts: readonly UsageCount[], sent: readonly UsageCount[]): UsageCount[] {
  return counts.flatMap((entry) => {
    const taken = sent.find((other) => sameRow(other, entry))?.count ?? 0
    return entry.count > taken ? [{ ...entry, count: entry.count - taken }] : []
  })
}

/**
 * The service refused a batch (400): the entries it named (`counts.3.day`) go, the others stay
 * for the next batch. Without a named entry nothing in the batch would ever be taken: all of it goes.
 */
export function withoutRefused(counts: readonly UsageCount[], sent: readonly UsageCount[], fields: Record<string, string>): UsageCount[] {
  const named = Object.keys(fields).flatMap((path) => {
    const match = /^counts\.(\d+)(\.|$)/.exec(path)
    return match && Number(match[1]) < sent.length ? [sent[Number(match[1])]] : []
  })
  return withoutSent(counts, named.length > 0 ? named : sent)
}

/** Storage can hold anything (an older app, damage): the whole entries still worth sending, merged. */
export function restoreCounts(raw: unknown, today: string): UsageCount[] {
  if (!Array.isArray(raw)) return []
  const oldest = oldestCountedDay(today)
  let counts: UsageCount[] = []
  for (const value of raw as unknown[]) {
    // A day after today was counted under a wrong clock: it would never be taken.
    if (!isUsageCount(value) || value.day < oldest || value.day > today) continue
    const index = counts.findIndex((entry) => sameRow(entry, value))
    const { metric, subject, day, count } = value
    if (index < 0) counts = [...counts, { metric, subject, day, count }]
    else counts[index] = { ...counts[index], count: Math.min(USAGE_COUNTER_LIMITS.maxCount, counts[index].count + count) }
  }
  return counts
}

function isUsageCount(value: unknown): value is UsageCount {
  const entry = value as Partial<Record<keyof UsageCount, unknown>> | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isUsageMetric(entry.metric) &&
    typeof entry.subject === 'string' &&
    entry.subject.length > 0 &&
    entry.subject.length <= USAGE_COUNTER_LIMITS.maxSubjectLength &&
    typeof entry.day === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(entry.day) &&
    Number.isInteger(entry.count) &&
    (entry.count as number) >= 1 &&
    (entry.count as number) <= USAGE_COUNTER_LIMITS.maxCount
  )
}
