// Subscriptions the worker accepted and the outbox of messages owed to them (migration 0021).
import { randomUUID } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'
import { decryptField, encryptField } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import { isUniqueViolation } from '../tips/record-tip'
import { TEMPLATE_OF_EVENT, type NoticeEvent, type NoticeTemplate } from './notice-templates'

type Db = Kysely<Database> | Transaction<Database>

const openidLocation = (id: string) => ({ table: 'wechat_subscriptions', rowId: id, column: 'openid' })
const FINAL_STATUSES = ['closed', 'rejected']
const UNSETTLED = ['pending', 'sending'] as const

export interface NewSubscription {
  tipId: string
  template: NoticeTemplate
  templateId: string
  openid: string
  pageKey: string | null
  now: number
}

/**
 * One more acceptance of `template` for the report: one more message may be sent. Accepted from
 * another WeChat user than before, the earlier user's acceptances are of no use to this one: the
 * count starts again.
 */
export async function addSubscription(db: Kysely<Database>, keyring: Keyring, subscription: NewSubscription): Promise<number> {
  const attempt = () =>
    db.transaction().execute(async (trx) => {
      const { tipId, template, templateId, openid, pageKey, now } = subscription
      const existing = await trx.selectFrom('wechat_subscriptions').selectAll().where('tip_id', '=', tipId).where('template', '=', template).executeTakeFirst()
      if (existing === undefined) {
        const id = randomUUID()
        await trx
          .insertInto('wechat_subscriptions')
          .values({ id, tip_id: tipId, template, template_id: templateId, openid: encryptField(keyring, openid, openidLocation(id)), page_key: pageKey, remaining: 1, updated_at: now })
          .execute()
        return 1
      }
      const sameUser = decryptField(keyring, existing.openid, openidLocation(existing.id)) === openid
      const updated = await trx
        .updateTable('wechat_subscriptions')
        .set((eb) => ({
          template_id: templateId,
          openid: sameUser ? existing.openid : encryptField(keyring, openid, openidLocation(existing.id)),
          page_key: pageKey ?? (sameUser ? existing.page_key : null),
          // Added to, not written over: two acceptances at once both count.
          remaining: sameUser ? eb('remaining', '+', 1) : 1,
          updated_at: now,
        }))
        .where('id', '=', existing.id)
        .returning('remaining')
        .executeTakeFirst()
      return Number(updated?.remaining ?? 0)
    })
  try {
    return await attempt()
  } catch (error) {
    // The same report subscribed twice at once, and the other insert won: count on top of it.
    if (!isUniqueViolation(error)) throw error
    return attempt()
  }
}

/**
 * Owes the reporter a message about `event`, in the caller's transaction, when a subscription to
 * its template has a message left (which this takes). False when nobody subscribed or none is left.
 */
export async function enqueueNotice(db: Db, notice: { tipId: string; event: NoticeEvent; at: number }): Promise<boolean> {
  const subscriptions = await db.selectFrom('wechat_subscriptions').select(['id', 'template', 'remaining']).where('tip_id', '=', notice.tipId).execute()
  // The common case, and every case without WeChat: nobody asked to hear back about this report.
  if (subscriptions.length === 0) return false
  const template = TEMPLATE_OF_EVENT[notice.event]
  const subscription = subscriptions.find((row) => row.template === template && Number(row.remaining) > 0)
  let taken = false
  if (subscription !== undefined) {
    const result = await db.updateTable('wechat_subscriptions').set((eb) => ({ remaining: eb('remaining', '-', 1) })).where('id', '=', subscription.id).where('remaining', '>', 0).executeTakeFirst()
    taken = Number(result.numUpdatedRows) === 1
  }
  if (taken && subscription !== undefined) {
    await db
      .insertInto('wechat_outbox')
      .values({
        id: randomUUID(),
        tip_id: notice.tipId,
        subscription_id: subscription.id,
        event: notice.event,
        event_at: notice.at,
        state: 'pending',
        next_attempt_at: notice.at,
        lease_until: null,
        errcode: null,
        last_error: null,
        created_at: notice.at,
        settled_at: null,
      })
      .execute()
  }
  await forgetSpentSubscriptions(db, notice.tipId)
  return taken
}

/**
 * Deletes the report's subscriptions (and openids) that can send nothing more: none left, or the
 * report is finished; but not while a message of theirs is still to be sent.
 */
export async function forgetSpentSubscriptions(db: Db, tipId: string): Promise<void> {
  const tip = await db.selectFrom('tips').select('status').where('id', '=', tipId).executeTakeFirst()
  const finished = tip === undefined || FINAL_STATUSES.includes(tip.status)
  let query = db
    .deleteFrom('wechat_subscriptions')
    .where('tip_id', '=', tipId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('wechat_outbox').select('wechat_outbox.id').whereRef('wechat_outbox.subscription_id', '=', 'wechat_subscriptions.id').where('wechat_outbox.state', 'in', UNSETTLED))),
    )
  if (!finished) query = query.where('remaining', '<=', 0)
  await query.execute()
}

/** A message claimed for sending, with what it needs. */
export interface ClaimedNotice {
  id: string
  tipId: string
  event: NoticeEvent
  eventAt: number
  /** This claim's number: the record of its outcome is accepted only while the claim stands. */
  attempts: number
  createdAt: number
  reportKind: string
  subscription: { id: string; template: NoticeTemplate; templateId: string; openid: string; pageKey: string | null } | null
}

/**
 * Claims up to `limit` messages due at `now` (pending and due, or sending whose lease ran out: the
 * sender that held it died), each for `leaseMs`. A row another sender claimed first is skipped.
 */
export async function claimDueNotices(db: Kysely<Database>, keyring: Keyring, now: number, limit: number, leaseMs: number): Promise<ClaimedNotice[]> {
  const due = await db
    .selectFrom('wechat_outbox')
    .innerJoin('tips', 'tips.id', 'wechat_outbox.tip_id')
    .leftJoin('wechat_subscriptions', 'wechat_subscriptions.id', 'wechat_outbox.subscription_id')
    .select([
      'wechat_outbox.id',
      'wechat_outbox.tip_id',
      'wechat_outbox.event',
      'wechat_outbox.event_at',
      'wechat_outbox.attempts',
      'wechat_outbox.state',
      'wechat_outbox.created_at',
      'tips.kind',
      'wechat_subscriptions.id as subscription_id',
      'wechat_subscriptions.template',
      'wechat_subscriptions.template_id',
      'wechat_subscriptions.openid',
      'wechat_subscriptions.page_key',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('wechat_outbox.state', '=', 'pending'), eb('wechat_outbox.next_attempt_at', '<=', now)]),
        eb.and([eb('wechat_outbox.state', '=', 'sending'), eb('wechat_outbox.lease_until', '<=', now)]),
      ]),
    )
    .orderBy('wechat_outbox.next_attempt_at', 'asc')
    .limit(limit)
    .execute()
  const claimed: ClaimedNotice[] = []
  for (const row of due) {
    const attempts = Number(row.attempts) + 1
    const result = await db
      .updateTable('wechat_outbox')
      .set({ state: 'sending', lease_until: now + leaseMs, attempts })
      .where('id', '=', row.id)
      .where('state', '=', row.state)
      .where('attempts', '=', Number(row.attempts))
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) continue
    const subscription =
      row.subscription_id === null || row.openid === null || row.template === null || row.template_id === null
        ? null
        : {
            id: row.subscription_id,
            template: row.template as NoticeTemplate,
            templateId: row.template_id,
            openid: decryptField(keyring, row.openid, openidLocation(row.subscription_id)),
            pageKey: row.page_key,
          }
    claimed.push({ id: row.id, tipId: row.tip_id, event: row.event as NoticeEvent, eventAt: Number(row.event_at), attempts, createdAt: Number(row.created_at), reportKind: row.kind, subscription })
  }
  return claimed
}

export type NoticeOutcome =
  | { state: 'sent' }
  | { state: 'refused'; errcode: number; reason: string }
  | { state: 'failed'; reason: string }
  | { state: 'pending'; nextAttemptAt: number; reason: string }

/**
 * Records how a claimed message went, if the claim still stands (false otherwise). A settled
 * message lets go of its subscription, which is deleted once it can send nothing more; a refusal
 * for want of a subscription (43101) means WeChat holds none left for that user either.
 */
export async function recordNoticeOutcome(db: Kysely<Database>, notice: ClaimedNotice, outcome: NoticeOutcome, now: number, noneLeft: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const settled = outcome.state !== 'pending'
    const result = await trx
      .updateTable('wechat_outbox')
      .set({
        state: outcome.state,
        lease_until: null,
        next_attempt_at: outcome.state === 'pending' ? outcome.nextAttemptAt : now,
        errcode: outcome.state === 'refused' ? outcome.errcode : null,
        last_error: outcome.state === 'sent' ? null : outcome.reason.slice(0, 200),
        settled_at: settled ? now : null,
        ...(settled ? { subscription_id: null } : {}),
      })
      .where('id', '=', notice.id)
      .where('state', '=', 'sending')
      .where('attempts', '=', notice.attempts)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) return false
    if (noneLeft && notice.subscription !== null) await trx.updateTable('wechat_subscriptions').set({ remaining: 0 }).where('id', '=', notice.subscription.id).execute()
    if (settled) await forgetSpentSubscriptions(trx, notice.tipId)
    return true
  })
}

/** Messages not yet settled, and how long the oldest has waited. */
export async function outboxBacklog(db: Kysely<Database>, now: number): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const row = await db
    .selectFrom('wechat_outbox')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('state', 'in', UNSETTLED)
    .executeTakeFirstOrThrow()
  const oldest = row.oldest === null ? null : Number(row.oldest)
  return { pending: Number(row.count), oldestAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)) }
}

/** The purge of reports takes their messages owed and their subscriptions with them. */
export async function deleteNoticesOfTips(db: Db, tipIds: readonly string[]): Promise<void> {
  if (tipIds.length === 0) return
  await db.deleteFrom('wechat_outbox').where('tip_id', 'in', [...tipIds]).execute()
  await db.deleteFrom('wechat_subscriptions').where('tip_id', 'in', [...tipIds]).execute()
}
