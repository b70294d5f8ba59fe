import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Server-authoritative contests: the contests staff configure, the participants (a district, an
 * optional nickname, the SHA-256 of their token), the attempts with the questions drawn for each
 * (answers included, never sent before finishing) and the answers with the server's time.
 */
export const createContests: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('contests')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('starts_at', 'bigint', (column) => column.notNull())
      .addColumn('ends_at', 'bigint', (column) => column.notNull())
      .addColumn('question_count', 'integer', (column) => column.notNull().check(sql`question_count > 0`))
      .addColumn('time_limit_seconds', 'integer', (column) => column.notNull().check(sql`time_limit_seconds > 0`))
      .addColumn('attempts_per_day', 'integer', (column) => column.notNull().check(sql`attempts_per_day > 0`))
      .addColumn('min_seconds_per_question', 'integer', (column) => column.notNull().check(sql`min_seconds_per_question >= 0`))
      .addColumn('draw_rule', 'text', (column) => column.notNull())
      .addColumn('created_by', 'text', (column) => column.references('staff_tokens.id'))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addCheckConstraint('contests_window', sql`starts_at < ends_at`)
      .execute()
    await db.schema.createIndex('contests_ends_idx').on('contests').columns(['ends_at', 'starts_at']).execute()

    await db.schema
      .createTable('quiz_participants')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('token_hash', 'text', (column) => column.notNull().unique())
      .addColumn('district_code', 'text', (column) => column.notNull())
      .addColumn('nickname', 'text')
      .addColumn('show_on_board', 'integer', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute()

    await db.schema
      .createTable('quiz_attempts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('contest_id', 'text', (column) => column.notNull().references('contests.id'))
      .addColumn('participant_id', 'text', (column) => column.notNull().references('quiz_participants.id'))
      .addColumn('china_date', 'text', (column) => column.notNull())
      .addColumn('ordinal', 'integer', (column) => column.notNull())
      .addColumn('questions', 'text', (column) => column.notNull())
      .addColumn('started_at', 'bigint', (column) => column.notNull())
      .addColumn('deadline_at', 'bigint', (column) => column.notNull())
      .addColumn('last_answer_at', 'bigint', (column) => column.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('score', 'integer')
      .addColumn('time_used_ms', 'bigint')
      // Two attempts started at once on the last free place of the day: one of them fails here.
      .addUniqueConstraint('quiz_attempts_daily_place', ['contest_id', 'participant_id', 'china_date', 'ordinal'])
      .execute()
    await db.schema.createIndex('quiz_attempts_contest_finished_idx').on('quiz_attempts').columns(['contest_id', 'finished_at']).execute()

    await db.schema
      .createTable('quiz_answers')
      .addColumn('attempt_id', 'text', (column) => column.notNull().references('quiz_attempts.id'))
      .addColumn('question_id', 'text', (column) => column.notNull())
      .addColumn('option_ids', 'text', (column) => column.notNull())
      .addColumn('answered_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('quiz_answers_pk', ['attempt_id', 'question_id'])
      .execute()
  },
}
