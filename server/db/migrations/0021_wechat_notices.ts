import type { Migration } from 'kysely'

/**
 * Telling the worker in WeChat (server/wechat/): subscription messages through a durable outbox.
 * - wechat_subscriptions: what the worker accepted on the receipt, one row per report and template,
 *   with how many messages WeChat lets the service send (one per acceptance). The openid, the only
 *   way to address them, is stored here alone and encrypted (field-crypto, AAD {table:
 *   'wechat_subscriptions', rowId: id, column: 'openid'}); the row goes once nothing is left to send.
 * - wechat_outbox: one row per message owed, inserted in the transaction of the staff action it
 *   tells of. state: pending → sending (leased to one sender until lease_until) → sent | refused
 *   (WeChat said no: errcode kept, never retried) | failed (unavailable for a day: given up).
 */
export const wechatNotices: Migration = {
  async up(db) {
    await db.schema
      .createTable('wechat_subscriptions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('tip_id', 'text', (column) => column.notNull().references('tips.id'))
      .addColumn('template', 'text', (column) => column.notNull())
      .addColumn('template_id', 'text', (column) => column.notNull())
      .addColumn('openid', 'text', (column) => column.notNull())
      // The app's own key of the report on that phone: the message opens its status page there.
      .addColumn('page_key', 'text')
      .addColumn('remaining', 'integer', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('wechat_subscriptions_tip_idx').on('wechat_subscriptions').columns(['tip_id', 'template']).unique().execute()

    await db.schema
      .createTable('wechat_outbox')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('tip_id', 'text', (column) => column.notNull().references('tips.id'))
      // Cleared once the message is settled: the subscription (and its openid) may then go.
      .addColumn('subscription_id', 'text', (column) => column.references('wechat_subscriptions.id'))
      .addColumn('event', 'text', (column) => column.notNull())
      .addColumn('event_at', 'bigint', (column) => column.notNull())
      .addColumn('state', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (column) => column.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('errcode', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('settled_at', 'bigint')
      .execute()
    await db.schema.createIndex('wechat_outbox_due_idx').on('wechat_outbox').columns(['state', 'next_attempt_at']).execute()
    await db.schema.createIndex('wechat_outbox_tip_idx').on('wechat_outbox').column('tip_id').execute()
  },
}
