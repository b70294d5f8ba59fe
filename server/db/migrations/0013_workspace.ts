import type { Migration } from 'kysely'

/**
 * The staff workspace (issue 11). On `tips`: the running legal deadline (due_on, with due_covered
 * 0 when the holiday calendar does not cover it, so it is an estimate), the staff member who
 * accepted the report (承办人), the one extension of the investigation (JSON, field-crypto: it
 * names the approver), the outcome of a closed report (JSON), a keyed hash of the work address
 * (duplicates), and the conversation's unread replies and last reply (maintained by the
 * conversation, 0014). due_on and address_hash of existing reports are filled at start
 * (server/tips/workspace-upkeep.ts): both need the holiday calendar or the hash key, which a
 * migration does not have.
 *
 * `tip_events` records what staff did (action, with a JSON detail without personal data); the
 * status changes recorded before are 'transition'. Internal notes move to `tip_notes`, one
 * encrypted body per note (the old plain-text column is emptied at start).
 */
export const workspace: Migration = {
  async up(db) {
    await db.schema.alterTable('tips').addColumn('due_on', 'text').execute()
    await db.schema.alterTable('tips').addColumn('due_covered', 'integer', (column) => column.notNull().defaultTo(1)).execute()
    await db.schema.alterTable('tips').addColumn('handler_id', 'text', (column) => column.references('staff.id')).execute()
    await db.schema.alterTable('tips').addColumn('extension', 'text').execute()
    await db.schema.alterTable('tips').addColumn('outcome', 'text').execute()
    await db.schema.alterTable('tips').addColumn('address_hash', 'text').execute()
    await db.schema.alterTable('tips').addColumn('unread_replies', 'integer', (column) => column.notNull().defaultTo(0)).execute()
    await db.schema.alterTable('tips').addColumn('last_reply_at', 'bigint').execute()

    // The inbox: by urgency (due_on, then age) within a district or the city, and by status.
    await db.schema.createIndex('tips_due_idx').on('tips').columns(['due_on', 'created_at']).execute()
    await db.schema.createIndex('tips_district_due_idx').on('tips').columns(['district_code', 'due_on', 'created_at']).execute()
    await db.schema.createIndex('tips_status_due_idx').on('tips').columns(['status', 'due_on', 'created_at']).execute()
    await db.schema.createIndex('tips_handler_idx').on('tips').columns(['handler_id', 'status']).execute()
    await db.schema.createIndex('tips_employer_hash_idx').on('tips').column('employer_hash').execute()
    await db.schema.createIndex('tips_address_hash_idx').on('tips').column('address_hash').execute()
    await db.schema.createIndex('tips_duplicate_of_idx').on('tips').column('duplicate_of').execute()

    await db.schema.alterTable('tip_events').addColumn('action', 'text', (column) => column.notNull().defaultTo('transition')).execute()
    await db.schema.alterTable('tip_events').addColumn('detail', 'text', (column) => column.notNull().defaultTo('{}')).execute()

    await db.schema
      .createTable('tip_notes')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('tip_id', 'text', (column) => column.notNull().references('tips.id'))
      .addColumn('staff_id', 'text', (column) => column.references('staff.id'))
      .addColumn('body', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('tip_notes_tip_idx').on('tip_notes').columns(['tip_id', 'created_at']).execute()

    // The audit page filters by staff member, action and report, newest first.
    await db.schema.createIndex('audit_log_staff_idx').on('audit_log').columns(['staff_id', 'at']).execute()
    await db.schema.createIndex('audit_log_tip_idx').on('audit_log').columns(['tip_id', 'at']).execute()
  },
}
