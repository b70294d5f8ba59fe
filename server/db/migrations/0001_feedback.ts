import type { Migration } from 'kysely'

export const createFeedback: Migration = {
  async up(db) {
    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('content', 'text', (column) => column.notNull())
      .addColumn('question_id', 'text')
      .addColumn('client_id', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('feedback_created_at_idx').on('feedback').column('created_at').execute()
  },
}
