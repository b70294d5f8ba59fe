import type { Kysely, Transaction } from 'kysely'

import { EVIDENCE_MEDIA_TYPES, type EvidenceMediaType } from './uploads.schemas'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export interface NewUpload {
  id: string
  mediaType: EvidenceMediaType
  sizeBytes: number
  sha256: string
  createdAt: number
  expiresAt: number
  /** Keyed hash of the sender, for the per-client budget. */
  clientKey: string | null
  /** Whether the bytes were stored cleaned of metadata. */
  metadataStripped: boolean
}

export interface Upload extends NewUpload {
  tipId: string | null
  attachedAt: number | null
  /** The reporter's reply it came with; null for a report's own evidence. */
  messageId: string | null
}

export async function insertUpload(db: Db, upload: NewUpload): Promise<void> {
  await db
    .insertInto('uploads')
    .values({
      id: upload.id,
      media_type: upload.mediaType,
      size_bytes: upload.sizeBytes,
      sha256: upload.sha256,
      created_at: upload.createdAt,
      expires_at: upload.expiresAt,
      tip_id: null,
      attached_at: null,
      client_key: upload.clientKey,
      metadata_stripped: upload.metadataStripped ? 1 : 0,
    })
    .execute()
}

function mediaTypeOf(stored: string): EvidenceMediaType {
  const known = EVIDENCE_MEDIA_TYPES.find((type) => type === stored)
  if (!known) throw new Error(`uploads row has an unknown media type ${JSON.stringify(stored)}`)
  return known
}

export async function findUpload(db: Db, id: string): Promise<Upload | undefined> {
  const row = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    mediaType: mediaTypeOf(row.media_type),
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    tipId: row.tip_id,
    attachedAt: row.attached_at === null ? null : Number(row.attached_at),
    messageId: row.message_id,
    clientKey: row.client_key,
    metadataStripped: Number(row.metadata_stripped) === 1,
  }
}

/** Bytes of the photos this client sent since `since`, attached or not. */
export async function clientUploadBytes(db: Db, clientKey: string, since: number): Promise<{ bytes: number; oldest: number | null }> {
  const row = await db
    .selectFrom('uploads')
    .select((eb) => [eb.fn.sum<string | number | null>('size_bytes').as('bytes'), eb.fn.min<string | number | null>('created_at').as('oldest')])
    .where('client_key', '=', clientKey)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return { bytes: Number(row.bytes ?? 0), oldest: row.oldest === null ? null : Number(row.oldest) }
}

/** Bytes of the photos no report has taken yet and that are not expired at `now`. */
export async function unattachedUploadBytes(db: Db, now: number): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select((eb) => eb.fn.sum<string | number | null>('size_bytes').as('bytes'))
    .where('tip_id', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow()
  return Number(row.bytes ?? 0)
}

/**
 * Gives an unexpired, unattached upload to a report (and, for a photo of the reporter's reply, to
 * that reply). The condition is in the UPDATE itself, so of two reports racing for one photo only
 * one changes the row; false means it is gone, expired or taken.
 */
export async function attachUpload(db: Db, uploadId: string, tipId: string, now: number, messageId: string | null = null): Promise<boolean> {
  const result = await db
    .updateTable('uploads')
    .set({ tip_id: tipId, attached_at: now, message_id: messageId })
    .where('id', '=', uploadId)
    .where('tip_id', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Deletes the unattached uploads expired at `now`; their ids, whose files can then go. */
export async function deleteExpiredUploads(db: Db, now: number): Promise<string[]> {
  const rows = await db.deleteFrom('uploads').where('tip_id', 'is', null).where('expires_at', '<=', now).returning('id').execute()
  return rows.map((row) => row.id)
}

/** Deletes the uploads attached to these reports; their ids, whose files can then go. */
export async function deleteUploadsOfTips(db: Db, tipIds: readonly string[]): Promise<string[]> {
  if (tipIds.length === 0) return []
  const rows = await db.deleteFrom('uploads').where('tip_id', 'in', tipIds).returning('id').execute()
  return rows.map((row) => row.id)
}

/** Whether this photo is attached to this report. */
export async function isAttachedTo(db: Db, uploadId: string, tipId: string): Promise<boolean> {
  const row = await db.selectFrom('uploads').select('id').where('id', '=', uploadId).where('tip_id', '=', tipId).executeTakeFirst()
  return row !== undefined
}

/** Which of these ids have a row. */
export async function existingUploadIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('uploads').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((row) => row.id))
}
