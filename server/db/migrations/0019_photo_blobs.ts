import type { Migration } from 'kysely'

import type { Dialect } from '../database'

/**
 * Evidence photos for several instances and their limits.
 * - uploads.client_key: a keyed hash of who sent the photo (the app's device id, else the address),
 *   for the per-client byte budget; never the id or address itself.
 * - uploads.metadata_stripped: 1 when the stored bytes were cleaned as they arrived (served as
 *   they are); 0 for photos stored before, cleaned when they are read.
 * - On PostgreSQL, photo_chunks: the bytes of each photo in pieces of up to 256 KiB, written as the
 *   upload arrives and read back one piece at a time, so that every instance sees every photo and
 *   none is held whole in memory. Pieces are written before their uploads row (a crash leaves
 *   pieces without a row, purged after an hour), hence no foreign key. SQLite keeps its files
 *   under DATA_DIR/uploads.
 */
export function photoBlobs(dialect: Dialect): Migration {
  return {
    async up(db) {
      await db.schema.alterTable('uploads').addColumn('client_key', 'text').execute()
      await db.schema
        .alterTable('uploads')
        .addColumn('metadata_stripped', 'integer', (column) => column.notNull().defaultTo(0))
        .execute()
      await db.schema.createIndex('uploads_client_idx').on('uploads').columns(['client_key', 'created_at']).execute()
      if (dialect !== 'postgres') return
      await db.schema
        .createTable('photo_chunks')
        .addColumn('upload_id', 'text', (column) => column.notNull())
        .addColumn('seq', 'integer', (column) => column.notNull())
        .addColumn('data', 'bytea', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('photo_chunks_pk', ['upload_id', 'seq'])
        .execute()
      await db.schema.createIndex('photo_chunks_created_idx').on('photo_chunks').column('created_at').execute()
    },
  }
}
