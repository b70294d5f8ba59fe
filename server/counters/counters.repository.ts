import { sql, type Kysely } from 'kysely'

import type { UsageCount } from '../../src/core/usage-counters'
import type { Database } from '../db/schema'

/**
 * Adds each count to its (metric, subject, day) row, creating the row when it is the first. The
 * entries must be distinct by that key: PostgreSQL refuses to update one row twice in one statement.
 * They are written in key order, so that two batches lock their rows (and the month rows the
 * triggers of migration 0018 add to) in the same order and cannot wait for each other.
 */
export async function addUsageCounts(db: Kysely<Database>, counts: readonly UsageCount[]): Promise<void> {
  if (counts.length === 0) return
  await db
    .insertInto('usage_counters')
    .values(
      [...counts]
        .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
        .map(({ metric, subject, day, count }) => ({ metric, subject, day, count })),
    )
    .onConflict((conflict) => conflict.columns(['metric', 'subject', 'day']).doUpdateSet({ count: sql<number>`usage_counters.count + excluded.count` }))
    .execute()
}
