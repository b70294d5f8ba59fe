// The conversation's storage with its encryption: what both sides' routes write and read. Bodies are
// personal data, encrypted with AAD {table: 'tip_messages', rowId: id, column: 'body'}.
import { randomUUID } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import type { StaffMessageKind } from '../../src/core/tips/messages'
import type { Database } from '../db/schema'
import { AppError, type FieldProblem, validationFailed } from '../errors'
import { decryptField, encryptField } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import { isUniqueViolation } from '../tips/record-tip'
import { attachUpload } from '../uploads/uploads.repository'
import { countNewReply, findReplyByClientId, insertMessage, listMessages, type MessageRow } from './messages.repository'

type Db = Kysely<Database> | Transaction<Database>

const bodyLocation = (id: string) => ({ table: 'tip_messages', rowId: id, column: 'body' })

export interface Message extends Omit<MessageRow, 'body'> {
  body: string
}

/** The report's messages, oldest first, decrypted. */
export async function readConversation(db: Db, keyring: Keyring, tipId: string): Promise<Message[]> {
  const rows = await listMessages(db, tipId)
  return rows.map((row) => ({ ...row, body: decryptField(keyring, row.body, bodyLocation(row.id)) }))
}

/** A staff member's message or question; the body is checked already. */
export async function sendStaffMessage(
  db: Db,
  keyring: Keyring,
  { tipId, staffId, kind, body, now }: { tipId: string; staffId: string; kind: StaffMessageKind; body: string; now: number },
): Promise<string> {
  const id = randomUUID()
  await insertMessage(db, { id, tipId, author: 'staff', kind, body: encryptField(keyring, body, bodyLocation(id)), staffId, clientId: null, createdAt: now })
  return id
}

export interface NewReply {
  tipId: string
  clientId: string
  /** Checked already. */
  body: string
  uploadIds: readonly string[]
  now: number
}

export interface ReplyReceipt {
  id: string
  createdAt: number
  /** false when the reply was already there under this clientId (a retry). */
  created: boolean
}

const inFlight = () => new AppError(409, 'reply_in_flight', '这条回复正在发送中，请稍候再看结果，不要重复发送')

/**
 * Stores the reporter's reply once per clientId: a retry gets the first reply back, whatever it
 * carries. Each photo must be an upload still waiting to be used (quarantined, unexpired, not
 * attached to anything); otherwise nothing is stored and the answer names the photo.
 */
export async function recordReply(db: Kysely<Database>, keyring: Keyring, reply: NewReply): Promise<ReplyReceipt> {
  const { tipId, clientId, body, uploadIds, now } = reply
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await findReplyByClientId(trx, tipId, clientId)
      if (existing) return { ...existing, created: false }
      const id = randomUUID()
      await insertMessage(trx, { id, tipId, author: 'reporter', kind: 'reply', body: encryptField(keyring, body, bodyLocation(id)), staffId: null, clientId, createdAt: now })
      const problems: FieldProblem[] = []
      // In id order, so that two replies sharing photos wait for each other instead of deadlocking.
      const byId = [...uploadIds.entries()].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
      for (const [index, uploadId] of byId) {
        if (await attachUpload(trx, uploadId, tipId, now, id)) continue
        problems.push({ path: `uploadIds.${index}`, label: `第 ${index + 1} 张照片`, message: `第 ${index + 1} 张照片已过期或不存在，请重新上传` })
      }
      if (problems.length > 0) throw validationFailed(problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })))
      await countNewReply(trx, tipId, now)
      return { id, createdAt: now, created: true }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // The same reply arrived twice at once and the other copy was stored first: answer with it.
    const stored = await findReplyByClientId(db, tipId, clientId)
    if (!stored) throw inFlight()
    return { ...stored, created: false }
  }
}
