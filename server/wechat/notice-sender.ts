/**
 * Sends the subscription messages of the outbox (wechat_outbox): started by `listen` when WeChat is
 * configured, nudged after each staff action that owes one, and otherwise looking every
 * few seconds. Of several instances on one PostgreSQL database one sends: the one holding the
 * sending lease (an advisory lock); SQLite is one process.
 *
 * Each message is claimed ("sending", with a lease of LEASE_MS, longer than a call to WeChat may
 * take) before it is sent, and its outcome recorded after. A sender that dies between the two
 * leaves the row "sending"; once its lease has run out the row is sent again. That is the
 * at-least-once choice: the worker may, rarely, get a message twice (WeChat then takes a second
 * acceptance, or refuses with 43101 when there is none), rather than miss one.
 *
 * Outcomes: sent; refused (WeChat answered with an errcode, 43101 the user has no subscription
 * left: recorded, never retried); unavailable (network, HTTP error, system busy: tried again after
 * 30 s, doubling to at most an hour, with jitter, and given up as failed a day after the event).
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'

import { ADVISORY_LOCKS, AdvisoryLease } from '../db/advisory-locks'
import type { Dialect } from '../db/database'
import type { Database } from '../db/schema'
import type { Keyring } from '../privacy/keyring'
import { DEFAULT_TEMPLATE_FIELDS, noticeData, noticePage, TEMPLATE_OF_EVENT, type NoticeTemplate, type TemplateSetting } from './notice-templates'
import { claimDueNotices, recordNoticeOutcome, type ClaimedNotice, type NoticeOutcome } from './notices.repository'
import { WECHAT_ERRCODES, WeChatError, type WeChatApi } from './wechat-api'

/** How long a claim holds: well past the client's 10 s timeout (and one token renewal). */
export const LEASE_MS = 60_000
export const FIRST_RETRY_MS = 30_000
export const LONGEST_RETRY_MS = 60 * 60 * 1000
/** A message WeChat could not take for this long after its event is given up. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000
const BATCH = 20
const DEFAULT_INTERVAL_MS = 5_000

/** The wait before the next try after `attempts` unavailable ones: 30 s doubling to an hour, ±25 %. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS)
  return Math.round(base * (0.75 + random() * 0.5))
}

export interface NoticeSenderOptions {
  db: Kysely<Database>
  dialect: Dialect
  api: WeChatApi
  keyring: Keyring
  templates: Readonly<Record<NoticeTemplate, TemplateSetting | undefined>>
  log: FastifyBaseLogger
  intervalMs?: number
}

export interface SendRound {
  /** false when another instance sends (this one did nothing). */
  sending: boolean
  sent: number
  refused: number
  retrying: number
  failed: number
}

export class NoticeSender {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<SendRound> | undefined
  private started = false
  private stopped = false
  private nudgedWhileRunning = false
  private readonly lease: AdvisoryLease

  constructor(private readonly options: NoticeSenderOptions) {
    this.lease = new AdvisoryLease(options.db, options.dialect, ADVISORY_LOCKS.wechatNotices)
  }

  start(): void {
    if (this.started || this.stopped) return
    this.started = true
    this.schedule(0)
  }

  /**
   * A staff action has just owed a message: send it now rather than at the next look. A round under
   * way has already read what was due when it began, so another follows it at once.
   */
  nudge(): void {
    if (!this.started || this.stopped) return
    if (this.running !== undefined) {
      this.nudgedWhileRunning = true
      return
    }
    if (this.timer) clearTimeout(this.timer)
    this.schedule(0)
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.runOnce().finally(() => {
        if (this.stopped || this.timer !== undefined) return
        const again = this.nudgedWhileRunning
        this.nudgedWhileRunning = false
        this.schedule(again ? 0 : (this.options.intervalMs ?? DEFAULT_INTERVAL_MS))
      })
    }, delayMs)
    this.timer.unref()
  }

  /** One round: every message due at `now` (a round under way is joined, not doubled). */
  runOnce(now: number = Date.now()): Promise<SendRound> {
    this.running ??= this.round(now).finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async round(now: number): Promise<SendRound> {
    const round: SendRound = { sending: false, sent: 0, refused: 0, retrying: 0, failed: 0 }
    if (this.stopped || !(await this.lease.holdFor(this.options.log, { doing: 'sends the subscription messages', skipped: 'subscription messages not sent this round' }))) return round
    round.sending = true
    const { db, keyring, log } = this.options
    try {
      for (;;) {
        const claimed = await claimDueNotices(db, keyring, now, BATCH, LEASE_MS)
        for (const notice of claimed) {
          const { outcome, noneLeft } = await this.send(notice, now)
          await recordNoticeOutcome(db, notice, outcome, now, noneLeft)
          if (outcome.state === 'pending') round.retrying += 1
          else round[outcome.state] += 1
          if (outcome.state !== 'sent') log.warn({ outbox: notice.id, event: notice.event, attempts: notice.attempts, outcome: outcome.state, reason: outcome.reason }, 'subscription message not sent')
        }
        if (claimed.length < BATCH || this.stopped) break
      }
    } catch (error) {
      log.error({ err: error }, 'sending subscription messages failed')
    }
    return round
  }

  private async send(notice: ClaimedNotice, now: number): Promise<{ outcome: NoticeOutcome; noneLeft: boolean }> {
    const subscription = notice.subscription
    if (subscription === null) return { outcome: { state: 'failed', reason: 'the subscription is gone' }, noneLeft: false }
    const configured = this.options.templates[TEMPLATE_OF_EVENT[notice.event]]
    // The template the worker accepted; the fields as configured now (the default when it was unset since).
    const template: TemplateSetting = { id: subscription.templateId, fields: configured?.fields ?? DEFAULT_TEMPLATE_FIELDS }
    try {
      await this.options.api.sendSubscribeMessage({
        openid: subscription.openid,
        templateId: template.id,
        page: noticePage(subscription.pageKey),
        data: noticeData(template, notice.event, notice.reportKind, notice.eventAt),
      })
      return { outcome: { state: 'sent' }, noneLeft: false }
    } catch (error) {
      if (error instanceof WeChatError) {
        return { outcome: { state: 'refused', errcode: error.errcode, reason: error.message }, noneLeft: error.errcode === WECHAT_ERRCODES.userRefused }
      }
      const reason = error instanceof Error ? error.message : 'unknown failure'
      if (now - notice.createdAt >= GIVE_UP_AFTER_MS) return { outcome: { state: 'failed', reason }, noneLeft: false }
      return { outcome: { state: 'pending', nextAttemptAt: now + retryDelayMs(notice.attempts), reason }, noneLeft: false }
    }
  }

  /** Stops looking, lets a round under way finish, and gives up the lease. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    await this.running?.catch(() => undefined)
    await this.lease.release()
  }
}
