import type { Migration } from 'kysely'

/**
 * WeChat identity without a sign-up (server/wechat/).
 * - wechat_users: one row per WeChat user of the mini-program, known only by a keyed hash of the
 *   openid (PUFA_HASH_KEY); nothing else about the person.
 * - wechat_sessions: the mini-program's sessions (X-Pufa-Session); only the SHA-256 of the token
 *   is stored. A session ends when unused for 30 days.
 * - tips.wechat_user_id: who sent the report from WeChat (null from H5), so that 我的反映 lists it
 *   on any phone of that person; tips.owner_seen_at: when that person last opened it, for the mark
 *   on reports that changed since.
 * - quiz_participants.wechat_user_id: the one participant of a WeChat user (null from H5);
 *   quiz_participant_tokens: the further tokens of that participant, one per phone that registered.
 */
export const wechatIdentity: Migration = {
  async up(db) {
    await db.schema
      .createTable('wechat_users')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('openid_hash', 'text', (column) => column.notNull().unique())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute()

    await db.schema
      .createTable('wechat_sessions')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull().references('wechat_users.id'))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('wechat_sessions_user_idx').on('wechat_sessions').column('user_id').execute()
    await db.schema.createIndex('wechat_sessions_last_seen_idx').on('wechat_sessions').column('last_seen_at').execute()

    await db.schema.alterTable('tips').addColumn('wechat_user_id', 'text', (column) => column.references('wechat_users.id')).execute()
    await db.schema.alterTable('tips').addColumn('owner_seen_at', 'bigint').execute()
    await db.schema.createIndex('tips_wechat_user_idx').on('tips').columns(['wechat_user_id', 'created_at']).execute()

    await db.schema.alterTable('quiz_participants').addColumn('wechat_user_id', 'text', (column) => column.references('wechat_users.id')).execute()
    await db.schema.createIndex('quiz_participants_wechat_user_idx').on('quiz_participants').column('wechat_user_id').unique().execute()
    await db.schema
      .createTable('quiz_participant_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('participant_id', 'text', (column) => column.notNull().references('quiz_participants.id'))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute()
    await db.schema.createIndex('quiz_participant_tokens_participant_idx').on('quiz_participant_tokens').column('participant_id').execute()
  },
}
