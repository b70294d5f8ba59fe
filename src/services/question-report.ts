/**
 * The 纠错 outbox: a report about a practice question waits here, in storage, until the service
 * has answered 201 for it, and stays afterwards as the device's record of it. Every attempt
 * carries the id the report got when it was queued, as Idempotency-Key, so the service keeps one
 * row however often it arrives. The state machine is src/core/quiz/question-report.ts; this
 * runner sends on queueing, on launch, on reconnect and on the backoff timer, as the wage-report
 * outbox (report-outbox.ts) does.
 */
import {
  isDue,
  keepRecent,
  newQuestionReport,
  reportSent,
  restoreQuestionReports,
  sendFailed,
  type QuestionReport,
} from '../core/quiz/question-report'
import { earliestRetry, parseRetryAfter, retryNow, startSending } from '../core/tips/outbox'
import { sendFeedback } from './feedback'
import { outboxRunner } from './outbox-runner'
import { newReportKey } from './report-draft'
import { readStored, writeStored } from './storage'

export type { QuestionReport, QuestionReportState } from '../core/quiz/question-report'

const STORAGE_KEY = 'pufa.quiz.reports'
const SEND_TIMEOUT_MS = 20_000

/** The device refused to store the report, so it was not queued. */
export class QuestionReportStorageError extends Error {
  constructor() {
    super('手机存储空间不足，纠错没有保存。请清理手机空间后再提交。')
    this.name = 'QuestionReportStorageError'
  }
}

let reports: QuestionReport[] | null = null
const listeners = new Set<() => void>()

function loaded(): QuestionReport[] {
  if (reports === null) reports = restoreQuestionReports(readStored(STORAGE_KEY), Date.now())
  return reports
}

/** Saves the list with `next` in place of the report with its id (or added); false when storage refused. */
function put(next: QuestionReport): boolean {
  const current = loaded()
  const index = current.findIndex((report) => report.id === next.id)
  const updated = keepRecent(index < 0 ? [...current, next] : current.map((report, i) => (i === index ? next : report)))
  const saved = writeStored(STORAGE_KEY, updated)
  // The service's answer happened either way: memory moves on, and storage catches up at the next save.
  reports = updated
  listeners.forEach((listener) => listener())
  return saved
}

function get(id: string): QuestionReport | null {
  return loaded().find((report) => report.id === id) ?? null
}

/**
 * Queues a report about the question (content as composeQuestionReport made it) and starts
 * sending it. Throws QuestionReportStorageError when the device cannot keep it, so the form keeps
 * what the person wrote.
 */
export function queueQuestionReport(questionId: string, content: string): QuestionReport {
  const report = newQuestionReport(newReportKey(), questionId, content, Date.now())
  if (!put(report)) {
    reports = null
    listeners.forEach((listener) => listener())
    throw new QuestionReportStorageError()
  }
  void flushQuestionReports()
  return report
}

/** Every report kept on the device, oldest first; the same array until something changes. */
export function listQuestionReports(): QuestionReport[] {
  return loaded()
}

export function getQuestionReport(id: string): QuestionReport | null {
  return get(id)
}

export function subscribeQuestionReports(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Sends what is due now. One run at a time: a call during a run joins it, and the run goes round again. */
export function flushQuestionReports(): Promise<void> {
  return runner.flush()
}

/** On launch: what is stored is sent, again whenever the network comes back, and on the backoff timer. */
export function startQuestionReports(): void {
  runner.start()
}

/** Stops listening to the network and cancels the planned retry (tests, and nothing else, need this). */
export function stopQuestionReports(): void {
  runner.stop()
}

/** Forgets the in-memory copy, so the next read comes from storage, as after a restart. */
export function reloadQuestionReports(): void {
  reports = null
}

const runner = outboxRunner({
  due: () =>
    loaded()
      .filter((report) => isDue(report, Date.now()))
      .map((report) => report.id),
  advance: send,
  nextRetryAt: () => earliestRetry(loaded()),
  reconnected: () => {
    const now = Date.now()
    for (const report of loaded()) if (report.state === 'waiting') put(retryNow(report, now))
  },
})

/** Sends one report; false when the service could not be reached. */
async function send(id: string): Promise<boolean> {
  const report = get(id)
  if (report === null || !isDue(report, Date.now())) return true
  put(startSending(report))
  const result = await sendFeedback('question_report', report.content, report.questionId, { clientId: report.id, timeoutMs: SEND_TIMEOUT_MS })
  const now = get(id)
  if (now === null) return true
  // A 2xx means the service holds it (a resend gets the first receipt); the receipt itself is not needed on the phone.
  if (result.ok) {
    put(reportSent(now, Date.now()))
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
