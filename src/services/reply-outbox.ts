/**
 * The reporter's replies to staff, kept in storage until the service has each (POST
 * /api/v1/tips/{code}/messages): photos are uploaded first, each once, then the reply is posted
 * with its clientId, the same on every attempt, so it is stored once however often it goes. Sent on
 * queueing, at launch, when the network comes back and on the backoff timer, like the report outbox
 * (report-outbox.ts), whose runner and photo files it shares. The state machine is src/core/tips/reply-outbox.ts.
 */
import type { ReporterMessageBody } from '../../server/conversation/conversation.schemas'
import { earliestRetry, parseRetryAfter, retryNow, startSending, type OutboxFailure } from '../core/tips/outbox'
import {
  newQueuedReply,
  nextReplyStep,
  replyFailed,
  replyPhotoMissing,
  replyPhotoUploaded,
  restoreReplies,
  uuidFromBytes,
  type QueuedReply,
} from '../core/tips/reply-outbox'
import { deviceHeader } from './device-id'
import { withWeChatSession } from './wechat-session'
import { uploadEvidence } from './evidence-upload'
import { request, type HttpFailure } from './http'
import { outboxRunner } from './outbox-runner'
import { discardPhoto, openPhoto } from './photo-files'
import { randomBytes } from './random-bytes'
import { readStored, writeStored } from './storage'

export type { QueuedReply } from '../core/tips/reply-outbox'

const STORAGE_KEY = 'pufa.replies'
const SEND_TIMEOUT_MS = 30_000

/** The reply could not be written to the device, so it was not queued. */
export class ReplyStorageError extends Error {
  constructor() {
    super('手机存储空间不足，回复没有保存。请清理手机空间后再发送。')
    this.name = 'ReplyStorageError'
  }
}

let replies: QueuedReply[] | null = null
const listeners = new Set<() => void>()
/** Per tracking code, the same array until one of its replies changes (for useSyncExternalStore). */
const byCode = new Map<string, QueuedReply[]>()
/** Called with the tracking code whenever the service has taken one of its replies. */
const sentListeners = new Set<(trackingCode: string) => void>()

function loaded(): QueuedReply[] {
  if (replies === null) replies = restoreReplies(readStored(STORAGE_KEY), Date.now())
  return replies
}

function save(next: QueuedReply[]): boolean {
  const saved = writeStored(STORAGE_KEY, next)
  // Moved on in memory even when storage refused: the service's answer happened either way.
  replies = next
  byCode.clear()
  listeners.forEach((listener) => listener())
  return saved
}

function put(reply: QueuedReply): void {
  const current = loaded()
  save(current.some((other) => other.clientId === reply.clientId) ? current.map((other) => (other.clientId === reply.clientId ? reply : other)) : [...current, reply])
}

function get(clientId: string): QueuedReply | null {
  return loaded().find((reply) => reply.clientId === clientId) ?? null
}

function newClientId(): string {
  return uuidFromBytes(randomBytes(16))
}

/** Queues a reply and starts sending it. Throws ReplyStorageError when the device cannot keep it (the form keeps the words). */
export function queueReply(reply: { trackingCode: string; verifier: string; body: string; photoPaths: string[] }): QueuedReply {
  const queued = newQueuedReply(newClientId(), reply, Date.now())
  const before = loaded()
  if (!save([...before, queued])) {
    save(before)
    throw new ReplyStorageError()
  }
  // The photo picker has kept the photos where they survive the app closing.
  void flushReplies()
  return queued
}

/** The replies of one report not yet taken by the service, oldest first. */
export function pendingReplies(trackingCode: string): QueuedReply[] {
  let list = byCode.get(trackingCode)
  if (list === undefined) {
    list = loaded().filter((reply) => reply.trackingCode === trackingCode)
    byCode.set(trackingCode, list)
  }
  return list
}

export function subscribeReplies(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Tells the status page that the conversation changed on the service (to fetch it again). */
export function onReplySent(listener: (trackingCode: string) => void): () => void {
  sentListeners.add(listener)
  return () => {
    sentListeners.delete(listener)
  }
}

/** 删除: the person gives up a reply the service refused (or one still waiting). */
export function dropReply(clientId: string): void {
  const reply = get(clientId)
  if (!reply) return
  save(loaded().filter((other) => other.clientId !== clientId))
  reply.photos.forEach((photo) => discardPhoto(photo.path))
}

export function flushReplies(): Promise<void> {
  return runner.flush()
}

/** 立即重试. */
export function retryReply(clientId: string): Promise<void> {
  const reply = get(clientId)
  if (reply) put(retryNow(reply, Date.now()))
  return flushReplies()
}

export function startReplies(): void {
  runner.start()
}

/** Stops listening to the network and cancels the planned retry (tests need this). */
export function stopReplies(): void {
  runner.stop()
}

/** Forgets the in-memory copy, so the next read comes from storage, as after a restart. */
export function reloadReplies(): void {
  replies = null
  byCode.clear()
}

const runner = outboxRunner({
  due: () =>
    loaded()
      .filter((reply) => reply.state === 'waiting' || reply.state === 'sending')
      .map((reply) => reply.clientId),
  advance,
  nextRetryAt: () => earliestRetry(loaded()),
  reconnected: () => {
    const now = Date.now()
    for (const reply of loaded()) if (reply.state === 'waiting') put(retryNow(reply, now))
  },
})

/** Takes one reply as far as it can go now; false when the service could not be reached. */
async function advance(clientId: string): Promise<boolean> {
  for (;;) {
    const reply = get(clientId)
    if (reply === null) return true
    const step = nextReplyStep(reply, Date.now())
    if (step.type === 'stop' || step.type === 'wait') return true
    put(startSending(reply))

    if (step.type === 'upload') {
      const file = await openPhoto(reply.photos[step.photo].path)
      if (file === null) {
        put(replyPhotoMissing(reply))
        return true
      }
      const result = await uploadEvidence(file.filePath)
      file.close()
      const now = get(clientId)
      if (now === null) return true
      if (result.ok) {
        put(replyPhotoUploaded(now, step.photo, result.data.uploadId))
        continue
      }
      put(replyFailed(now, failureOf(result), Date.now(), Math.random))
      return result.status !== null
    }

    // In WeChat the sender's session opens the report when this phone holds no verifier for it.
    const result = await withWeChatSession((session) =>
      request<unknown>({
        method: 'POST',
        path: `/api/v1/tips/${encodeURIComponent(reply.trackingCode)}/messages`,
        body: { clientId: reply.clientId, body: reply.body, uploadIds: step.uploadIds } satisfies ReporterMessageBody,
        headers: { 'X-Tip-Verifier': reply.verifier, ...deviceHeader(), ...session },
        timeoutMs: SEND_TIMEOUT_MS,
      }),
    )
    const now = get(clientId)
    if (now === null) return true
    if (result.ok) {
      // The service has it: the phone keeps neither the words nor the photos.
      save(loaded().filter((other) => other.clientId !== clientId))
      reply.photos.forEach((photo) => discardPhoto(photo.path))
      sentListeners.forEach((listener) => listener(reply.trackingCode))
      return true
    }
    put(replyFailed(now, failureOf(result), Date.now(), Math.random))
    return result.status !== null
  }
}

function failureOf(result: HttpFailure): OutboxFailure {
  return { status: result.status, code: result.code, message: result.message, fields: result.fields, retryAfterMs: parseRetryAfter(result.headers['retry-after'], Date.now()) }
}
