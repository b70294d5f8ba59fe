import type { Migration } from 'kysely'

// The phone number a person may leave with 投诉建议: personal data, so the column only ever holds
// field-crypto ciphertext (server/privacy/field-crypto.ts, bound to feedback, the row and `contact`).
export const addFeedbackContact: Migration = {
  async up(db) {
    await db.schema.alterTable('feedback').addColumn('contact', 'text').execute()
  },
}
