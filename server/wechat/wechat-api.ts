// The service's client of WeChat's server API (小程序服务端 API): the login code exchanged for the
// user's openid, the phone number behind a getPhoneNumber code, and subscription messages, with the
// access token each instance gets from stable_token (which, unlike the older token call, does not
// void the tokens other instances hold) and keeps until shortly before it expires.
//
// WeChat answers errors with HTTP 200 and an errcode in the body. What WeChat refused is a
// WeChatError (its errcode says why: the code was used, the user withdrew the subscription…);
// what never got an answer (network, timeout, HTTP error, "system busy") is WeChatUnavailable, and
// may be tried again later. Neither carries an openid, a code or a phone number in its message.
import type { Config } from '../config'

/** Milliseconds a call to WeChat may take before it counts as unavailable. */
const CALL_TIMEOUT_MS = 10_000
/** An access token is renewed this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000

/** WeChat's errcodes that the service acts on. */
export const WECHAT_ERRCODES = {
  /** The access token is invalid or no longer the latest. */
  invalidCredential: 40001,
  /** The access token has expired. */
  tokenExpired: 42001,
  /** The login code or phone code is invalid. */
  invalidCode: 40029,
  /** The login code was already used. */
  codeUsed: 40163,
  /** The user has no subscription left for this template (never accepted, or withdrew). */
  userRefused: 43101,
} as const

/** WeChat answered, and refused. */
export class WeChatError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
    readonly call: string,
  ) {
    super(`WeChat ${call}: errcode ${errcode} (${errmsg.slice(0, 120)})`)
    this.name = 'WeChatError'
  }
}

/** No answer from WeChat that says anything (network, timeout, HTTP error, system busy): try again later. */
export class WeChatUnavailable extends Error {
  constructor(
    readonly call: string,
    reason: string,
  ) {
    super(`WeChat ${call} unavailable: ${reason}`)
    this.name = 'WeChatUnavailable'
  }
}

export interface WeChatCredentials {
  appId: string
  secret: string
  /** WECHAT_API_BASE, without a trailing slash. */
  apiBase: string
}

/** A subscription message as subscribeMessage.send takes it. */
export interface SubscribeMessage {
  openid: string
  templateId: string
  /** The mini-program page the message opens, with its query. */
  page: string
  /** The template's fields (thing1, time2…), each value at most 20 characters for thing fields. */
  data: Record<string, string>
}

type Answer = Record<string, unknown> & { errcode?: number; errmsg?: string }

export class WeChatApi {
  private token: { value: string; renewAt: number } | undefined
  private tokenRequest: Promise<string> | undefined

  constructor(
    private readonly credentials: WeChatCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  get appId(): string {
    return this.credentials.appId
  }

  /** The user's openid behind a wx.login code (jscode2session). A used or wrong code is a WeChatError. */
  async code2Session(code: string): Promise<{ openid: string }> {
    const query = new URLSearchParams({ appid: this.credentials.appId, secret: this.credentials.secret, js_code: code, grant_type: 'authorization_code' })
    const answer = await this.call('jscode2session', `/sns/jscode2session?${query}`)
    if (typeof answer.openid !== 'string' || answer.openid === '') throw new WeChatUnavailable('jscode2session', 'no openid in the answer')
    return { openid: answer.openid }
  }

  /** The phone number (without country code) behind a getPhoneNumber button's code. */
  async phoneNumber(code: string): Promise<string> {
    const answer = await this.withToken('getuserphonenumber', (token) =>
      this.call('getuserphonenumber', `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, { code }),
    )
    const info = answer.phone_info as { purePhoneNumber?: unknown } | undefined
    if (typeof info?.purePhoneNumber !== 'string') throw new WeChatUnavailable('getuserphonenumber', 'no phone number in the answer')
    return info.purePhoneNumber
  }

  /** Sends one subscription message; WeChatError 43101 when the user has no subscription for it. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }]))
    await this.withToken('subscribeMessage.send', (token) =>
      this.call('subscribeMessage.send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        touser: message.openid,
        template_id: message.templateId,
        page: message.page,
        data,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      }),
    )
  }

  /** Runs `use` with the kept token; once more with a fresh one when WeChat says the token is no longer good. */
  private async withToken(_call: string, use: (token: string) => Promise<Answer>): Promise<Answer> {
    try {
      return await use(await this.accessToken(false))
    } catch (error) {
      if (!(error instanceof WeChatError) || (error.errcode !== WECHAT_ERRCODES.invalidCredential && error.errcode !== WECHAT_ERRCODES.tokenExpired)) throw error
      this.token = undefined
      return use(await this.accessToken(true))
    }
  }

  /** The access token (stable_token), kept until shortly before it expires; concurrent callers share one request. */
  private accessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && this.token !== undefined && this.now() < this.token.renewAt) return Promise.resolve(this.token.value)
    this.tokenRequest ??= this.requestToken(forceRefresh).finally(() => {
      this.tokenRequest = undefined
    })
    return this.tokenRequest
  }

  private async requestToken(forceRefresh: boolean): Promise<string> {
    const { appId, secret } = this.credentials
    const answer = await this.call('stable_token', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret, force_refresh: forceRefresh })
    const value = answer.access_token
    const seconds = Number(answer.expires_in)
    if (typeof value !== 'string' || value === '' || !Number.isFinite(seconds)) throw new WeChatUnavailable('stable_token', 'no token in the answer')
    this.token = { value, renewAt: this.now() + Math.max(0, seconds * 1000 - TOKEN_MARGIN_MS) }
    return value
  }

  private async call(call: string, pathAndQuery: string, body?: object): Promise<Answer> {
    let response: Response
    try {
      response = await fetch(`${this.credentials.apiBase}${pathAndQuery}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      })
    } catch (error) {
      throw new WeChatUnavailable(call, error instanceof Error ? error.name : 'request failed')
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new WeChatUnavailable(call, `HTTP ${response.status}`)
    }
    let answer: Answer
    try {
      answer = (await response.json()) as Answer
    } catch {
      throw new WeChatUnavailable(call, 'the answer is not JSON')
    }
    if (typeof answer !== 'object' || answer === null) throw new WeChatUnavailable(call, 'the answer is not an object')
    const errcode = answer.errcode ?? 0
    // -1: "system busy, try again later".
    if (errcode === -1) throw new WeChatUnavailable(call, 'system busy (errcode -1)')
    if (errcode !== 0) throw new WeChatError(errcode, String(answer.errmsg ?? ''), call)
    return answer
  }
}

/** The client for the configured mini-program, or undefined when WECHAT_APPID and WECHAT_SECRET are unset. */
export function weChatApiOf(config: Pick<Config, 'wechatAppId' | 'wechatSecret' | 'wechatApiBase'>): WeChatApi | undefined {
  if (config.wechatAppId === undefined || config.wechatSecret === undefined) return undefined
  return new WeChatApi({ appId: config.wechatAppId, secret: config.wechatSecret, apiBase: config.wechatApiBase })
}
