/**
 * The report outbox: a submitted report waits here, in storage, until the service has answered
 * 201 for it, and stays afterwards as the device's record (我的反映). Photos are uploaded first,
 * each once (its uploadId is saved), then the report is posted with the Idempotency-Key the form
 * made for it, the same key on every attempt. The state machine is src/core/tips/outbox.ts;
 * this runner performs its steps, on queueing, on launch, on reconnect and on the backoff timer.
 */
import {
  earliestRetry,
  newOutboxReport,
  nextStep,
  parseRetryAfter,
  photoMissing,
  photoUploaded,
  reportAccepted,
  requeue,
  restoreOutbox,
  retryNow,
  sendFailed,
  startSending,
  uploadFailed,
  type OutboxFailure,
  type OutboxReceipt,
  type OutboxReport,
} from '../core/tips/outbox'
import type { ReportPayload } from '../core/tips/report'
import { deviceHeader } from './device-id'
import { withWeChatSession } from './wechat-session'
import { uploadEvidence } from './evidence-upload'
import { request, type HttpFailure } from './http'
import { outboxRunner } from './outbox-runner'
import { discardPhoto, keepPhoto, openPhoto } from './photo-files'
import { newReportKey } from './report-draft'
import { readStored, writeStored } from './storage'

export type { OutboxPhoto, OutboxReceipt, OutboxReport, OutboxState } from '../core/tips/outbox'

const STORAGE_KEY = 'pufa.outbox'
const SEND_TIMEOUT_MS = 30_000

/** The outbox could not be written to the device, so the report was not queued. */
export class OutboxStorageError extends Error {
  constructor() {
    super('手机存储空间不足，反映没有保存。请清理手机空间后再提交。')
    this.name = 'OutboxStorageError'
  }
}

let reports: OutboxReport[] | null = null
let newestFirst: OutboxReport[] | null = null
const listeners = new Set<() => void>()

function loaded(): OutboxReport[] {
  if (reports === null) reports = restoreOutbox(readStored(STORAGE_KEY), Date.now())
  return reports
}

/** Saves the whole outbox with `next` in place of the report with key `replacing`; false when storage refused. */
function put(next: OutboxReport, replacing = next.key): boolean {
  const current = loaded()
  const index = current.findIndex((report) => report.key === replacing)
  const updated = index < 0 ? [...current, next] : current.map((report, i) => (i === index ? next : report))
  const saved = writeStored(STORAGE_KEY, updated)
  // A failed save still moves the report on in memory: the service's answer happened either way,
  // and losing it would be worse. The device catches up at the next successful save.
  reports = updated
  newestFirst = null
  listeners.forEach((listener) => listener())
  return saved
}

function get(key: string): OutboxReport | null {
  return loaded().find((report) => report.key === key) ?? null
}

/**
 * Puts a report in the outbox and starts sending it. The same key again returns the report
 * already queued, unless the service turned it back (needs_attention): then the corrected payload
 * and photos replace it, under the same key, or under a new one when the service holds another
 * report under the old key (see requeue). The returned report's key is the one to follow.
 * Throws OutboxStorageError when the device cannot store it, so the form keeps its draft.
 */
export function queueReport(key: string, payload: ReportPayload, photoPaths: string[]): OutboxReport {
  const now = Date.now()
  const existing = get(key)
  const report = existing ? requeue(existing, payload, photoPaths, now, newReportKey) : newOutboxReport(key, payload, photoPaths, now)
  if (report === existing) {
    void flushOutbox()
    return report
  }
  if (!put(report, key)) {
    // Nothing half-stored: the previous version (or nothing) is what the device keeps.
    reports = null
    newestFirst = null
    listeners.forEach((listener) => listener())
    throw new OutboxStorageError()
  }
  // Photos the correction left out are no longer needed by anything.
  existing?.photos.filter((old) => !photoPaths.includes(old.path)).forEach((old) => discardPhoto(old.path))
  void keepPhotos(report.key).finally(() => void flushOutbox())
  return report
}

export function listOutbox(): OutboxReport[] {
  if (newestFirst === null) newestFirst = [...loaded()].sort((a, b) => b.createdAt - a.createdAt)
  return newestFirst
}

export function getOutboxReport(key: string): OutboxReport | null {
  return get(key)
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Sends what is due now. One run at a time: a call during a run joins it, and the run goes round again. */
export function flushOutbox(): Promise<void> {
  return runner.flush()
}

/** 立即重试: a waiting report is sent now instead of at its planned time. */
export function retryOutboxReport(key: string): Promise<void> {
  const report = get(key)
  if (report) put(retryNow(report, Date.now()))
  return flushOutbox()
}

/** On launch: what is stored is sent, again whenever the network comes back, and on the backoff timer. */
export function startOutbox(): void {
  runner.start()
}

/** Stops listening to the network and cancels the planned retry (tests, and nothing else, need this). */
export function stopOutbox(): void {
  runner.stop()
}

/** Forgets the in-memory copy, so the next read comes from storage, as after a restart. */
export function reloadOutbox(): void {
  reports = null
  newestFirst = null
}

const runner = outboxRunner({
  due: () =>
    loaded()
      .filter((report) => report.state === 'waiting' || report.state === 'sending')
      .map((report) => report.key),
  advance,
  nextRetryAt: () => earliestRetry(loaded()),
  reconnected: () => {
    const now = Date.now()
    for (const report of loaded()) if (report.state === 'waiting') put(retryNow(report, now))
  },
})

/** Takes one report as far as it can go now; false when the service could not be reached. */
async function advance(key: string): Promise<boolean> {
  for (;;) {
    const report = get(key)
    if (report === null) return true
    const step = nextStep(report, Date.now())
    if (step.type === 'stop' || step.type === 'wait') return true
    put(startSending(report))

    if (step.type === 'upload') {
      const photo = report.photos[step.photo]
      const file = await openPhoto(photo.path)
      if (file === null) {
        put(photoMissing(current(key), step.photo))
        return true
      }
      const result = await uploadEvidence(file.filePath)
      file.close()
      if (result.ok) {
        put(photoUploaded(current(key), step.photo, result.data.uploadId))
        continue
      }
      put(uploadFailed(current(key), step.photo, failureOf(result), Date.now(), Math.random))
      return result.status !== null
    }

    // In WeChat the report is linked to the person, so that 我的反映 lists it on any of their phones.
    const result = await withWeChatSession((session) =>
      request<unknown>({
        method: 'POST',
        path: '/api/v1/tips',
        body: { ...report.payload, evidenceIds: step.evidenceIds },
        headers: { 'Idempotency-Key': key, ...deviceHeader(), ...session },
        timeoutMs: SEND_TIMEOUT_MS,
      }),
    )
    if (result.ok) {
      const receipt = receiptOf(result.data)
      if (receipt !== null) {
        put(reportAccepted(current(key), receipt, Date.now()))
        report.photos.forEach((sent) => discardPhoto(sent.path))
        return true
      }
    }
    // A 2xx without a readable receipt is retried like a gateway error: the replay gives the same answer.
    const failure: OutboxFailure = result.ok
      ? { status: 502, code: 'bad_answer', message: '服务暂时不可用，请稍后再试。', fields: {}, retryAfterMs: null }
      : failureOf(result)
    put(sendFailed(current(key), failure, Date.now(), Math.random))
    return failure.status !== null
  }
}

/** The report as it is now; it cannot disappear while a step runs, nothing removes reports. */
function current(key: string): OutboxReport {
  const report = get(key)
  if (report === null) throw new Error(`outbox report ${key.slice(0, 4)}… vanished`)
  return report
}

function failureOf(result: HttpFailure): OutboxFailure {
  return {
    status: result.status,
    code: result.code,
    message: result.message,
    fields: result.fields,
    retryAfterMs: parseRetryAfter(result.headers['retry-after'], Date.now()),
  }
}

function receiptOf(data: unknown): OutboxReceipt | null {
  const body = data as Partial<OutboxReceipt> | null
  const deadlines = body?.deadlines
  if (typeof body?.trackingCode !== 'string' || !deadlines) return null
  const dated = [deadlines.acceptBy, deadlines.investigateBy, deadlines.extendedBy]
  if (!dated.every((deadline) => deadline === null || (typeof deadline?.date === 'string' && typeof deadline.covered === 'boolean'))) return null
  return {
    trackingCode: body.trackingCode,
    ...(typeof body.accessKey === 'string' ? { accessKey: body.accessKey } : {}),
    deadlines: { acceptBy: deadlines.acceptBy, investigateBy: deadlines.investigateBy, extendedBy: deadlines.extendedBy },
  }
}

/** Copies each photo not yet uploaded to where it survives the app closing (WeChat); H5 keeps its blob URLs. */
async function keepPhotos(key: string): Promise<void> {
  const report = get(key)
  if (report === null) return
  const kept = await Promise.all(report.photos.map((photo) => (photo.uploadId === null ? keepPhoto(photo.path) : photo.path)))
  const now = get(key)
  if (now === null || kept.every((path, i) => path === report.photos[i]?.path)) return
  put({
    ...now,
    photos: now.photos.map((photo, i) => (photo.path === report.photos[i]?.path && kept[i] !== undefined ? { ...photo, path: kept[i] } : photo)),
  })
}

