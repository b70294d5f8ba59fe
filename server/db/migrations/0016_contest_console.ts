import type { Migration } from 'kysely'

/**
 * The staff console's contest management: who last changed a contest and when, when and by whom it
 * was closed early (ends_at then moves to that moment), and a nickname hidden from the public board.
 */
export const contestConsole: Migration = {
  async up(db) {
    await db.schema.alterTable('contests').addColumn('updated_at', 'bigint').execute()
    await db.schema.alterTable('contests').addColumn('updated_by', 'text').execute()
    await db.schema.alterTable('contests').addColumn('closed_at', 'bigint').execute()
    await db.schema.alterTable('contests').addColumn('closed_by', 'text').execute()
    await db.schema.alterTable('quiz_participants').addColumn('board_hidden_at', 'bigint').execute()
    await db.schema.alterTable('quiz_participants').addColumn('board_hidden_by', 'text').execute()
  },
}
