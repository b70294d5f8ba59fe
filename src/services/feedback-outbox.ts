/**
 * A feedback outbox on the device (投诉建议 below, 纠错 in question-report.ts): an item
 * waits here, in storage, until the service has answered 2xx for it, and stays afterwards as the
 * device's record of it. Every attempt carries the id the item got when it was queued, as
 * Idempotency-Key, so the service keeps one row however often it arrives. The state machine is
 * src/core/feedback-outbox.ts; the shared runner (outbox-runner.ts) sends on queueing, on launch,
 * on reconnect and on the backoff timer, as it does for the wage-report outbox.
 */
import {
  feedbackSent,
  isDue,
  keepRecent,
  newQueuedFeedback,
  restoreQueuedFeedback,
  sendFailed,
  type FeedbackToSend,
  type QueuedFeedback,
} from '../core/feedback-outbox'
import { earliestRetry, parseRetryAfter, retryNow, startSending } from '../core/tips/outbox'
import { sendFeedback } from './feedback'
import { outboxRunner } from './outbox-runner'
import { newReportKey } from './report-draft'
import { readStored, writeStored } from './storage'

const SEND_TIMEOUT_MS = 20_000

/** The device refused to store the item, so it was not queued; the message says what to do. */
export class FeedbackStorageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeedbackStorageError'
  }
}

export interface FeedbackOutboxOptions {
  storageKey: 'pufa.feedback' | 'pufa.quiz.reports'
  /** What the person is told when the device cannot store the item. */
  storageFullMessage: string
}

export interface FeedbackOutbox {
  /**
   * Queues the item and starts sending it. Throws FeedbackStorageError when the device cannot
   * keep it, so the form keeps what the person wrote.
   */
  queue(item: FeedbackToSend): QueuedFeedback
  /** Every item kept on the device, oldest first; the same array until something changes. */
  list(): QueuedFeedback[]
  subscribe(listener: () => void): () => void
  /** Sends what is due now. One run at a time: a call during a run joins it, and the run goes round again. */
  flush(): Promise<void>
  /** On launch: what is stored is sent, again whenever the network comes back, and on the backoff timer. */
  start(): void
  /** Stops listening to the network and cancels the planned retry (tests, and nothing else, need this). */
  stop(): void
  /** Forgets the in-memory copy, so the next read comes from storage, as after a restart. */
  reload(): void
}

export function feedbackOutbox({ storageKey, storageFullMessage }: FeedbackOutboxOptions): FeedbackOutbox {
  let items: QueuedFeedback[] | null = null
  const listeners = new Set<() => void>()
  const notify = () => listeners.forEach((listener) => listener())

  function loaded(): QueuedFeedback[] {
    if (items === null) items = restoreQueuedFeedback(readStored(storageKey), Date.now())
    return items
  }

  /** Saves the list with `next` in place of the item with its id (or added); false when storage refused. */
  function put(next: QueuedFeedback): boolean {
    const current = loaded()
    const index = current.findIndex((item) => item.id === next.id)
    const updated = keepRecent(index < 0 ? [...current, next] : current.map((item, i) => (i === index ? next : item)))
    const saved = writeStored(storageKey, updated)
    // The service's answer happened either way: memory moves on, and storage catches up at the next save.
    items = updated
    notify()
    return saved
  }

  const get = (id: string) => loaded().find((item) => item.id === id) ?? null

  /** Sends one item; false when the service could not be reached. */
  async function send(id: string): Promise<boolean> {
    const item = get(id)
    if (item === null || !isDue(item, Date.now())) return true
    put(startSending(item))
    const result = await sendFeedback(item, { idempotencyKey: item.id, timeoutMs: SEND_TIMEOUT_MS })
    const now = get(id)
    if (now === null) return true
    // A 2xx means the service holds it (a resend gets the first receipt); the receipt itself is not needed on the phone.
    if (result.ok) {
      put(feedbackSent(now, Date.now()))
      return true
    }
    const failure = {
      status: result.status,
      code: result.code,
      message: result.message,
      fields: result.fields,
      retryAfterMs: parseRetryAfter(result.headers['retry-after'], Date.now()),
    }
    put(sendFailed(now, failure, Date.now(), Math.random))
    return result.status !== null
  }

  const runner = outboxRunner({
    due: () =>
      loaded()
        .filter((item) => isDue(item, Date.now()))
        .map((item) => item.id),
    advance: send,
    nextRetryAt: () => earliestRetry(loaded()),
    reconnected: () => {
      const now = Date.now()
      for (const item of loaded()) if (item.state === 'waiting') put(retryNow(item, now))
    },
  })

  return {
    queue(toSend) {
      const item = newQueuedFeedback(newReportKey(), toSend, Date.now())
      if (!put(item)) {
        items = null
        notify()
        throw new FeedbackStorageError(storageFullMessage)
      }
      void runner.flush()
      return item
    },
    list: loaded,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    flush: runner.flush,
    start: runner.start,
    stop: runner.stop,
    reload() {
      items = null
    },
  }
}

/** 投诉建议 sent from 我的 → 投诉建议. */
export const feedbackQueue = feedbackOutbox({
  storageKey: 'pufa.feedback',
  storageFullMessage: '手机存储空间不足，意见没有保存。请清理手机空间后再提交。',
})
