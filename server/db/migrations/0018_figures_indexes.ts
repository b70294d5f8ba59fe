import { sql, type Kysely, type Migration } from 'kysely'

import type { Dialect } from '../database'

/**
 * Indexes for the annual figures (GET /api/v1/admin/figures) over years of data: the reports received
 * in a period, the status changes of a period (closed, rejected), the ratings and the contest
 * attempts finished in a period; and the usage counters summed by month (usage_counter_months), kept
 * by triggers on usage_counters, so that a year is read from some ten thousand month rows and only
 * the days of a period's partial months from usage_counters itself.
 */
export function figuresIndexes(dialect: Dialect): Migration {
  return {
    async up(db) {
      await db.schema.createIndex('usage_counters_figures_idx').on('usage_counters').columns(['metric', 'day', 'subject', 'count']).execute()
      // The reports received in a period, every column the figures read from them (no look-up per report).
      await db.schema.createIndex('tips_figures_received_idx').on('tips').columns(['created_at', 'kind', 'district_code', 'accepted_on', 'id']).execute()
      await db.schema.createIndex('tip_events_status_at_idx').on('tip_events').columns(['to_status', 'at', 'tip_id']).execute()
      await db.schema.createIndex('tips_rated_idx').on('tips').columns(['rated_at', 'district_code', 'rating']).execute()
      await db.schema.createIndex('quiz_attempts_finished_idx').on('quiz_attempts').columns(['finished_at', 'participant_id']).execute()
      await createCounterMonths(db, dialect)
    },
  }
}

/** The sums of usage_counters by (metric, subject, month 'YYYY-MM'), and how many day rows each has. */
async function createCounterMonths(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('usage_counter_months')
    .addColumn('metric', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    // 'YYYY-MM' of the China days.
    .addColumn('month', 'text', (column) => column.notNull())
    .addColumn('count', 'bigint', (column) => column.notNull())
    // The day rows of usage_counters it sums: the month row goes with the last of them.
    .addColumn('days', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('usage_counter_months_pk', ['metric', 'month', 'subject'])
    .execute()
  await sql`
    insert into usage_counter_months (metric, subject, month, count, days)
    select metric, subject, substr(day, 1, 7), sum(count), count(*) from usage_counters group by metric, subject, substr(day, 1, 7)
  `.execute(db)
  // Statements shared by both dialects: take a day row out of its month, add one, drop emptied months.
  const takeOld = sql`update usage_counter_months set count = count - old.count, days = days - 1 where metric = old.metric and month = substr(old.day, 1, 7) and subject = old.subject`
  const addNew = sql`
    insert into usage_counter_months (metric, subject, month, count, days) values (new.metric, new.subject, substr(new.day, 1, 7), new.count, 1)
    on conflict (metric, month, subject) do update set count = usage_counter_months.count + excluded.count, days = usage_counter_months.days + 1`
  const dropEmpty = sql`delete from usage_counter_months where metric = old.metric and month = substr(old.day, 1, 7) and subject = old.subject and days = 0`
  if (dialect === 'sqlite') {
    await sql`create trigger usage_counter_months_insert after insert on usage_counters begin ${addNew}; end`.execute(db)
    await sql`create trigger usage_counter_months_update after update on usage_counters begin ${takeOld}; ${addNew}; ${dropEmpty}; end`.execute(db)
    await sql`create trigger usage_counter_months_delete after delete on usage_counters begin ${takeOld}; ${dropEmpty}; end`.execute(db)
    return
  }
  await sql`
    create function usage_counter_months_keep() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        ${takeOld};
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        ${addNew};
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        ${dropEmpty};
      end if;
      return null;
    end
    $$
  `.execute(db)
  await sql`
    create trigger usage_counter_months_keep after insert or update or delete on usage_counters
    for each row execute function usage_counter_months_keep()
  `.execute(db)
}
