/**
 * When an outbox on the device sends: on demand, at launch, whenever the network comes back, and
 * on a timer at the earliest planned retry. Shared by the wage-report outbox (report-outbox.ts)
 * and the feedback outboxes of 投诉建议 and 纠错 (feedback-outbox.ts); what one item's sending does is theirs.
 */
import { onReconnect } from './network-status'

// Past this, a planned retry is re-planned rather than trusted to a very long timer.
const MAX_TIMER_MS = 10 * 60_000

export interface OutboxRunnerOptions {
  /** The ids of the items to try now, in the order to try them. */
  due(): string[]
  /** Takes one item as far as it can go now; false when the service could not be reached. */
  advance(id: string): Promise<boolean>
  /** The earliest planned retry among waiting items, or null. */
  nextRetryAt(): number | null
  /** The network is back: waiting items become due at once. */
  reconnected(): void
}

export interface OutboxRunner {
  /** Sends what is due now. One run at a time: a call during a run joins it, and the run goes round again. */
  flush(): Promise<void>
  start(): void
  /** Stops listening to the network and cancels the planned retry (tests, and nothing else, need this). */
  stop(): void
}

export function outboxRunner({ due, advance, nextRetryAt, reconnected }: OutboxRunnerOptions): OutboxRunner {
  let flushing: Promise<void> | null = null
  let flushAgain = false
  let started = false
  let stopListening: (() => void) | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  async function run(): Promise<void> {
    do {
      flushAgain = false
      for (const id of due()) {
        // Without a network the others would only fail the same way, each after a timeout.
        if (!(await advance(id))) return
      }
    } while (flushAgain)
  }

  function planRetry(): void {
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
    const next = started ? nextRetryAt() : null
    if (next === null) return
    retryTimer = setTimeout(
      () => {
        retryTimer = null
        void flush()
      },
      Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now())),
    )
  }

  function flush(): Promise<void> {
    if (flushing !== null) {
      flushAgain = true
      return flushing
    }
    flushing = run()
      // Each step catches its own failures; this only keeps a surprise from leaving the outbox stuck.
      .catch(() => undefined)
      .finally(() => {
        flushing = null
        planRetry()
      })
    return flushing
  }

  return {
    flush,
    start() {
      if (started) return
      started = true
      stopListening = onReconnect(() => {
        reconnected()
        void flush()
      })
      void flush()
    },
    stop() {
      started = false
      stopListening?.()
      stopListening = null
      if (retryTimer !== null) clearTimeout(retryTimer)
      retryTimer = null
    },
  }
}
