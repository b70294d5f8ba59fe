import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** The id of the WeChat user with this openid hash, made on first sign-in (two phones at once find one row). */
export async function findOrCreateWeChatUser(db: Db, user: { newId: string; openidHash: string; now: number }): Promise<string> {
  await db
    .insertInto('wechat_users')
    .values({ id: user.newId, openid_hash: user.openidHash, created_at: user.now })
    .onConflict((conflict) => conflict.column('openid_hash').doNothing())
    .execute()
  const row = await db.selectFrom('wechat_users').select('id').where('openid_hash', '=', user.openidHash).executeTakeFirstOrThrow()
  return row.id
}

export async function insertWeChatSession(db: Db, session: { tokenHash: string; userId: string; at: number }): Promise<void> {
  await db
    .insertInto('wechat_sessions')
    .values({ token_hash: session.tokenHash, user_id: session.userId, created_at: session.at, last_seen_at: session.at })
    .execute()
}

/** The session's user and when it was last used; its age is for the caller to judge. */
export async function findWeChatSession(db: Db, tokenHash: string): Promise<{ userId: string; lastSeenAt: number } | undefined> {
  const row = await db.selectFrom('wechat_sessions').select(['user_id', 'last_seen_at']).where('token_hash', '=', tokenHash).executeTakeFirst()
  return row && { userId: row.user_id, lastSeenAt: Number(row.last_seen_at) }
}

export async function touchWeChatSession(db: Db, tokenHash: string, at: number): Promise<void> {
  await db.updateTable('wechat_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).where('last_seen_at', '<', at).execute()
}

/** Forgets sessions unused since `idleBefore`: they can no longer be used anyway. */
export async function deleteIdleWeChatSessions(db: Db, idleBefore: number): Promise<void> {
  await db.deleteFrom('wechat_sessions').where('last_seen_at', '<', idleBefore).execute()
}

/**
 * A WeChat user that nothing refers to any more: no report, no contest entry, and no session used
 * since `liveSince` (an idle session can no longer be used).
 */
function forgotten(liveSince: number) {
  return ({ and, not, exists, selectFrom }: ExpressionBuilder<Database, 'wechat_users'>) =>
    and([
      not(exists(selectFrom('tips').select('tips.id').whereRef('tips.wechat_user_id', '=', 'wechat_users.id'))),
      not(exists(selectFrom('quiz_participants').select('quiz_participants.id').whereRef('quiz_participants.wechat_user_id', '=', 'wechat_users.id'))),
      not(
        exists(
          selectFrom('wechat_sessions')
            .select('wechat_sessions.token_hash')
            .whereRef('wechat_sessions.user_id', '=', 'wechat_users.id')
            .where('wechat_sessions.last_seen_at', '>=', liveSince),
        ),
      ),
    ])
}

export async function countForgottenWeChatUsers(db: Db, liveSince: number): Promise<number> {
  const row = await db
    .selectFrom('wechat_users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(forgotten(liveSince))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Deletes the idle sessions, then the WeChat users nothing refers to any more (their openid's hash goes with them). */
export async function deleteForgottenWeChatUsers(db: Kysely<Database>, liveSince: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await deleteIdleWeChatSessions(trx, liveSince)
    const deleted = await trx.deleteFrom('wechat_users').where(forgotten(liveSince)).executeTakeFirst()
    return Number(deleted.numDeletedRows)
  })
}
