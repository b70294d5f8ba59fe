// What the app sends to the public API, sent from a test: a photo upload, a report, a reply.
import { randomUUID } from 'node:crypto'

import type { ReportPayload } from '../../src/core/tips/report'
import type { RunningProduct } from './product'

function endpoint(product: RunningProduct, path: string): string {
  return `${product.url.replace(/\/$/, '')}/api/v1${path}`
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** A JPEG uploaded as the app uploads evidence (multipart, one file): its uploadId. */
export async function uploadPhoto(product: RunningProduct, jpeg: Buffer, filename = 'photo.jpg'): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), filename)
  const { uploadId } = await json<{ uploadId: string }>(await fetch(endpoint(product, '/uploads'), { method: 'POST', body: form }), 'POST /uploads')
  return uploadId
}

/** A report as the app submits it: its tracking code. */
export async function submitReport(product: RunningProduct, payload: ReportPayload): Promise<string> {
  const response = await fetch(endpoint(product, '/tips'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-${randomUUID()}` },
    body: JSON.stringify(payload),
  })
  return (await json<{ trackingCode: string }>(response, 'POST /tips')).trackingCode
}

/** The reporter's reply in the conversation, with photos; `verifier` as for the status page (the phone's last four digits, or the access key). */
export async function replyAsReporter(product: RunningProduct, trackingCode: string, verifier: string, body: string, uploadIds: string[] = []): Promise<void> {
  const response = await fetch(endpoint(product, `/tips/${encodeURIComponent(trackingCode)}/messages`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tip-verifier': verifier },
    body: JSON.stringify({ clientId: randomUUID(), body, uploadIds }),
  })
  await json(response, 'POST /tips/:code/messages')
}
