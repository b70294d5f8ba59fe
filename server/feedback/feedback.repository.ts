import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import type { FeedbackKind } from './feedback.schemas'

export interface Feedback {
  id: string
  kind: FeedbackKind
  content: string
  questionId: string | null
  clientId: string | null
  /** The phone number left for a reply, as field-crypto ciphertext (feedback.routes.ts seals and opens it). */
  sealedContact: string | null
  createdAt: number
}

export async function insertFeedback(db: Kysely<Database>, feedback: Feedback): Promise<void> {
  await db
    .insertInto('feedback')
    .values({
      id: feedback.id,
      kind: feedback.kind,
      content: feedback.content,
      question_id: feedback.questionId,
      client_id: feedback.clientId,
      contact: feedback.sealedContact,
      created_at: feedback.createdAt,
    })
    .execute()
}

/** The feedback the app sent under this outbox id, if any. */
export async function findFeedbackByClientId(db: Kysely<Database>, clientId: string): Promise<Feedback | undefined> {
  const row = await db.selectFrom('feedback').selectAll().where('client_id', '=', clientId).executeTakeFirst()
  if (row === undefined) return undefined
  return {
    id: row.id,
    kind: row.kind as FeedbackKind,
    content: row.content,
    questionId: row.question_id,
    clientId: row.client_id,
    sealedContact: row.contact,
    createdAt: Number(row.created_at),
  }
}

// Both drivers name a unique violation their own way; pg's `detail` is never read (it quotes values).
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}
