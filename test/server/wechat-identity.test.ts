// WeChat identity without a sign-up, against the stand-in of WeChat's server API: sign-in with a
// wx.login code, reports listed on every phone of the same WeChat user (and no one else's), opened
// without the verifier by their sender only, one contest participant per person, the phone number
// filled from WeChat and kept nowhere, and the error answers.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'

import { WECHAT_SESSION_HEADER } from '../../src/core/wechat-session'
import { migrate } from '../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { RATE_RULES } from '../../server/rate-limit'
import { createServer } from '../../server/server'
import { startWeChatStandIn, type WeChatStandIn } from '../support/wechat-standin'
import { act, actionTo, asStaff, complaint, createStaffToken, MOBILE } from './staff-helpers'
import { SQLITE, storages, useApp, useStorage } from './storage'

const DAY = 24 * 60 * 60 * 1000
const LIWAN = '440103'
const YUEXIU = '440104'

/** The stand-in, started before the app so that the app is configured with its address. */
function useWeChat(env: Record<string, string>): () => WeChatStandIn {
  let wechat: WeChatStandIn | undefined
  beforeAll(async () => {
    wechat = await startWeChatStandIn()
    Object.assign(env, { WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url })
  })
  afterAll(() => wechat?.close())
  return () => {
    if (!wechat) throw new Error('the stand-in is not running')
    return wechat
  }
}

const json = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method,
  url,
  headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
})

const withSession = (token: string) => ({ [WECHAT_SESSION_HEADER.toLowerCase()]: token })

interface ListedReport {
  trackingCode: string
  status: string
  changed: boolean
  messages: { count: number; latestStaffAt: string | null; openQuestion: boolean }
}

describe.each(storages())('WeChat identity on $name', (storage) => {
  const env: Record<string, string> = { RATE_LIMITS: 'false' }
  const wechat = useWeChat(env)
  const { app, config } = useApp(storage, env)
  let staffToken = ''
  let keyCounter = 0

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    staffToken = (await createStaffToken(config(), '市局办理员')).token
  })

  /** A phone of this WeChat user launching the mini-program: wx.login, then the service's session. */
  async function signIn(openid: string): Promise<string> {
    const response = await app().inject(json('POST', '/api/v1/wechat/session', { code: wechat().loginCode(openid) }))
    expect(response.statusCode).toBe(201)
    return (response.json() as { sessionToken: string }).sessionToken
  }

  async function report(session: string | undefined, body: Record<string, unknown> = complaint()): Promise<{ trackingCode: string; id: string }> {
    keyCounter += 1
    const response = await app().inject(
      json('POST', '/api/v1/tips', body, { 'idempotency-key': `wechat-${Date.now()}-${keyCounter}`, ...(session === undefined ? {} : withSession(session)) }),
    )
    expect(response.statusCode).toBe(201)
    const { trackingCode } = response.json() as { trackingCode: string }
    const row = await app().db.selectFrom('tips').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow()
    return { trackingCode, id: row.id }
  }

  async function listed(session: string): Promise<ListedReport[]> {
    const response = await app().inject(json('GET', '/api/v1/wechat/reports', undefined, withSession(session)))
    expect(response.statusCode).toBe(200)
    return (response.json() as { items: ListedReport[] }).items
  }

  const status = (code: string, headers: Record<string, string>) => app().inject(json('GET', `/api/v1/tips/${encodeURIComponent(code)}`, undefined, headers))

  it('lists a report sent from one phone on another phone of the same WeChat user, and not for anyone else', async () => {
    const phoneA = await signIn('o-worker-x')
    const phoneB = await signIn('o-worker-x')
    expect(phoneB).not.toBe(phoneA)
    const first = await report(phoneA)
    const second = await report(phoneA, complaint({ workAddress: '越秀区东风中路200号', districtCode: YUEXIU }))
    await report(undefined)

    const onB = await listed(phoneB)
    expect(onB.map((item) => item.trackingCode)).toEqual([second.trackingCode, first.trackingCode])
    expect(onB[0]).toMatchObject({ status: 'submitted', changed: false, messages: { count: 0, latestStaffAt: null, openQuestion: false } })

    const someoneElse = await signIn('o-worker-y')
    expect(await listed(someoneElse)).toEqual([])
  })

  it('opens the status and the conversation for the sender without a verifier, and the same 404 for another WeChat user', async () => {
    const phoneA = await signIn('o-owner')
    const { trackingCode } = await report(phoneA)
    const phoneB = await signIn('o-owner')

    const own = await status(trackingCode, withSession(phoneB))
    expect(own.statusCode).toBe(200)
    expect(own.json()).toMatchObject({ trackingCode, status: 'submitted' })
    const messages = await app().inject(json('GET', `/api/v1/tips/${encodeURIComponent(trackingCode)}/messages`, undefined, withSession(phoneB)))
    expect(messages.statusCode).toBe(200)
    const reply = await app().inject(
      json('POST', `/api/v1/tips/${encodeURIComponent(trackingCode)}/messages`, { clientId: '6d0f3c9e-2a41-4b7e-9c55-0f1e2d3c4b5a', body: '工地在三楼', uploadIds: [] }, withSession(phoneB)),
    )
    expect(reply.statusCode).toBe(201)

    const stranger = await signIn('o-stranger')
    const notOwn = await status(trackingCode, withSession(stranger))
    const noOne = await status(trackingCode, {})
    expect(notOwn.statusCode).toBe(404)
    expect(notOwn.json()).toEqual(noOne.json())
    expect((await app().inject(json('GET', `/api/v1/tips/${encodeURIComponent(trackingCode)}/messages`, undefined, withSession(stranger)))).statusCode).toBe(404)
    // The verifier still opens it, as on H5.
    expect((await status(trackingCode, { 'x-tip-verifier': MOBILE.slice(-4) })).statusCode).toBe(200)
  })

  it('marks a report changed after a status change or a staff message until the sender opens it on any phone', async () => {
    const phoneA = await signIn('o-follow')
    const phoneB = await signIn('o-follow')
    const { trackingCode, id } = await report(phoneA)
    expect((await listed(phoneB))[0].changed).toBe(false)

    expect((await act(app(), staffToken, id, actionTo('accepted'))).statusCode).toBe(200)
    const afterAccept = (await listed(phoneB))[0]
    expect(afterAccept).toMatchObject({ trackingCode, status: 'accepted', changed: true })

    expect((await status(trackingCode, withSession(phoneA))).statusCode).toBe(200)
    expect((await listed(phoneB))[0].changed).toBe(false)

    const message = await app().inject(asStaff(staffToken, json('POST', `/api/v1/admin/tips/${id}/messages`, { kind: 'question', body: '请问欠薪的具体月份？' })))
    expect(message.statusCode).toBe(201)
    const afterMessage = (await listed(phoneA))[0]
    expect(afterMessage).toMatchObject({ changed: true, messages: { count: 1, openQuestion: true } })
    expect(afterMessage.messages.latestStaffAt).not.toBeNull()
  })

  it('keeps no openid in clear, only its keyed hash, and the session token only hashed', async () => {
    const openid = 'oAbCdEfGhIjKlMnOpQrStUvWx01'
    const session = await signIn(openid)
    await report(session)
    const users = await app().db.selectFrom('wechat_users').selectAll().execute()
    expect(users.length).toBeGreaterThan(0)
    for (const user of users) expect(user.openid_hash).toMatch(/^[0-9a-f]{64}$/)

    if (storage.dialect === 'sqlite') {
      // Every byte the database wrote: the main file and its write-ahead log.
      const dataDir = config().dataDir
      const files = readdirSync(dataDir).filter((name) => name.endsWith('.db') || name.endsWith('.db-wal') || name.endsWith('.sqlite') || name.includes('.sqlite-'))
      expect(files.length).toBeGreaterThan(0)
      for (const file of files) {
        const bytes = readFileSync(path.join(dataDir, file)).toString('latin1')
        expect(bytes).not.toContain(openid)
        expect(bytes).not.toContain(session)
      }
    } else {
      // Every text column of every table, as PostgreSQL renders the rows.
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(app().db)
      for (const { table_name: table } of tables.rows) {
        const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(app().db)
        for (const { row } of rows) {
          expect(row).not.toContain(openid)
          expect(row).not.toContain(session)
        }
      }
    }
  })

  it('gives one participant to two phones of one WeChat user, so the attempts of a day follow the person', async () => {
    const created = await app().inject(
      asStaff(
        staffToken,
        json('POST', '/api/v1/admin/contests', {
          title: '微信参赛测试',
          startsAt: new Date(Date.now() - DAY).toISOString(),
          endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
          questionCount: 2,
          timeLimitSeconds: 600,
          attemptsPerDay: 2,
          minSecondsPerQuestion: 0,
          drawRule: { kind: 'mixed' },
        }),
      ),
    )
    expect(created.statusCode).toBe(201)
    const contestId = (created.json() as { id: string }).id

    const phoneA = await signIn('o-contestant')
    const phoneB = await signIn('o-contestant')
    const register = async (session: string, district: string) => {
      const response = await app().inject(json('POST', '/api/v1/quiz/participants', { districtCode: district, nickname: '小林' }, withSession(session)))
      expect(response.statusCode).toBe(201)
      return (response.json() as { participantToken: string }).participantToken
    }
    const tokenA = await register(phoneA, LIWAN)
    const tokenB = await register(phoneB, YUEXIU)
    expect(tokenB).not.toBe(tokenA)
    const start = (token: string) => app().inject({ method: 'POST', url: `/api/v1/quiz/contests/${contestId}/attempts`, headers: { authorization: `Bearer ${token}` } })

    expect((await start(tokenA)).statusCode).toBe(201)
    expect((await start(tokenB)).statusCode).toBe(201)
    const third = await start(tokenA)
    expect(third.statusCode).toBe(409)

    const participants = await app().db.selectFrom('quiz_participants').select(['id', 'district_code']).where('nickname', '=', '小林').execute()
    expect(participants).toEqual([expect.objectContaining({ district_code: YUEXIU })])

    // From H5 (no session) each registration is a participant of its own, as before.
    const h5 = await app().inject(json('POST', '/api/v1/quiz/participants', { districtCode: LIWAN, nickname: '小林' }))
    expect(h5.statusCode).toBe(201)
    expect(await app().db.selectFrom('quiz_participants').select('id').where('nickname', '=', '小林').execute()).toHaveLength(2)
  })

  it('hands over the phone number behind a getPhoneNumber code, once per code, only with a session', async () => {
    const session = await signIn('o-phone')
    const code = wechat().phoneCode('13912345678')
    const answer = await app().inject(json('POST', '/api/v1/wechat/phone-number', { code }, withSession(session)))
    expect(answer.statusCode).toBe(200)
    expect(answer.json()).toEqual({ phone: '13912345678' })
    expect(answer.headers['cache-control']).toBe('no-store')

    const again = await app().inject(json('POST', '/api/v1/wechat/phone-number', { code }, withSession(session)))
    expect(again.statusCode).toBe(400)
    expect(again.json()).toEqual({ error: { code: 'wechat_code_invalid', message: '微信手机号凭证已失效，请再点一次“使用微信绑定的手机号”' } })

    const withoutSession = await app().inject(json('POST', '/api/v1/wechat/phone-number', { code: wechat().phoneCode('13912345678') }))
    expect(withoutSession.statusCode).toBe(401)
    expect(withoutSession.json()).toMatchObject({ error: { code: 'wechat_session_expired' } })
  })

  it('answers a used or wrong login code with 401, WeChat away with 503 and Retry-After', async () => {
    const code = wechat().loginCode('o-errors')
    expect((await app().inject(json('POST', '/api/v1/wechat/session', { code }))).statusCode).toBe(201)
    const used = await app().inject(json('POST', '/api/v1/wechat/session', { code }))
    expect(used.statusCode).toBe(401)
    expect(used.json()).toEqual({ error: { code: 'wechat_code_invalid', message: '微信登录凭证已失效，请重新打开小程序' } })
    const unknown = await app().inject(json('POST', '/api/v1/wechat/session', { code: 'not-a-code-wechat-gave' }))
    expect(unknown.statusCode).toBe(401)

    for (const how of ['busy', 'http'] as const) {
      wechat().failNext('/sns/jscode2session', 1, how)
      const away = await app().inject(json('POST', '/api/v1/wechat/session', { code: wechat().loginCode('o-errors') }))
      expect(away.statusCode).toBe(503)
      expect(away.headers['retry-after']).toBe('30')
      expect(away.json()).toEqual({ error: { code: 'wechat_unavailable', message: '暂时连不上微信，请稍后再试' } })
    }

    const malformed = await app().inject(json('POST', '/api/v1/wechat/session', { code: '' }))
    expect(malformed.statusCode).toBe(400)
  })

  it('refuses a session that has ended or was never made, on any route, so the app signs in again instead of sending unlinked', async () => {
    const session = await signIn('o-idle')
    await app()
      .db.updateTable('wechat_sessions')
      .set({ last_seen_at: Date.now() - 31 * DAY })
      .execute()
    const expired = { error: { code: 'wechat_session_expired', message: '微信登录已过期，请重新打开小程序后再试' } }
    for (const token of [session, `pufa_ws_${'A'.repeat(43)}`, 'nonsense']) {
      const list = await app().inject(json('GET', '/api/v1/wechat/reports', undefined, withSession(token)))
      expect(list.statusCode).toBe(401)
      expect(list.json()).toEqual(expired)
      const tip = await app().inject(json('POST', '/api/v1/tips', complaint(), { 'idempotency-key': `wechat-expired-${keyCounter++}`, ...withSession(token) }))
      expect(tip.statusCode).toBe(401)
    }
    expect((await app().inject(json('GET', '/api/v1/wechat/reports'))).statusCode).toBe(401)
  })
})

describe.each([SQLITE])('WeChat routes without WECHAT_APPID on $name', (storage) => {
  const { app } = useApp(storage, { RATE_LIMITS: 'false' })

  it('answers 404 wechat_not_configured, and H5 works as before', async () => {
    for (const [url, body] of [['/api/v1/wechat/session', { code: 'abc' }], ['/api/v1/wechat/phone-number', { code: 'abc' }]] as const) {
      const response: LightMyRequestResponse = await app().inject(json('POST', url, body))
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({
        error: { code: 'wechat_not_configured', message: '本服务没有开通微信小程序功能（未设置 WECHAT_APPID 和 WECHAT_SECRET），请在网页版中使用查询码' },
      })
    }
  })
})

describe('WeChat sign-in: limits and logs', () => {
  const env: Record<string, string> = {}
  const wechat = useWeChat(env)
  const { config } = useStorage(SQLITE, env)
  const lines: string[] = []
  let app: FastifyInstance | undefined
  beforeAll(async () => {
    app = await createServer(config(), { logger: { level: 'info', destination: { write: (line) => lines.push(line) } } })
    await app.ready()
    await migrate(app.db)
  })
  afterAll(() => app?.close())

  it('counts phone-number requests per WeChat user, whatever the phone, and logs no openid, code, token or number', async () => {
    const openid = 'oLogCheck0123456789abcdefgh'
    const codes: string[] = []
    const sign = async () => {
      const code = wechat().loginCode(openid)
      codes.push(code)
      const response = await app!.inject(json('POST', '/api/v1/wechat/session', { code }))
      return (response.json() as { sessionToken: string }).sessionToken
    }
    const phones = [await sign(), await sign()]
    const statuses: number[] = []
    for (let index = 0; index <= RATE_RULES.phoneNumbers.limit; index += 1) {
      const code = wechat().phoneCode('13912345678')
      codes.push(code)
      const response = await app!.inject(json('POST', '/api/v1/wechat/phone-number', { code }, withSession(phones[index % 2])))
      statuses.push(response.statusCode)
    }
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true)
    expect(statuses.at(-1)).toBe(429)

    const log = lines.join('\n')
    expect(lines.length).toBeGreaterThan(0)
    for (const secret of [openid, '13912345678', ...phones, ...codes]) expect(log).not.toContain(secret)
  })
})
