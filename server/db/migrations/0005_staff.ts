import { sql, type Kysely, type Migration } from 'kysely'

import type { Dialect } from '../database'

/**
 * The staff side of reports: tokens (only their SHA-256 is stored), the status history of each
 * report, and the audit log of every read of personal data and every change. The audit log is
 * append-only in the database itself, so no code path (nor a hand-typed UPDATE) can rewrite it.
 */
export function createStaff(dialect: Dialect): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('staff_tokens')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('scope', 'text', (column) => column.notNull().check(sql`scope in ('city', 'district')`))
        .addColumn('district_code', 'text')
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('revoked_at', 'bigint')
        .addCheckConstraint('staff_tokens_scope_district', sql`(scope = 'city' and district_code is null) or (scope = 'district' and district_code is not null)`)
        .execute()

      await db.schema.alterTable('tips').addColumn('accepted_on', 'text').execute()
      await db.schema.createIndex('tips_district_created_idx').on('tips').columns(['district_code', 'created_at']).execute()
      await db.schema.createIndex('tips_status_idx').on('tips').column('status').execute()

      await db.schema
        .createTable('tip_events')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('tip_id', 'text', (column) => column.notNull().references('tips.id'))
        .addColumn('from_status', 'text', (column) => column.notNull())
        .addColumn('to_status', 'text', (column) => column.notNull())
        .addColumn('note_to_reporter', 'text')
        .addColumn('internal_note', 'text')
        .addColumn('staff_id', 'text', (column) => column.references('staff_tokens.id'))
        .addColumn('at', 'bigint', (column) => column.notNull())
        .execute()
      await db.schema.createIndex('tip_events_tip_idx').on('tip_events').columns(['tip_id', 'at']).execute()

      // No foreign key to tips: entries outlive the reports they name, which are purged.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('at', 'bigint', (column) => column.notNull())
        .addColumn('staff_id', 'text', (column) => column.references('staff_tokens.id'))
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('tip_id', 'text')
        .addColumn('detail', 'text', (column) => column.notNull())
        .execute()
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at', 'id']).execute()

      await makeAppendOnly(db, dialect)
    },
  }
}

const REFUSAL = 'audit_log is append-only: entries cannot be changed or deleted'

async function makeAppendOnly(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const event of ['update', 'delete'] as const) {
      await sql`
        create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)} on audit_log
        begin
          select raise(abort, ${sql.lit(REFUSAL)});
        end
      `.execute(db)
    }
    return
  }
  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception ${sql.lit(REFUSAL)};
    end
    $$
  `.execute(db)
  await sql`
    create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change()
  `.execute(db)
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()
  `.execute(db)
}
