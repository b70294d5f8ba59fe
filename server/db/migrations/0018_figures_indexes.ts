import type { Migration } from 'kysely'

/**
 * Indexes for the annual figures (GET /api/v1/admin/figures) over years of data: the counters of a
 * period summed from the index alone (count included), the status changes of a period (closed,
 * rejected), the ratings and the contest attempts finished in a period.
 */
export const figuresIndexes: Migration = {
  async up(db) {
    await db.schema.createIndex('usage_counters_figures_idx').on('usage_counters').columns(['metric', 'day', 'subject', 'count']).execute()
    await db.schema.createIndex('tip_events_status_at_idx').on('tip_events').columns(['to_status', 'at', 'tip_id']).execute()
    await db.schema.createIndex('tips_rated_idx').on('tips').columns(['rated_at', 'district_code', 'rating']).execute()
    await db.schema.createIndex('quiz_attempts_finished_idx').on('quiz_attempts').columns(['finished_at', 'participant_id']).execute()
  },
}
