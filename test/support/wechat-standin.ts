// A local stand-in for the parts of WeChat's server API the service calls, as documented by WeChat
// (developers.weixin.qq.com, 小程序服务端 API): the one stand-in the tests may use, because WeChat's
// servers cannot be reached from here. It keeps what WeChat would keep (issued login codes, phone
// codes, access tokens, each user's one-time subscriptions) and answers with WeChat's own shapes
// and error codes, so the service's client is exercised as against the real thing.
//
//   GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
//   POST /cgi-bin/stable_token                          { grant_type, appid, secret, force_refresh }
//   POST /cgi-bin/message/subscribe/send?access_token   { touser, template_id, page, data, miniprogram_state, lang }
//   POST /wxa/business/getuserphonenumber?access_token  { code }
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type net from 'node:net'

/** WeChat's error codes that the stand-in answers with (a subset of the documented ones). */
export const WECHAT_ERRORS = {
  systemBusy: { errcode: -1, errmsg: 'system error' },
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidAppId: { errcode: 40013, errmsg: 'invalid appid' },
  invalidCode: { errcode: 40029, errmsg: 'invalid code' },
  invalidTemplate: { errcode: 40037, errmsg: 'invalid template_id' },
  invalidSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  codeUsed: { errcode: 40163, errmsg: 'code been used' },
  userRefused: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  badArgument: { errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' },
} as const

export interface SentMessage {
  touser: string
  template_id: string
  page?: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
}

type Path = '/sns/jscode2session' | '/cgi-bin/stable_token' | '/cgi-bin/message/subscribe/send' | '/wxa/business/getuserphonenumber'

export interface WeChatStandIn {
  /** The API base to configure the service with (WECHAT_API_BASE), without a trailing slash. */
  readonly url: string
  readonly appId: string
  readonly secret: string
  /** A login code, as wx.login gives the mini-program of this user (single use, like WeChat's). */
  loginCode(openid: string): string
  /** A phone-number code, as the getPhoneNumber button gives (single use). */
  phoneCode(purePhoneNumber: string): string
  /** The user accepted `templateId` once in wx.requestSubscribeMessage: one message may be sent. */
  grant(openid: string, templateId: string): void
  /** The templates the bureau has in its admin console (any other id is 40037). */
  templates: Set<string>
  /** Subscription messages delivered, in order. */
  sent: SentMessage[]
  /** Requests received per path (to see a token cached, a refusal not retried). */
  calls(path: Path): number
  /** The next `count` requests to `path` fail: with WeChat's "system error" (-1), or with HTTP 503. */
  failNext(path: Path, count: number, how?: 'busy' | 'http'): void
  /** Every access token issued so far stops working (40001), as when WeChat expires it early. */
  expireTokens(): void
  /**
   * The next request to `path` is held, as by a slow WeChat: `arrived` resolves when it has come in,
   * and it is answered as usual once `release` is called (or the stand-in closes).
   */
  holdNext(path: Path): { arrived: Promise<void>; release(): void }
  close(): Promise<void>
}

interface Failure {
  count: number
  how: 'busy' | 'http'
}

const TOKEN_SECONDS = 7200

export async function startWeChatStandIn(options: { appId?: string; secret?: string } = {}): Promise<WeChatStandIn> {
  const appId = options.appId ?? 'wx0123456789abcdef'
  const secret = options.secret ?? randomBytes(16).toString('hex')
  const loginCodes = new Map<string, string>()
  const usedCodes = new Set<string>()
  const phoneCodes = new Map<string, string>()
  const grants = new Map<string, number>()
  const validTokens = new Set<string>()
  let stableToken: { token: string; expiresAt: number } | undefined
  const counts = new Map<string, number>()
  const failures = new Map<string, Failure>()
  const sent: SentMessage[] = []
  const templates = new Set<string>()
  const sockets = new Set<net.Socket>()
  const holds = new Map<string, { arrive(): void; released: Promise<void> }>()
  const releases = new Set<() => void>()

  const newCode = () => randomBytes(16).toString('hex')
  const grantKey = (openid: string, templateId: string) => `${openid}\n${templateId}`

  function issueToken(forceRefresh: boolean): { access_token: string; expires_in: number } {
    const now = Date.now()
    // stable_token: the same token until it expires, unless a refresh is forced.
    if (stableToken === undefined || forceRefresh || stableToken.expiresAt <= now || !validTokens.has(stableToken.token)) {
      stableToken = { token: randomBytes(24).toString('base64url'), expiresAt: now + TOKEN_SECONDS * 1000 }
      validTokens.add(stableToken.token)
    }
    return { access_token: stableToken.token, expires_in: Math.round((stableToken.expiresAt - now) / 1000) }
  }

  function answer(path: string, query: URLSearchParams, body: Record<string, unknown>): object {
    switch (path) {
      case '/sns/jscode2session': {
        if (query.get('appid') !== appId) return WECHAT_ERRORS.invalidAppId
        if (query.get('secret') !== secret) return WECHAT_ERRORS.invalidSecret
        const code = query.get('js_code') ?? ''
        if (usedCodes.has(code)) return WECHAT_ERRORS.codeUsed
        const openid = loginCodes.get(code)
        if (openid === undefined || query.get('grant_type') !== 'authorization_code') return WECHAT_ERRORS.invalidCode
        loginCodes.delete(code)
        usedCodes.add(code)
        return { openid, session_key: randomBytes(16).toString('base64') }
      }
      case '/cgi-bin/stable_token': {
        if (body.grant_type !== 'client_credential' || body.appid !== appId) return WECHAT_ERRORS.invalidAppId
        if (body.secret !== secret) return WECHAT_ERRORS.invalidSecret
        return issueToken(body.force_refresh === true)
      }
      case '/cgi-bin/message/subscribe/send': {
        if (!validTokens.has(query.get('access_token') ?? '')) return WECHAT_ERRORS.invalidCredential
        const message = body as unknown as SentMessage
        if (typeof message.template_id !== 'string' || !templates.has(message.template_id)) return WECHAT_ERRORS.invalidTemplate
        if (typeof message.data !== 'object' || message.data === null || Object.values(message.data).some((field) => typeof field?.value !== 'string' || field.value.length > 20))
          return WECHAT_ERRORS.badArgument
        const key = grantKey(String(message.touser), message.template_id)
        const left = grants.get(key) ?? 0
        if (left === 0) return WECHAT_ERRORS.userRefused
        grants.set(key, left - 1)
        sent.push(message)
        return { errcode: 0, errmsg: 'ok', msgid: Number.parseInt(randomBytes(6).toString('hex'), 16) }
      }
      case '/wxa/business/getuserphonenumber': {
        if (!validTokens.has(query.get('access_token') ?? '')) return WECHAT_ERRORS.invalidCredential
        const code = typeof body.code === 'string' ? body.code : ''
        const phone = phoneCodes.get(code)
        if (phone === undefined) return WECHAT_ERRORS.invalidCode
        phoneCodes.delete(code)
        return {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId } },
        }
      }
      default:
        return { errcode: 40066, errmsg: 'invalid url' }
    }
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in')
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      // A held request waits for its release before it is counted and answered.
      const hold = holds.get(url.pathname)
      holds.delete(url.pathname)
      hold?.arrive()
      void (hold?.released ?? Promise.resolve()).then(() => {
        counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1)
        const failure = failures.get(url.pathname)
        if (failure !== undefined && failure.count > 0) {
          failure.count -= 1
          if (failure.how === 'http') {
            response.writeHead(503, { 'content-type': 'text/html' }).end('<html>503 Service Temporarily Unavailable</html>')
            return
          }
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(WECHAT_ERRORS.systemBusy))
          return
        }
        let body: Record<string, unknown> = {}
        if (request.method === 'POST') {
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
          } catch {
            response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 47001, errmsg: 'data format error' }))
            return
          }
        }
        // WeChat answers errors with HTTP 200 and an errcode in the body.
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(url.pathname, url.searchParams, body)))
      })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    loginCode(openid) {
      const code = newCode()
      loginCodes.set(code, openid)
      return code
    },
    phoneCode(purePhoneNumber) {
      const code = newCode()
      phoneCodes.set(code, purePhoneNumber)
      return code
    },
    grant(openid, templateId) {
      const key = grantKey(openid, templateId)
      grants.set(key, (grants.get(key) ?? 0) + 1)
    },
    templates,
    sent,
    calls: (path) => counts.get(path) ?? 0,
    failNext(path, count, how = 'busy') {
      failures.set(path, { count, how })
    },
    expireTokens() {
      validTokens.clear()
    },
    holdNext(path) {
      let arrive = () => {}
      const arrived = new Promise<void>((resolve) => (arrive = resolve))
      let release = () => {}
      const released = new Promise<void>((resolve) => (release = resolve))
      releases.add(release)
      holds.set(path, { arrive, released })
      return { arrived, release }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of releases) release()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
