// Hearing back in WeChat: the worker subscribes on the receipt, staff act in the console, and the
// outbox sends exactly one subscription message per event to the stand-in of WeChat's API; refusals
// are recorded and not retried, an unavailable WeChat is retried with backoff. Both storages.
import type { FastifyInstance, InjectOptions } from 'fastify'

import type { Environment } from '../../server/config'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { createServer } from '../../server/server'
import { purgeTips } from '../../server/tips/purge'
import { FIRST_RETRY_MS, GIVE_UP_AFTER_MS, LEASE_MS, NoticeSender } from '../../server/wechat/notice-sender'
import { noticeTemplatesOf } from '../../server/wechat/notices.routes'
import { claimDueNotices } from '../../server/wechat/notices.repository'
import { startWeChatStandIn, type WeChatStandIn } from '../support/wechat-standin'
import { act, actionTo, asStaff, complaint, createStaffToken, MOBILE, submit, type Submitted } from './staff-helpers'
import { postgresOnly, SQLITE, storages, useApp } from './storage'

const APP_ID = 'wx00112233445566ff'
const SECRET = 'Abcdefghijklmnopqrstuvwxyz012345'
const ACCEPTED = 'tpl-accepted-0001'
const CLOSED = 'tpl-closed-000001'
const MESSAGE = 'tpl-message-00001'
const SEND = '/cgi-bin/message/subscribe/send'
const VERIFIER = MOBILE.slice(-4)
const PAGE_KEY = 'k7Qf3mZp9xRd2wT8'

/** The WeChat settings, WECHAT_API_BASE filled in once the stand-in listens. */
function weChatEnvironment(): Environment & Record<string, string> {
  return {
    RATE_LIMITS: 'false',
    WECHAT_APPID: APP_ID,
    WECHAT_SECRET: SECRET,
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_TEMPLATE_ACCEPTED: ACCEPTED,
    // This template's library names its fields otherwise: the setting says which is which.
    WECHAT_TEMPLATE_CLOSED: `${CLOSED};thing2=subject,phrase5=status,date6=date,thing7=hint`,
    WECHAT_TEMPLATE_MESSAGE: MESSAGE,
  }
}

/** A stand-in started before the app's configuration is read (declare before useApp). */
function useStandIn(env: Record<string, string>): () => WeChatStandIn {
  let wechat: WeChatStandIn | undefined
  beforeAll(async () => {
    wechat = await startWeChatStandIn({ appId: APP_ID, secret: SECRET })
    for (const id of [ACCEPTED, CLOSED, MESSAGE]) wechat.templates.add(id)
    env.WECHAT_API_BASE = wechat.url
  })
  afterAll(() => wechat?.close())
  return () => {
    if (!wechat) throw new Error('the stand-in is not started')
    return wechat
  }
}

function subscribeRequest(code: string, body: Record<string, unknown>, verifier = VERIFIER): InjectOptions {
  return { method: 'POST', url: `/api/v1/tips/${code}/subscriptions`, headers: { 'content-type': 'application/json', 'x-tip-verifier': verifier }, payload: JSON.stringify(body) }
}

async function outboxOf(app: FastifyInstance, tipId: string) {
  return app.db.selectFrom('wechat_outbox').selectAll().where('tip_id', '=', tipId).orderBy('created_at', 'asc').execute()
}

async function subscriptionsOf(app: FastifyInstance, tipId: string) {
  return app.db.selectFrom('wechat_subscriptions').selectAll().where('tip_id', '=', tipId).execute()
}

describe.each(storages())('WeChat subscription messages on $name', (storage) => {
  const env = weChatEnvironment()
  const standIn = useStandIn(env)
  const { app, config } = useApp(storage, env)
  let staff: string
  let openids = 0

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    staff = (await createStaffToken(config(), '广州市劳动保障监察支队')).token
  })

  /** A complaint sent, and the worker (a new WeChat user) subscribed to `templates`, granted in WeChat when `grant`. */
  async function subscribed(templates: string[], grant = true): Promise<{ report: Submitted; openid: string }> {
    const report = await submit(app(), complaint())
    openids += 1
    const openid = `o-worker-${storage.dialect}-${openids}`
    if (grant) for (const id of templates) standIn().grant(openid, id)
    const response = await app().inject(subscribeRequest(report.trackingCode, { loginCode: standIn().loginCode(openid), accepted: templates, pageKey: PAGE_KEY }))
    expect(response.statusCode).toBe(200)
    return { report, openid }
  }

  const sentTo = (openid: string) => standIn().sent.filter((message) => message.touser === openid)

  it('lists the templates the app asks the worker to accept', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/v1/wechat/templates' })
    expect(response.json()).toEqual({
      items: [
        { template: 'accepted', id: ACCEPTED },
        { template: 'closed', id: CLOSED },
        { template: 'message', id: MESSAGE },
      ],
    })
  })

  it('sends one message when staff accept the report, opening its status page, with no personal data', async () => {
    const { report, openid } = await subscribed([ACCEPTED])
    const [subscription] = await subscriptionsOf(app(), report.id)
    expect(subscription).toMatchObject({ template: 'accepted', remaining: 1 })
    // The openid is stored encrypted, nowhere in clear.
    expect(subscription.openid).not.toContain(openid)

    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    expect(await outboxOf(app(), report.id)).toEqual([expect.objectContaining({ event: 'accepted', state: 'pending' })])
    const round = await app().noticeSender!.runOnce()
    expect(round).toMatchObject({ sending: true, sent: 1, refused: 0, retrying: 0 })

    expect(sentTo(openid)).toHaveLength(1)
    const [message] = sentTo(openid)
    expect(message).toMatchObject({ template_id: ACCEPTED, page: `packages/report/status/index?key=${PAGE_KEY}`, miniprogram_state: 'formal', lang: 'zh_CN' })
    expect(message.data).toEqual({
      thing1: { value: '欠薪投诉' },
      phrase2: { value: '已受理' },
      time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
      thing4: { value: '点击查看办理进度' },
    })
    const everything = JSON.stringify(message)
    for (const personal of [report.trackingCode, MOBILE, '荔湾']) expect(everything).not.toContain(personal)

    expect(await outboxOf(app(), report.id)).toEqual([expect.objectContaining({ state: 'sent', attempts: 1, subscription_id: null })])
    // Nothing left to send: the subscription and its openid are gone.
    expect(await subscriptionsOf(app(), report.id)).toEqual([])
    // Another round sends nothing again.
    await app().noticeSender!.runOnce(Date.now() + 2 * 60_000)
    expect(sentTo(openid)).toHaveLength(1)
  })

  it('sends as many messages as the worker accepted, and none for an event beyond them', async () => {
    const { report, openid } = await subscribed([MESSAGE])
    for (const body of ['请补充您的工资条。', '我们已联系用人单位。']) {
      const response = await app().inject(
        asStaff(staff, { method: 'POST', url: `/api/v1/admin/tips/${report.id}/messages`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'message', body }) }),
      )
      expect(response.statusCode).toBe(201)
    }
    // One acceptance, one message owed: the second staff message owes none.
    expect(await outboxOf(app(), report.id)).toHaveLength(1)
    await app().noticeSender!.runOnce()
    expect(sentTo(openid)).toHaveLength(1)
    expect(sentTo(openid)[0].data).toMatchObject({ phrase2: { value: '有新留言' }, thing4: { value: '点击查看工作人员的留言' } })
    expect(await subscriptionsOf(app(), report.id)).toEqual([])
  })

  it('fills the closing template by the fields its setting names, and forgets the report once closed', async () => {
    const { report, openid } = await subscribed([ACCEPTED, CLOSED, MESSAGE])
    expect((await subscriptionsOf(app(), report.id)).map((row) => row.template).sort()).toEqual(['accepted', 'closed', 'message'])
    expect((await act(app(), staff, report.id, actionTo('rejected', '经核实，您反映的问题不属于劳动保障监察的范围。'))).statusCode).toBe(200)
    // Only the closing message is owed; the other subscriptions can send nothing more and are gone already.
    expect((await subscriptionsOf(app(), report.id)).map((row) => row.template)).toEqual(['closed'])
    await app().noticeSender!.runOnce()
    expect(sentTo(openid)).toEqual([
      expect.objectContaining({
        template_id: CLOSED,
        data: { thing2: { value: '欠薪投诉' }, phrase5: { value: '不予受理' }, date6: { value: expect.stringMatching(/^\d{4}年/) }, thing7: { value: '点击查看不予受理的理由' } },
      }),
    ])
    expect(await subscriptionsOf(app(), report.id)).toEqual([])
  })

  it('records a refusal (no subscription in WeChat) and never tries it again', async () => {
    const { report } = await subscribed([ACCEPTED], false)
    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    const before = standIn().calls(SEND)
    expect(await app().noticeSender!.runOnce()).toMatchObject({ sent: 0, refused: 1 })
    expect(standIn().calls(SEND)).toBe(before + 1)
    expect(await outboxOf(app(), report.id)).toEqual([expect.objectContaining({ state: 'refused', errcode: 43101 })])
    for (const later of [FIRST_RETRY_MS, 60 * 60_000, GIVE_UP_AFTER_MS]) await app().noticeSender!.runOnce(Date.now() + later)
    expect(standIn().calls(SEND)).toBe(before + 1)
    expect(await subscriptionsOf(app(), report.id)).toEqual([])
  })

  it('tries again with growing waits while WeChat is unavailable, then sends once', async () => {
    const { report, openid } = await subscribed([ACCEPTED])
    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    standIn().failNext(SEND, 1, 'http')
    let now = Date.now()
    expect(await app().noticeSender!.runOnce(now)).toMatchObject({ sent: 0, retrying: 1 })
    const [first] = await outboxOf(app(), report.id)
    expect(first).toMatchObject({ state: 'pending', attempts: 1, last_error: expect.stringContaining('HTTP 503') })
    const firstWait = Number(first.next_attempt_at) - now
    expect(firstWait).toBeGreaterThanOrEqual(FIRST_RETRY_MS * 0.75)
    expect(firstWait).toBeLessThanOrEqual(FIRST_RETRY_MS * 1.25)

    // Not before its time.
    const calls = standIn().calls(SEND)
    await app().noticeSender!.runOnce(now + 1000)
    expect(standIn().calls(SEND)).toBe(calls)

    standIn().failNext(SEND, 1, 'busy')
    now = Number(first.next_attempt_at)
    expect(await app().noticeSender!.runOnce(now)).toMatchObject({ retrying: 1 })
    const [second] = await outboxOf(app(), report.id)
    const secondWait = Number(second.next_attempt_at) - now
    expect(secondWait).toBeGreaterThanOrEqual(2 * FIRST_RETRY_MS * 0.75)
    expect(secondWait).toBeLessThanOrEqual(2 * FIRST_RETRY_MS * 1.25)

    expect(await app().noticeSender!.runOnce(Number(second.next_attempt_at))).toMatchObject({ sent: 1 })
    expect(sentTo(openid)).toHaveLength(1)
    expect(await outboxOf(app(), report.id)).toEqual([expect.objectContaining({ state: 'sent', attempts: 3, last_error: null })])
  })

  it('gives up a message WeChat could not take for a day', async () => {
    const { report, openid } = await subscribed([ACCEPTED])
    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    standIn().failNext(SEND, 1, 'busy')
    expect(await app().noticeSender!.runOnce(Date.now() + GIVE_UP_AFTER_MS)).toMatchObject({ failed: 1 })
    expect(await outboxOf(app(), report.id)).toEqual([expect.objectContaining({ state: 'failed' })])
    expect(sentTo(openid)).toHaveLength(0)
  })

  it('renews the access token WeChat voided, and sends', async () => {
    const { report, openid } = await subscribed([ACCEPTED])
    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    standIn().expireTokens()
    const tokens = standIn().calls('/cgi-bin/stable_token')
    expect(await app().noticeSender!.runOnce()).toMatchObject({ sent: 1 })
    expect(standIn().calls('/cgi-bin/stable_token')).toBe(tokens + 1)
    expect(sentTo(openid)).toHaveLength(1)
  })

  it('shows the backlog in health', async () => {
    const { report } = await subscribed([ACCEPTED])
    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    const health = (await app().inject({ method: 'GET', url: '/api/v1/health' })).json()
    expect(health.wechatOutbox).toEqual({ pending: 1, oldestAgeSeconds: expect.any(Number) })
    await app().noticeSender!.runOnce()
    expect((await app().inject({ method: 'GET', url: '/api/v1/health' })).json().wechatOutbox).toEqual({ pending: 0, oldestAgeSeconds: null })
  })

  it('turns back a wrong verifier, a used login code and a template it does not offer', async () => {
    const report = await submit(app(), complaint())
    const code = standIn().loginCode('o-someone')
    const wrongVerifier = await app().inject(subscribeRequest(report.trackingCode, { loginCode: code, accepted: [ACCEPTED] }, '0000'))
    expect(wrongVerifier.statusCode).toBe(404)
    expect(wrongVerifier.json().error.code).toBe('tip_not_found')

    expect((await app().inject(subscribeRequest(report.trackingCode, { loginCode: code, accepted: [ACCEPTED] }))).statusCode).toBe(200)
    const used = await app().inject(subscribeRequest(report.trackingCode, { loginCode: code, accepted: [ACCEPTED] }))
    expect(used.statusCode).toBe(400)
    expect(used.json().error.message).toContain('微信登录凭证无效或已经用过')

    const unknown = await app().inject(subscribeRequest(report.trackingCode, { loginCode: standIn().loginCode('o-someone'), accepted: ['tpl-not-ours-001'] }))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.message).toContain('不是本服务提供的')
    // Accepting again from the same WeChat user adds one message.
    const again = await app().inject(subscribeRequest(report.trackingCode, { loginCode: standIn().loginCode('o-someone'), accepted: [ACCEPTED] }))
    expect(again.json()).toEqual({ items: [{ template: 'accepted', remaining: 2 }] })
  })

  it('sends again a message whose sender died between claiming and recording it, once its lease has run out', async () => {
    const { report, openid } = await subscribed([ACCEPTED])
    expect((await act(app(), staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    const now = Date.now()
    // A sender claims the row and dies before sending or recording anything.
    expect(await claimDueNotices(app().db, config().fieldKeys, now, 20, LEASE_MS)).toHaveLength(1)
    expect(await app().noticeSender!.runOnce(now + LEASE_MS - 1000)).toMatchObject({ sent: 0 })
    expect(await app().noticeSender!.runOnce(now + LEASE_MS)).toMatchObject({ sent: 1 })
    expect(sentTo(openid)).toHaveLength(1)
    expect(await outboxOf(app(), report.id)).toEqual([expect.objectContaining({ state: 'sent', attempts: 2 })])
  })

  it('purges a finished report with its messages owed and its subscription', async () => {
    const { report } = await subscribed([CLOSED])
    expect((await act(app(), staff, report.id, actionTo('rejected', '不属于劳动保障监察的范围。'))).statusCode).toBe(200)
    expect(await outboxOf(app(), report.id)).toHaveLength(1)
    await purgeTips(app().db, { uploadsDir: config().uploadsDir, retentionDays: 30, now: Date.now() + 40 * 24 * 3_600_000, dryRun: false })
    expect(await app().db.selectFrom('tips').select('id').where('id', '=', report.id).execute()).toEqual([])
    expect(await outboxOf(app(), report.id)).toEqual([])
    expect(await subscriptionsOf(app(), report.id)).toEqual([])
  })

  it('answers 503 when WeChat cannot be reached to read the login code', async () => {
    const report = await submit(app(), complaint())
    standIn().failNext('/sns/jscode2session', 1, 'http')
    const response = await app().inject(subscribeRequest(report.trackingCode, { loginCode: standIn().loginCode('o-x'), accepted: [ACCEPTED] }))
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ error: { code: 'wechat_unavailable', message: '暂时连不上微信，请稍后再试' } })
  })
})

describe.each(storages())('a staff action while a round of sending waits on WeChat, on $name', (storage) => {
  const env = weChatEnvironment()
  const standIn = useStandIn(env)
  const { app, config } = useApp(storage, env)

  it('is sent by a round that follows at once, not at the next look', async () => {
    await loadSampleContentIfEmpty(app().db)
    const staff = (await createStaffToken(config(), '广州市劳动保障监察支队')).token
    const reports: Submitted[] = []
    for (const openid of ['o-during-1', 'o-during-2']) {
      const report = await submit(app(), complaint())
      standIn().grant(openid, ACCEPTED)
      expect((await app().inject(subscribeRequest(report.trackingCode, { loginCode: standIn().loginCode(openid), accepted: [ACCEPTED] }))).statusCode).toBe(200)
      reports.push(report)
    }
    // The app's sender, but looking only once an hour: whatever it sends after its first round, a
    // staff action's nudge made it send.
    const instance = app() as { noticeSender?: NoticeSender }
    const usual = instance.noticeSender
    const sender = new NoticeSender({ db: app().db, dialect: storage.dialect, api: app().weChatApi!, keyring: config().fieldKeys, templates: noticeTemplatesOf(config()), log: app().log, intervalMs: 60 * 60 * 1000 })
    instance.noticeSender = sender
    const held = standIn().holdNext(SEND)
    try {
      expect((await act(app(), staff, reports[0].id, actionTo('accepted'))).statusCode).toBe(200)
      sender.start()
      // The first round has claimed what was due and waits on WeChat; staff accept the second report.
      await held.arrived
      expect((await act(app(), staff, reports[1].id, actionTo('accepted'))).statusCode).toBe(200)
      held.release()
      for (const deadline = Date.now() + 20_000; standIn().sent.length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(standIn().sent.map((message) => message.touser)).toEqual(['o-during-1', 'o-during-2'])
    } finally {
      held.release()
      await sender.stop()
      instance.noticeSender = usual
    }
  })
})

describe('without WeChat configured', () => {
  const { app } = useApp(SQLITE, { RATE_LIMITS: 'false' })

  it('offers no templates and says subscriptions are not available', async () => {
    await loadSampleContentIfEmpty(app().db)
    expect((await app().inject({ method: 'GET', url: '/api/v1/wechat/templates' })).json()).toEqual({ items: [] })
    const report = await submit(app(), complaint())
    const response = await app().inject(subscribeRequest(report.trackingCode, { loginCode: 'abc', accepted: [ACCEPTED] }))
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: { code: 'wechat_not_configured', message: '本服务没有开通微信提醒' } })
    expect(app().noticeSender).toBeUndefined()
    expect((await app().inject({ method: 'GET', url: '/api/v1/health' })).json().wechatOutbox).toBeUndefined()
  })
})

describe.each(postgresOnly())('two instances on one $name database', (storage) => {
  const env = weChatEnvironment()
  const standIn = useStandIn(env)
  const { app, config } = useApp(storage, env)
  let other: FastifyInstance | undefined
  afterAll(() => other?.close())

  it('send each message once: one instance sends, the other stands by', async () => {
    other = await createServer(config(), { logger: false })
    await other.ready()
    await loadSampleContentIfEmpty(app().db)
    const staff = (await createStaffToken(config(), '广州市劳动保障监察支队')).token
    const openids: string[] = []
    for (let i = 0; i < 3; i++) {
      const report = await submit(app(), complaint())
      const openid = `o-pair-${i}`
      openids.push(openid)
      standIn().grant(openid, ACCEPTED)
      const subscribe = await other.inject(subscribeRequest(report.trackingCode, { loginCode: standIn().loginCode(openid), accepted: [ACCEPTED] }))
      expect(subscribe.statusCode).toBe(200)
      expect((await act(i % 2 === 0 ? app() : other, staff, report.id, actionTo('accepted'))).statusCode).toBe(200)
    }
    const rounds = await Promise.all([app().noticeSender!.runOnce(), other.noticeSender!.runOnce()])
    expect(rounds.map((round) => round.sending).sort()).toEqual([false, true])
    expect(rounds.reduce((sum, round) => sum + round.sent, 0)).toBe(3)
    expect(standIn().sent.map((message) => message.touser).sort()).toEqual(openids)
    // The one that sends keeps sending; the other still stands by.
    const again = await Promise.all([app().noticeSender!.runOnce(), other.noticeSender!.runOnce()])
    expect(again.map((round) => round.sending)).toEqual(rounds.map((round) => round.sending))
    expect(standIn().calls(SEND)).toBe(3)
  })
})
