import type { Migration } from 'kysely'

/**
 * Staff handle 投诉建议 and 纠错 in one inbox: a state (open, handled, declined), who set it and
 * when, and an internal note. The note may quote the person or their number, so it only ever
 * holds field-crypto ciphertext (bound to feedback, the row and `staff_note`), like tip_notes.
 */
export const feedbackHandling: Migration = {
  async up(db) {
    await db.schema.alterTable('feedback').addColumn('status', 'text', (column) => column.notNull().defaultTo('open')).execute()
    await db.schema.alterTable('feedback').addColumn('staff_note', 'text').execute()
    await db.schema.alterTable('feedback').addColumn('handled_by', 'text').execute()
    await db.schema.alterTable('feedback').addColumn('handled_at', 'bigint').execute()
    // The inbox: newest first, by state and kind; the question bank counts 纠错 per question.
    await db.schema.createIndex('feedback_inbox_idx').on('feedback').columns(['status', 'kind', 'created_at']).execute()
    await db.schema.createIndex('feedback_question_idx').on('feedback').columns(['question_id', 'kind']).execute()
    // The question bank's answer rates: answers grouped by question (the key starts with the attempt).
    await db.schema.createIndex('quiz_answers_question_idx').on('quiz_answers').column('question_id').execute()
  },
}
