import type { Migration } from 'kysely'

/**
 * Wage-arrears reports and the idempotency keys of their submissions. Ids are made in the app,
 * timestamps are epoch ms, JSON is text. Personal data is stored encrypted (field-crypto) or as
 * keyed hashes only; the access key of an anonymous report only as a keyed hash.
 */
export const createTips: Migration = {
  async up(db) {
    await db.schema
      .createTable('tips')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('tracking_code', 'text', (column) => column.notNull().unique())
      .addColumn('access_key_hash', 'text')
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('district_code', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('reporter_name', 'text')
      .addColumn('reporter_mobile', 'text')
      .addColumn('reporter_id_number', 'text')
      .addColumn('mobile_hash', 'text')
      .addColumn('mobile_last4_hash', 'text')
      .addColumn('employer_name', 'text', (column) => column.notNull())
      .addColumn('employer_uscc', 'text')
      .addColumn('employer_hash', 'text', (column) => column.notNull())
      .addColumn('work_address', 'text', (column) => column.notNull())
      .addColumn('is_construction', 'integer', (column) => column.notNull())
      .addColumn('project_name', 'text')
      .addColumn('workers_owed', 'integer', (column) => column.notNull())
      .addColumn('amount_fen', 'bigint', (column) => column.notNull())
      .addColumn('owed_from', 'text', (column) => column.notNull())
      .addColumn('owed_to', 'text', (column) => column.notNull())
      .addColumn('description', 'text', (column) => column.notNull())
      .addColumn('consent_sensitive', 'integer', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('duplicate_of', 'text', (column) => column.references('tips.id'))
      .addColumn('deadlines', 'text', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('tips_duplicate_idx').on('tips').columns(['employer_hash', 'mobile_hash', 'created_at']).execute()
    await db.schema.createIndex('tips_created_idx').on('tips').column('created_at').execute()

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (column) => column.primaryKey())
      .addColumn('fingerprint', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute()
  },
}
