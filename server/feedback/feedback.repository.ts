import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import type { FeedbackKind } from './feedback.schemas'

export interface Feedback {
  id: string
  kind: FeedbackKind
  content: string
  questionId: string | null
  clientId: string | null
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
      created_at: feedback.createdAt,
    })
    .execute()
}
