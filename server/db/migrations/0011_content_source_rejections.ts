import type { Migration } from 'kysely'

// What the last read of a source turned away, for /api/v1/health: an operator sees why an item
// of the bureau's CMS is missing from the app without reading the service's logs.
export const contentSourceRejections: Migration = {
  async up(db) {
    await db.schema
      .alterTable('content_sources')
      .addColumn('rejected_count', 'integer', (column) => column.notNull().defaultTo(0))
      .execute()
    await db.schema.alterTable('content_sources').addColumn('rejected_reasons', 'text').execute()
  },
}
