import type { Migration } from 'kysely'

/**
 * Evidence photos of reports. The file lives under DATA_DIR/uploads/quarantine/<id>; the row says
 * what it is and whether a report uses it. The sender's file name is never stored (it can name a
 * person or a place). An upload no report has taken by `expires_at` is purged with its file.
 */
export const createUploads: Migration = {
  async up(db) {
    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('media_type', 'text', (column) => column.notNull())
      .addColumn('size_bytes', 'bigint', (column) => column.notNull())
      .addColumn('sha256', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      // A report purged before its evidence leaves the upload unattached and long expired: the
      // next purge of expired uploads removes it and its file.
      .addColumn('tip_id', 'text', (column) => column.references('tips.id').onDelete('set null'))
      .addColumn('attached_at', 'bigint')
      .execute()
    await db.schema.createIndex('uploads_tip_idx').on('uploads').column('tip_id').execute()
    await db.schema.createIndex('uploads_expires_idx').on('uploads').column('expires_at').execute()
  },
}
