import { randomUUID } from 'node:crypto'

import type { Migration } from 'kysely'

/**
 * The synced content: one row per item holding its latest state (a deletion is a tombstone row),
 * a single state row with the database's epoch and sequence counter, and the poll state of each
 * feed source. Every write takes the next `seq` from content_state in its own transaction.
 */
export const createContent: Migration = {
  async up(db) {
    await db.schema
      .createTable('content_state')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('epoch', 'text', (column) => column.notNull())
      .addColumn('last_seq', 'bigint', (column) => column.notNull())
      .addColumn('purged_seq', 'bigint', (column) => column.notNull())
      .execute()
    await db
      .insertInto('content_state')
      .values({ id: 1, epoch: randomUUID().replace(/-/g, ''), last_seq: 0, purged_seq: 0 })
      .execute()

    await db.schema
      .createTable('content_items')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('seq', 'bigint', (column) => column.notNull().unique())
      .addColumn('deleted', 'integer', (column) => column.notNull())
      // Served to phones (0 for contest questions), and whether it ever was (then its removal
      // from phones is served as a tombstone).
      .addColumn('served', 'integer', (column) => column.notNull())
      .addColumn('listed', 'integer', (column) => column.notNull())
      .addColumn('data', 'text', (column) => column.notNull())
      .addColumn('hash', 'text', (column) => column.notNull())
      .addColumn('modified_at', 'bigint')
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('content_items_source_idx').on('content_items').columns(['source', 'deleted']).execute()
    await db.schema.createIndex('content_items_type_idx').on('content_items').columns(['type', 'deleted']).execute()

    await db.schema
      .createTable('content_sources')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      .addColumn('last_success_at', 'bigint')
      .addColumn('last_failure_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute()
  },
}
