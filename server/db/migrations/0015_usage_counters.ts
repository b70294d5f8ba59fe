import type { Migration } from 'kysely'

/**
 * Anonymous aggregate counters the app sends in batches (explainer reads, practice answers by
 * category): a metric, what was counted, the China day and how many. Nothing else: no user,
 * device, address or time finer than the day. A batch adds to the row of its (metric, subject, day).
 */
export const usageCounters: Migration = {
  async up(db) {
    await db.schema
      .createTable('usage_counters')
      .addColumn('metric', 'text', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      // China date, 'YYYY-MM-DD'.
      .addColumn('day', 'text', (column) => column.notNull())
      .addColumn('count', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('usage_counters_pk', ['metric', 'subject', 'day'])
      .execute()
    // The figures of a period: one metric, a range of days.
    await db.schema.createIndex('usage_counters_period_idx').on('usage_counters').columns(['metric', 'day', 'subject']).execute()
  },
}
