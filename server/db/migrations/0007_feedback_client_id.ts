import type { Migration } from 'kysely'

// One row per report the app queued: a resend with the same outbox id finds the first row instead
// of adding a second. Rows without a client id (NULL) never collide, on SQLite as on PostgreSQL.
export const uniqueFeedbackClientId: Migration = {
  async up(db) {
    await db.schema.createIndex('feedback_client_id_key').on('feedback').column('client_id').unique().execute()
  },
}
