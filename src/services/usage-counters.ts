/**
 * The anonymous usage counts on the device (src/core/usage-counters.ts): each event adds one to a
 * stored count, with no request of its own. Counts go to the service in batches, on launch, when
 * the app is hidden, and while it runs once enough have gathered (at most every few minutes).
 * They leave storage only when the service has taken them (2xx); without a network they wait.
 */
import { chinaDateOf } from '../core/calendar/working-days'
import { addCount, nextBatch, pendingTotal, restoreCounts, withoutRefused, withoutSent, type UsageCount, type UsageMetric } from '../core/usage-counters'
import type { CountersBody } from '../../server/counters/counters.schemas'
import { request } from './http'
import { readStored, writeStored } from './storage'

/** While the app runs, a batch goes once this many counts wait… */
const SEND_AT_COUNT = 20
/** …and this long has passed since the last attempt. */
const SEND_EVERY_MS = 5 * 60_000
/** Batches per sending, so that a long offline spell does not turn into a burst of requests. */
const MAX_BATCHES = 3
const SEND_TIMEOUT_MS = 15_000

let counts: UsageCount[] | null = null
let lastAttemptAt = 0
let sending: Promise<void> | null = null

const today = () => chinaDateOf(new Date())

function loaded(): UsageCount[] {
  if (counts === null) counts = restoreCounts(readStored('pufa.usageCounts'), today())
  return counts
}

// A refused write loses nothing yet: memory keeps the count, and the next write stores it.
function save(next: UsageCount[]): void {
  counts = next
  writeStored('pufa.usageCounts', next)
}

/** One more of each metric for `subject` today, in one storage write; sends only when enough have gathered. */
export function countUsage(metrics: UsageMetric | readonly UsageMetric[], subject: string): void {
  const day = today()
  save((typeof metrics === 'string' ? [metrics] : metrics).reduce((counts, metric) => addCount(counts, metric, subject, day), loaded()))
  if (pendingTotal(loaded()) >= SEND_AT_COUNT && Date.now() - lastAttemptAt >= SEND_EVERY_MS) void sendUsageCounts()
}

/** Sends what waits, in batches; one sending at a time (a call during one joins it). Never throws. */
export function sendUsageCounts(): Promise<void> {
  sending ??= sendBatches()
    .catch(() => undefined)
    .finally(() => {
      sending = null
    })
  return sending
}

async function sendBatches(): Promise<void> {
  lastAttemptAt = Date.now()
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = nextBatch(loaded(), today())
    if (batch.length === 0) return
    const body: CountersBody = { counts: batch }
    const result = await request<unknown>({ method: 'POST', path: '/api/v1/counters', body, timeoutMs: SEND_TIMEOUT_MS })
    if (result.ok) save(withoutSent(loaded(), batch))
    else if (result.status === 400) save(withoutRefused(loaded(), batch, result.fields))
    // No network, the service's trouble, too many requests: all stays for the next sending.
    else return
  }
}

/** The counts waiting on the device. */
export function pendingUsageCounts(): UsageCount[] {
  return loaded()
}

/** Forgets the in-memory copy, so the next read comes from storage, as after a restart (tests). */
export function reloadUsageCounts(): void {
  counts = null
  lastAttemptAt = 0
}
