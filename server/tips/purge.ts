// The retention period of reports (`pufa tips purge`): a closed or rejected report is deleted once
// its last change is older than TIPS_RETENTION_DAYS, with its history and evidence photos; then a
// WeChat user that nothing refers to any more (no report, no contest entry, no session used in the
// last SESSION_IDLE_DAYS) is deleted with its openid's hash. The audit log is kept: it names reports
// by id only, never their content.
import type { Kysely } from 'kysely'

import { SESSION_IDLE_DAYS } from '../../src/core/wechat-session'
import { appendAudit } from '../admin/audit.repository'
import type { Database } from '../db/schema'
import { deleteMessagesOfTips } from '../conversation/messages.repository'
import { deleteEvidenceOfTips, purgeExpiredUploads } from '../uploads/uploads.store'
import { deleteNoticesOfTips } from '../wechat/notices.repository'
import { countForgottenWeChatUsers, deleteForgottenWeChatUsers } from '../wechat/wechat-users.repository'

const DAY_MS = 24 * 60 * 60 * 1000
/** A retried submission comes back within days; after this its key (and stored answer) is dropped. */
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 30
const BATCH = 200
const FINAL_STATUSES = ['closed', 'rejected']

export interface PurgeOptions {
  uploadsDir: string
  retentionDays: number
  now: number
  dryRun: boolean
}

export interface PurgeReport {
  dryRun: boolean
  /** Reports whose last change is before this instant (epoch ms) are purged. */
  cutoff: number
  tips: number
  events: number
  evidence: number
  /** Unattached uploads past their expiry, and stray files (for a dry run: expired uploads only). */
  expiredUploads: number
  idempotencyKeys: number
  /**
   * WeChat users (each only a keyed hash of its openid) that nothing refers to any more; a dry run
   * does not count those whose last report the run would delete (the run itself deletes them too).
   */
  wechatUsers: number
}

/** Ids of finished reports untouched since `cutoff`, after `afterId`, in id order. */
async function expiredTipIds(db: Kysely<Database>, cutoff: number, afterId: string | undefined, limit: number): Promise<string[]> {
  let query = db
    .selectFrom('tips')
    .select('id')
    .where('status', 'in', FINAL_STATUSES)
    .where('created_at', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('tip_events').select('tip_events.id').whereRef('tip_events.tip_id', '=', 'tips.id').where('tip_events.at', '>=', cutoff))),
    )
    // A message is a change too: a conversation still going keeps the report.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('tip_messages').select('tip_messages.id').whereRef('tip_messages.tip_id', '=', 'tips.id').where('tip_messages.created_at', '>=', cutoff),
        ),
      ),
    )
  if (afterId !== undefined) query = query.where('id', '>', afterId)
  const rows = await query.orderBy('id', 'asc').limit(limit).execute()
  return rows.map((row) => row.id)
}

async function countWhereIn(db: Kysely<Database>, table: 'tip_events' | 'uploads', tipIds: string[]): Promise<number> {
  if (tipIds.length === 0) return 0
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tip_id', 'in', tipIds)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

async function deleteTips(db: Kysely<Database>, tipIds: string[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // A later report marked as a repeat of a purged one simply stops pointing at it.
    await trx.updateTable('tips').set({ duplicate_of: null }).where('duplicate_of', 'in', tipIds).execute()
    await trx.deleteFrom('tip_notes').where('tip_id', 'in', tipIds).execute()
    const events = await trx.deleteFrom('tip_events').where('tip_id', 'in', tipIds).executeTakeFirst()
    await deleteMessagesOfTips(trx, tipIds)
    await deleteNoticesOfTips(trx, tipIds)
    await trx.deleteFrom('tips').where('id', 'in', tipIds).where('status', 'in', FINAL_STATUSES).execute()
    return Number(events.numDeletedRows)
  })
}

export async function purgeTips(db: Kysely<Database>, options: PurgeOptions): Promise<PurgeReport> {
  const { now, dryRun, uploadsDir } = options
  const cutoff = now - options.retentionDays * DAY_MS
  const idempotencyCutoff = now - IDEMPOTENCY_KEY_RETENTION_DAYS * DAY_MS
  const sessionsLiveSince = now - SESSION_IDLE_DAYS * DAY_MS
  const report: PurgeReport = { dryRun, cutoff, tips: 0, events: 0, evidence: 0, expiredUploads: 0, idempotencyKeys: 0, wechatUsers: 0 }

  let afterId: string | undefined
  for (;;) {
    const ids = await expiredTipIds(db, cutoff, afterId, BATCH)
    if (ids.length === 0) break
    afterId = ids[ids.length - 1]
    report.tips += ids.length
    if (dryRun) {
      report.events += await countWhereIn(db, 'tip_events', ids)
      report.evidence += await countWhereIn(db, 'uploads', ids)
      continue
    }
    // Evidence first, outside the transaction: its files cannot come back if the transaction rolled back.
    report.evidence += await deleteEvidenceOfTips(db, uploadsDir, ids)
    report.events += await deleteTips(db, ids)
  }

  if (dryRun) {
    const expired = await db
      .selectFrom('uploads')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('tip_id', 'is', null)
      .where('expires_at', '<=', now)
      .executeTakeFirstOrThrow()
    report.expiredUploads = Number(expired.count)
    const keys = await db
      .selectFrom('idempotency_keys')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('created_at', '<', idempotencyCutoff)
      .executeTakeFirstOrThrow()
    report.idempotencyKeys = Number(keys.count)
    report.wechatUsers = await countForgottenWeChatUsers(db, sessionsLiveSince)
    return report
  }

  report.expiredUploads = await purgeExpiredUploads(db, uploadsDir, now)
  const keys = await db.deleteFrom('idempotency_keys').where('created_at', '<', idempotencyCutoff).executeTakeFirst()
  report.idempotencyKeys = Number(keys.numDeletedRows)
  report.wechatUsers = await deleteForgottenWeChatUsers(db, sessionsLiveSince)
  await appendAudit(db, {
    staffId: null,
    action: 'purge',
    tipId: null,
    detail: {
      retentionDays: options.retentionDays,
      cutoff: new Date(cutoff).toISOString(),
      tips: report.tips,
      events: report.events,
      evidence: report.evidence,
      expiredUploads: report.expiredUploads,
      idempotencyKeys: report.idempotencyKeys,
      wechatUsers: report.wechatUsers,
    },
    at: now,
  })
  return report
}
