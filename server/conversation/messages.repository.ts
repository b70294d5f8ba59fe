// The conversation's rows: tip_messages, the photos of replies (uploads.message_id) and the
// report's count of unread replies (tips.unread_replies, tips.last_reply_at). Only this file reads
// or writes those columns. Bodies come in and go out encrypted: the routes encrypt and decrypt.
import type { Kysely, Transaction } from 'kysely'

import type { MessageAuthor, MessageKind } from '../../src/core/tips/messages'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export interface NewMessageRow {
  id: string
  tipId: string
  author: MessageAuthor
  kind: MessageKind
  /** Encrypted already. */
  body: string
  staffId: string | null
  clientId: string | null
  createdAt: number
}

export interface MessageRow extends NewMessageRow {
  staffName: string | null
  readAt: number | null
  photos: { uploadId: string; mediaType: string }[]
}

export async function insertMessage(db: Db, message: NewMessageRow): Promise<void> {
  await db
    .insertInto('tip_messages')
    .values({
      id: message.id,
      tip_id: message.tipId,
      author: message.author,
      kind: message.kind,
      body: message.body,
      staff_id: message.staffId,
      client_id: message.clientId,
      created_at: message.createdAt,
      read_at: null,
    })
    .execute()
}

/** Oldest first, with each reply's photos and each staff message's sender. */
export async function listMessages(db: Db, tipId: string): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('tip_messages')
    .leftJoin('staff', 'staff.id', 'tip_messages.staff_id')
    .select([
      'tip_messages.id',
      'tip_messages.tip_id',
      'tip_messages.author',
      'tip_messages.kind',
      'tip_messages.body',
      'tip_messages.staff_id',
      'tip_messages.client_id',
      'tip_messages.created_at',
      'tip_messages.read_at',
      'staff.name as staff_name',
    ])
    .where('tip_messages.tip_id', '=', tipId)
    .orderBy('tip_messages.created_at', 'asc')
    .orderBy('tip_messages.id', 'asc')
    .execute()
  const photos = await db
    .selectFrom('uploads')
    .select(['id', 'media_type', 'message_id'])
    .where('tip_id', '=', tipId)
    .where('message_id', 'is not', null)
    .orderBy('attached_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
  const photosOf = new Map<string, { uploadId: string; mediaType: string }[]>()
  for (const photo of photos) {
    const list = photosOf.get(photo.message_id as string) ?? []
    list.push({ uploadId: photo.id, mediaType: photo.media_type })
    photosOf.set(photo.message_id as string, list)
  }
  return rows.map((row) => ({
    id: row.id,
    tipId: row.tip_id,
    author: row.author as MessageAuthor,
    kind: row.kind as MessageKind,
    body: row.body,
    staffId: row.staff_id,
    staffName: row.staff_name,
    clientId: row.client_id,
    createdAt: Number(row.created_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
    photos: photosOf.get(row.id) ?? [],
  }))
}

/** The reply a report already holds under the app's id, if any. */
export async function findReplyByClientId(db: Db, tipId: string, clientId: string): Promise<{ id: string; createdAt: number } | undefined> {
  const row = await db.selectFrom('tip_messages').select(['id', 'created_at']).where('tip_id', '=', tipId).where('client_id', '=', clientId).executeTakeFirst()
  return row ? { id: row.id, createdAt: Number(row.created_at) } : undefined
}

/** One more reply staff have not read. */
export async function countNewReply(db: Db, tipId: string, at: number): Promise<void> {
  await db
    .updateTable('tips')
    .set((eb) => ({ unread_replies: eb('unread_replies', '+', 1), last_reply_at: at }))
    .where('id', '=', tipId)
    .execute()
}

/** Staff have seen every reply: the replies are read, the count is 0. How many were unread. */
export async function markRepliesRead(db: Db, tipId: string, at: number): Promise<number> {
  const result = await db
    .updateTable('tip_messages')
    .set({ read_at: at })
    .where('tip_id', '=', tipId)
    .where('author', '=', 'reporter')
    .where('read_at', 'is', null)
    .executeTakeFirst()
  await db.updateTable('tips').set({ unread_replies: 0 }).where('id', '=', tipId).execute()
  return Number(result.numUpdatedRows)
}

export interface ReplyCounts {
  unreadReplies: number
  lastReplyAt: number | null
}

/** The report's unread replies and the time of the last reply (for the inbox and the detail page). */
export async function replyCountsOf(db: Db, tipId: string): Promise<ReplyCounts | undefined> {
  const row = await db.selectFrom('tips').select(['unread_replies', 'last_reply_at']).where('id', '=', tipId).executeTakeFirst()
  return row ? { unreadReplies: Number(row.unread_replies), lastReplyAt: row.last_reply_at === null ? null : Number(row.last_reply_at) } : undefined
}

export interface ConversationSummary {
  count: number
  latestStaffAt: number | null
  /** Authors and kinds of the messages, oldest first, without bodies: enough to tell an open question. */
  sequence: { author: string; kind: string }[]
}

/** What the status view says of the conversation; reads no body. */
export async function conversationSummaryOf(db: Db, tipId: string): Promise<ConversationSummary> {
  const rows = await db
    .selectFrom('tip_messages')
    .select(['author', 'kind', 'created_at'])
    .where('tip_id', '=', tipId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
  let latestStaffAt: number | null = null
  for (const row of rows) if (row.author === 'staff') latestStaffAt = Math.max(latestStaffAt ?? 0, Number(row.created_at))
  return { count: rows.length, latestStaffAt, sequence: rows.map((row) => ({ author: row.author, kind: row.kind })) }
}

/** The messages of these reports go with them (the retention purge); their photos must be gone first. */
export async function deleteMessagesOfTips(db: Db, tipIds: readonly string[]): Promise<number> {
  if (tipIds.length === 0) return 0
  const result = await db.deleteFrom('tip_messages').where('tip_id', 'in', tipIds).executeTakeFirst()
  return Number(result.numDeletedRows)
}
