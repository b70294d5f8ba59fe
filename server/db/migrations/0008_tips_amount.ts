import { sql, type Migration } from 'kysely'

/**
 * A report's amount may now be missing (a tip need not know it) or an estimate (约5万). SQLite
 * cannot drop a NOT NULL in place, so on both databases alike the amount moves to a new nullable
 * column that then takes the old one's name; existing reports keep their amount, as exact.
 */
export const tipsAmount: Migration = {
  async up(db) {
    await db.schema.alterTable('tips').addColumn('amount_fen_nullable', 'bigint').execute()
    await db.schema.alterTable('tips').addColumn('amount_approximate', 'integer', (column) => column.notNull().defaultTo(0)).execute()
    await sql`update tips set amount_fen_nullable = amount_fen`.execute(db)
    await db.schema.alterTable('tips').dropColumn('amount_fen').execute()
    await db.schema.alterTable('tips').renameColumn('amount_fen_nullable', 'amount_fen').execute()
  },
}
