/**
 * The report outbox's state machine (DESIGN.md section 4, "never lost, never doubled"): what a
 * queued report needs next, and what each answer does to it. IO (storage, uploads, HTTP, timers)
 * stays outside; src/services/report-outbox.ts performs one step, applies its outcome here,
 * saves the result, repeats.
 */
import type { TipReceived } from '../../../server/tips/tips.schemas'
import type { ReportPayload } from './report'
import { describeField } from './report-fields'

/**
 * waiting: not yet accepted, will be sent (again) at nextAttemptAt or sooner;
 * sending: a step is under way; sent: the service answered 201 and the receipt is kept;
 * needs_attention: only the person can move it on (fields to correct, a photo to add again).
 */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'needs_attention'

export interface OutboxPhoto {
  /** A local file the app can upload again if the service lets an upload expire. */
  path: string
  /** The service's id once uploaded; null until then, or again once it expired. */
  uploadId: string | null
}

/**
 * The service's 201 answer, kept as it came (the accessKey, of an anonymous report, only this once).
 * A receipt kept by an older version holds all three deadlines.
 */
export type OutboxReceipt = TipReceived

export interface OutboxReport {
  /** The Idempotency-Key, made once per draft by the form and sent with every attempt. */
  key: string
  createdAt: number
  /** Without evidenceIds: those come from the photos' uploads. */
  payload: ReportPayload
  photos: OutboxPhoto[]
  state: OutboxState
  /** Failed attempts in a row; the next wait grows with it. */
  attempts: number
  nextAttemptAt: number | null
  /** Why the last attempt did not get through, in plain Chinese. */
  lastError: string | null
  /** The service's messages by field path when state is needs_attention. */
  fields: Record<string, string>
  receipt: OutboxReceipt | null
  /** When the 201 arrived. */
  sentAt: number | null
  /** Uploads renewed after the service said they had expired; bounded so that a loop cannot form. */
  renewals: number
  /**
   * The service answered 422: it already holds a different report under this key (an earlier
   * version it accepted while the answer was lost). A corrected report must go under a new key.
   */
  keyTaken: boolean
}

/** An answer other than success, from the service or from the lack of one. */
export interface OutboxFailure {
  /** null when no answer arrived at all (offline, timeout). */
  status: number | null
  code: string
  /** The service's sentence for the person, in Chinese. */
  message: string
  fields: Record<string, string>
  /** From Retry-After, when the service gave one. */
  retryAfterMs: number | null
}

export type OutboxStep =
  | { type: 'upload'; photo: number }
  | { type: 'send'; evidenceIds: string[] }
  | { type: 'wait'; until: number }
  | { type: 'stop' }

export const OUTBOX_BACKOFF = {
  firstMs: 2_000,
  maxMs: 10 * 60_000,
  /** Each wait is spread by ± this share, so that phones that lost the network together do not return together. */
  jitter: 0.2,
} as const

/** Automatic re-uploads of expired photos per report before the person is asked. */
export const MAX_RENEWALS = 2

const MESSAGES = {
  offline: '网络连接失败，网络恢复后会自动发送',
  unavailable: '服务暂时不可用，稍后会自动重新发送',
  inFlight: '服务正在处理这份反映，稍后会自动确认结果',
  fixFields: '有几项内容需要修改，请回到表单修改后重新提交',
  mismatch: '这份反映的内容和之前发送的不一致，没有被重复受理。请回到表单核对后重新提交，或拨打12333咨询',
  photoMissing: '这张照片在手机上已经找不到了，请回到表单重新添加或删掉它',
  photosMissing: '有照片在手机上已经找不到了，请回到表单重新添加或删掉',
  photoExpiredAgain: '这张照片多次上传后仍不能使用，请回到表单重新添加或删掉它',
} as const

export function newOutboxReport(key: string, payload: ReportPayload, photoPaths: readonly string[], now: number): OutboxReport {
  return {
    key,
    createdAt: now,
    payload: withoutEvidence(payload),
    photos: photoPaths.map((path) => ({ path, uploadId: null })),
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    fields: {},
    receipt: null,
    sentAt: null,
    renewals: 0,
    keyTaken: false,
  }
}

/**
 * The same key queued again: a report the service turned back takes the corrected payload and
 * photos (keeping uploads of photos that stayed); any other report stays as it is, because a
 * different body under a key the service may already hold would be refused (422).
 *
 * A report turned back with 400 left nothing under its key (the service stores the key only with
 * an accepted report), so the corrected one keeps it. One turned back with 422 gets `freshKey()`:
 * under the old key the service would only refuse it again.
 */
export function requeue(report: OutboxReport, payload: ReportPayload, photoPaths: readonly string[], now: number, freshKey: () => string): OutboxReport {
  if (report.state !== 'needs_attention') return report
  const uploads = new Map(report.photos.map((photo) => [photo.path, photo.uploadId]))
  return {
    ...newOutboxReport(report.keyTaken ? freshKey() : report.key, payload, photoPaths, now),
    createdAt: report.createdAt,
    photos: photoPaths.map((path) => ({ path, uploadId: uploads.get(path) ?? null })),
  }
}

/** What `report` needs next at `now`. */
export function nextStep(report: OutboxReport, now: number): OutboxStep {
  if (report.state === 'sent' || report.state === 'needs_attention') return { type: 'stop' }
  if (report.state === 'waiting' && report.nextAttemptAt !== null && report.nextAttemptAt > now) {
    return { type: 'wait', until: report.nextAttemptAt }
  }
  const missing = report.photos.findIndex((photo) => photo.uploadId === null)
  if (missing >= 0) return { type: 'upload', photo: missing }
  return { type: 'send', evidenceIds: report.photos.map((photo) => photo.uploadId as string) }
}

/**
 * What every outbox on the phone (wage reports here, 投诉建议 and 纠错 in src/core/feedback-outbox.ts)
 * keeps for sending and retrying; the rules below apply to any of them.
 */
export interface Queued {
  state: string
  /** Failed attempts in a row; the next wait grows with it. */
  attempts: number
  nextAttemptAt: number | null
}

export function startSending<T extends Queued>(item: T): T {
  return item.state === 'waiting' ? { ...item, state: 'sending' } : item
}

export function photoUploaded(report: OutboxReport, index: number, uploadId: string): OutboxReport {
  return { ...report, photos: report.photos.map((photo, i) => (i === index ? { ...photo, uploadId } : photo)) }
}

/** The photo's local file is gone (the phone cleared it): only the person can add it again. */
export function photoMissing(report: OutboxReport, index: number): OutboxReport {
  return needsAttention(report, MESSAGES.photosMissing, { [`evidenceIds.${index}`]: MESSAGES.photoMissing })
}

export function uploadFailed(report: OutboxReport, index: number, failure: OutboxFailure, now: number, random: () => number): OutboxReport {
  if (isRetryable(failure)) return retryLater(report, failure, now, random)
  // 413 too large, 415 not an image: the service names the problem with this one photo.
  const message = failure.fields.file ?? failure.message
  return needsAttention(report, message, { [`evidenceIds.${index}`]: message })
}

export function reportAccepted(report: OutboxReport, receipt: OutboxReceipt, now: number): OutboxReport {
  return {
    ...report,
    state: 'sent',
    receipt,
    sentAt: now,
    nextAttemptAt: null,
    lastError: null,
    fields: {},
    payload: forgetAfterSending(report.payload),
  }
}

export function sendFailed(report: OutboxReport, failure: OutboxFailure, now: number, random: () => number): OutboxReport {
  if (isRetryable(failure)) return retryLater(report, failure, now, random)
  if (failure.status === 422) return { ...needsAttention(report, MESSAGES.mismatch, {}), keyTaken: true }
  const expired = expiredPhotos(report, failure.fields)
  if (expired !== null) {
    if (report.renewals >= MAX_RENEWALS) {
      return needsAttention(report, MESSAGES.photosMissing, Object.fromEntries(expired.map((i) => [`evidenceIds.${i}`, MESSAGES.photoExpiredAgain])))
    }
    // The service let these uploads lapse before the report arrived: upload the same files again, now.
    const renewed = report.photos.map((photo, i) => (expired.includes(i) ? { ...photo, uploadId: null } : photo))
    return { ...report, photos: renewed, state: 'waiting', nextAttemptAt: now, renewals: report.renewals + 1 }
  }
  const fields = Object.keys(failure.fields).length > 0 ? failure.fields : {}
  return needsAttention(report, Object.keys(fields).length > 0 ? MESSAGES.fixFields : failure.message, fields)
}

/** An item that was mid-step when the app closed is simply waiting again: its key makes resending safe. */
export function interrupted<T extends Queued>(item: T, now: number): T {
  return item.state === 'sending' ? { ...item, state: 'waiting', nextAttemptAt: now } : item
}

/** The network came back, or the person asked: a waiting item goes now rather than at its planned time. */
export function retryNow<T extends Queued>(item: T, now: number): T {
  return item.state === 'waiting' ? { ...item, nextAttemptAt: now } : item
}

/** A passing failure: waiting again, one attempt more, after the backoff or the service's Retry-After if longer. */
export function waitAfterFailure<T extends Queued>(item: T, failure: OutboxFailure, now: number, random: () => number): T {
  const attempts = item.attempts + 1
  return { ...item, state: 'waiting', attempts, nextAttemptAt: now + Math.max(backoffMs(attempts, random), failure.retryAfterMs ?? 0) }
}

/** No answer, the service's own trouble, a timeout, a duplicate still in flight, or too many requests. */
export function isRetryable(failure: OutboxFailure): boolean {
  const { status } = failure
  return status === null || status >= 500 || status === 408 || status === 409 || status === 429
}

/** The n-th wait (n ≥ 1): 2 s, 4 s, 8 s … up to 10 minutes, each spread by the jitter. */
export function backoffMs(attempt: number, random: () => number): number {
  const exponent = Math.max(0, attempt - 1)
  const base = Math.min(OUTBOX_BACKOFF.maxMs, OUTBOX_BACKOFF.firstMs * 2 ** Math.min(exponent, 30))
  const spread = 1 + OUTBOX_BACKOFF.jitter * (2 * clamp01(random()) - 1)
  return Math.min(OUTBOX_BACKOFF.maxMs, Math.round(base * spread))
}

/** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number): number | null {
  if (header === undefined) return null
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** Storage can hold anything (an older app, damage): keep the reports that are whole, drop the rest. */
export function restoreOutbox(raw: unknown, now: number): OutboxReport[] {
  if (!Array.isArray(raw)) return []
  // keyTaken came later than the first stored reports: absent means false.
  return raw.filter(isOutboxReport).map((report) => interrupted({ ...report, keyTaken: report.keyTaken === true }, now))
}

function retryLater(report: OutboxReport, failure: OutboxFailure, now: number, random: () => number): OutboxReport {
  return { ...waitAfterFailure(report, failure, now, random), lastError: retryMessage(failure) }
}

function retryMessage(failure: OutboxFailure): string {
  if (failure.status === null) return MESSAGES.offline
  if (failure.status === 409) return MESSAGES.inFlight
  // The service's 429 says how long to wait, in words.
  if (failure.status === 429) return failure.message
  return MESSAGES.unavailable
}

function needsAttention(report: OutboxReport, lastError: string, fields: Record<string, string>): OutboxReport {
  return { ...report, state: 'needs_attention', nextAttemptAt: null, lastError, fields }
}

/** The photos whose uploads the service no longer knows, when that is all it objected to; else null. */
function expiredPhotos(report: OutboxReport, fields: Record<string, string>): number[] | null {
  const paths = Object.keys(fields)
  if (paths.length === 0) return null
  const indexes: number[] = []
  for (const path of paths) {
    const match = /^evidenceIds\.(\d+)$/.exec(path)
    const index = match ? Number(match[1]) : -1
    if (index < 0 || index >= report.photos.length) return null
    indexes.push(index)
  }
  return indexes
}

function withoutEvidence(payload: ReportPayload): ReportPayload {
  const { evidenceIds: _evidence, ...rest } = payload
  return rest
}

/**
 * Once the service holds the report, the phone keeps only what 我的反映 and 查询进度 need: the
 * name and ID number go, and of the mobile only the last four digits that open the status page.
 */
function forgetAfterSending(payload: ReportPayload): ReportPayload {
  const reporter = payload.reporter
  if (!reporter) return payload
  const digits = reporter.mobile.replace(/\D/g, '')
  return { ...payload, reporter: { name: '', mobile: digits.slice(-4), residentId: null } }
}

/** What opens the status page with the tracking code: the access key, or the mobile's last four digits. */
export function verifierOf(report: OutboxReport): string | null {
  if (report.receipt?.accessKey) return report.receipt.accessKey
  const digits = report.payload.reporter?.mobile.replace(/\D/g, '') ?? ''
  return digits.length >= 4 ? digits.slice(-4) : null
}

/** Whether the last attempt failed for want of a network (it will be sent by itself when one returns). */
export function isOfflineError(lastError: string | null): boolean {
  return lastError === MESSAGES.offline
}

/** The field paths the service named, in the form's words: 「用人单位名称：请填写…」. */
export function describeFieldErrors(fields: Record<string, string>): string[] {
  return Object.entries(fields).map(([path, message]) => `${describeField(path)}：${message}`)
}

const STATES: readonly OutboxState[] = ['waiting', 'sending', 'sent', 'needs_attention']

function isOutboxReport(value: unknown): value is OutboxReport {
  if (typeof value !== 'object' || value === null) return false
  const report = value as Partial<Record<keyof OutboxReport, unknown>>
  return (
    typeof report.key === 'string' &&
    report.key.length > 0 &&
    typeof report.createdAt === 'number' &&
    typeof report.payload === 'object' &&
    report.payload !== null &&
    Array.isArray(report.photos) &&
    report.photos.every((photo: unknown) => {
      const p = photo as Partial<OutboxPhoto> | null
      return typeof p?.path === 'string' && (p.uploadId === null || typeof p.uploadId === 'string')
    }) &&
    STATES.includes(report.state as OutboxState) &&
    typeof report.attempts === 'number' &&
    (report.nextAttemptAt === null || typeof report.nextAttemptAt === 'number') &&
    (report.lastError === null || typeof report.lastError === 'string') &&
    typeof report.fields === 'object' &&
    report.fields !== null &&
    (report.receipt === null || typeof (report.receipt as Partial<OutboxReceipt> | undefined)?.trackingCode === 'string') &&
    (report.state !== 'sent' || report.receipt !== null) &&
    (report.sentAt === null || typeof report.sentAt === 'number') &&
    typeof report.renewals === 'number' &&
    (report.keyTaken === undefined || typeof report.keyTaken === 'boolean')
  )
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5
}

/** When the earliest planned retry of a waiting item falls, or null: the outbox's timer is set for it. */
export function earliestRetry(items: readonly { state: string; nextAttemptAt: number | null }[]): number | null {
  let earliest: number | null = null
  for (const item of items) {
    if (item.state === 'waiting' && item.nextAttemptAt !== null && (earliest === null || item.nextAttemptAt < earliest)) earliest = item.nextAttemptAt
  }
  return earliest
}
