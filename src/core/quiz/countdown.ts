/**
 * The optional per-question time limit of practice (DESIGN.md section 5): untimed unless the
 * person chooses a limit, and never timed in elder mode. A question whose time runs out counts as
 * answered wrong with nothing chosen (round.ts scores an empty answer wrong).
 */

/** The limits offered, in seconds; 0 is untimed, the default. */
export const QUESTION_TIME_LIMITS = [0, 30, 60] as const
export type QuestionTimeLimit = (typeof QUESTION_TIME_LIMITS)[number]

/** The time at which a person is told, once, that little is left. */
export const HURRY_AT_SECONDS = 10

/** The limit a round uses: what was asked for if it is one on offer, and always none in elder mode. */
export function roundTimeLimit(requested: unknown, elderMode: boolean): QuestionTimeLimit {
  if (elderMode) return 0
  const seconds = typeof requested === 'string' && /^\d+$/.test(requested) ? Number(requested) : requested
  return QUESTION_TIME_LIMITS.find((limit) => limit === seconds) ?? 0
}

/** Whole seconds until `at`, rounded up (so 「剩余 1 秒」 shows until the very end); never below 0. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}

/** Seconds left of a question's limit; never more than the limit, even if the device's clock is set back meanwhile. */
export function secondsLeft(limitSeconds: number, startedAt: number, now: number): number {
  return Math.min(limitSeconds, secondsUntil(startedAt + limitSeconds * 1000, now))
}

/**
 * What screen readers are told, changing only twice per question rather than every second: the
 * limit when the question appears, then once when HURRY_AT_SECONDS remain. Empty once it is up
 * (the feedback that follows says 时间到).
 */
export function countdownAnnouncement(limitSeconds: number, left: number): string {
  if (left <= 0) return ''
  if (left <= HURRY_AT_SECONDS && limitSeconds > HURRY_AT_SECONDS) return `还剩${HURRY_AT_SECONDS}秒，请尽快作答`
  return `本题限时${limitSeconds}秒`
}

/**
 * Elder mode's time left, in place of a ticking clock: calm words that change once a minute, in
 * whole minutes that never promise more time than there is (8分59秒 is 「还剩约8分钟」), and in the
 * last minute 「还剩不到1分钟」.
 */
export function calmTimeLeftWords(seconds: number): string {
  if (seconds <= 0) return '时间到'
  if (seconds < 60) return '还剩不到1分钟'
  return `还剩约${Math.floor(seconds / 60)}分钟`
}
