import { sql, type Kysely } from 'kysely'

import type { UsageCount } from '../../src/core/usage-counters'
import type { Database } from '../db/schema'

/**
 * Adds each count to its (metric, subject, day) row, creating the row when it is the first. The
 * entries must be distinct by that key: PostgreSQL refuses to update one row twice in one statement.
 */
export async function addUsageCounts(db: Kysely<Database>, counts: readonly UsageCount[]): Promise<void> {
  if (counts.length === 0) return
  await db
    .insertInto('usage_counters')
    .values(counts.map(({ metric, subject, day, count }) => ({ metric, subject, day, count })))
    .onConflict((conflict) => conflict.columns(['metric', 'subject', 'day']).doUpdateSet({ count: sql<number>`usage_counters.count + excluded.count` }))
    .execute()
}
