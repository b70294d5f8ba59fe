/**
 * The reporter's replies to staff waiting on the phone until the service has them (留言). Each reply
 * gets its clientId (a UUID) once, when it is queued, and keeps it on every attempt, so the service
 * stores it once however often it is sent; each photo is uploaded once (its uploadId is kept). The
 * queue rules (backoff, an attempt cut short, the network coming back) are the report outbox's, in
 * ./outbox.ts; IO stays outside: src/services/reply-outbox.ts performs the steps. A reply the
 * service has is dropped from the phone: the conversation the service returns shows it from then on.
 */
import { MESSAGE_BODY_MAX, REPLY_PHOTOS_MAX } from './messages'
import { interrupted, isRetryable, MAX_RENEWALS, waitAfterFailure, type OutboxFailure, type OutboxPhoto, type Queued } from './outbox'

/** waiting: will be sent at nextAttemptAt or sooner; sending: under way; refused: only the person can move it on. */
export type QueuedReplyState = 'waiting' | 'sending' | 'refused'

export interface QueuedReply extends Queued {
  /** Made once when queued; the service's idempotency key for the reply. */
  clientId: string
  trackingCode: string
  /** What opens the report: the access key, or the last four digits of the phone number. */
  verifier: string
  body: string
  photos: OutboxPhoto[]
  createdAt: number
  state: QueuedReplyState
  lastError: string | null
  /** Uploads renewed after the service said they had expired; bounded so that a loop cannot form. */
  renewals: number
}

export type ReplyStep = { type: 'upload'; photo: number } | { type: 'send'; uploadIds: string[] } | { type: 'wait'; until: number } | { type: 'stop' }

const MESSAGES = {
  offline: '网络连接失败，网络恢复后会自动发送',
  unavailable: '服务暂时不可用，稍后会自动重新发送',
  photoMissing: '有照片在手机上已经找不到了，请删掉这条回复，重新写一条',
  photoExpiredAgain: '照片多次上传后仍不能使用，请删掉这条回复，重新写一条',
} as const

/** Fills a v4 UUID from 16 random bytes (the service asks for a UUID as clientId). */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`Expected 16 random bytes, got ${bytes.length}`)
  const b = Array.from(bytes)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = b.map((byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export function newQueuedReply(
  clientId: string,
  { trackingCode, verifier, body, photoPaths }: { trackingCode: string; verifier: string; body: string; photoPaths: readonly string[] },
  now: number,
): QueuedReply {
  return {
    clientId,
    trackingCode,
    verifier,
    body,
    photos: photoPaths.slice(0, REPLY_PHOTOS_MAX).map((path) => ({ path, uploadId: null })),
    createdAt: now,
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    renewals: 0,
  }
}

/** What the reply needs next at `now`. */
export function nextReplyStep(reply: QueuedReply, now: number): ReplyStep {
  if (reply.state === 'refused') return { type: 'stop' }
  if (reply.state === 'waiting' && reply.nextAttemptAt !== null && reply.nextAttemptAt > now) return { type: 'wait', until: reply.nextAttemptAt }
  const missing = reply.photos.findIndex((photo) => photo.uploadId === null)
  if (missing >= 0) return { type: 'upload', photo: missing }
  return { type: 'send', uploadIds: reply.photos.map((photo) => photo.uploadId as string) }
}

export function replyPhotoUploaded(reply: QueuedReply, index: number, uploadId: string): QueuedReply {
  return { ...reply, photos: reply.photos.map((photo, i) => (i === index ? { ...photo, uploadId } : photo)) }
}

export function replyPhotoMissing(reply: QueuedReply): QueuedReply {
  return refuse(reply, MESSAGES.photoMissing)
}

/** An upload or the reply itself did not get through. */
export function replyFailed(reply: QueuedReply, failure: OutboxFailure, now: number, random: () => number): QueuedReply {
  if (isRetryable(failure)) {
    const lastError = failure.status === null ? MESSAGES.offline : failure.status === 429 ? failure.message : MESSAGES.unavailable
    return { ...waitAfterFailure(reply, failure, now, random), lastError }
  }
  const expired = expiredPhotos(reply, failure.fields)
  if (expired !== null) {
    if (reply.renewals >= MAX_RENEWALS) return refuse(reply, MESSAGES.photoExpiredAgain)
    // The service let these uploads lapse before the reply arrived: upload the same files again, now.
    const photos = reply.photos.map((photo, i) => (expired.includes(i) ? { ...photo, uploadId: null } : photo))
    return { ...reply, photos, state: 'waiting', nextAttemptAt: now, renewals: reply.renewals + 1 }
  }
  return refuse(reply, failure.fields.body ?? failure.fields.file ?? failure.message)
}

function refuse(reply: QueuedReply, lastError: string): QueuedReply {
  return { ...reply, state: 'refused', nextAttemptAt: null, lastError }
}

/** The photos whose uploads the service no longer knows, when that is all it objected to; else null. */
function expiredPhotos(reply: QueuedReply, fields: Record<string, string>): number[] | null {
  const paths = Object.keys(fields)
  if (paths.length === 0) return null
  const indexes: number[] = []
  for (const path of paths) {
    const index = Number(/^uploadIds\.(\d+)$/.exec(path)?.[1] ?? -1)
    if (index < 0 || index >= reply.photos.length) return null
    indexes.push(index)
  }
  return indexes
}

/** Storage can hold anything (an older app, damage): keep the replies that are whole. */
export function restoreReplies(raw: unknown, now: number): QueuedReply[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(isQueuedReply).map((reply) => interrupted(reply, now))
}

function isQueuedReply(value: unknown): value is QueuedReply {
  const reply = value as Partial<Record<keyof QueuedReply, unknown>> | null
  return (
    typeof reply === 'object' &&
    reply !== null &&
    typeof reply.clientId === 'string' &&
    typeof reply.trackingCode === 'string' &&
    typeof reply.verifier === 'string' &&
    typeof reply.body === 'string' &&
    Array.from(reply.body).length <= MESSAGE_BODY_MAX &&
    Array.isArray(reply.photos) &&
    reply.photos.every((photo: unknown) => {
      const p = photo as Partial<OutboxPhoto> | null
      return typeof p?.path === 'string' && (p.uploadId === null || typeof p.uploadId === 'string')
    }) &&
    typeof reply.createdAt === 'number' &&
    (reply.state === 'waiting' || reply.state === 'sending' || reply.state === 'refused') &&
    typeof reply.attempts === 'number' &&
    (reply.nextAttemptAt === null || typeof reply.nextAttemptAt === 'number') &&
    (reply.lastError === null || typeof reply.lastError === 'string') &&
    typeof reply.renewals === 'number'
  )
}
