/**
 * WeChat: on launch the mini-program signs in without asking anything (wx.login → POST
 * /wechat/session) and keeps the service's session token, sent as X-Pufa-Session with reports,
 * contest registration, status look-ups and 我的反映. When the service says the session ended
 * (401 wechat_session_expired) it signs in again and sends the request once more. A sign-in that
 * fails (offline, WeChat away, service without a mini-program) leaves requests to go without it, as on H5.
 */
import Taro from '@tarojs/taro'
import type { WeChatSessionCreated } from '../../server/wechat/wechat.schemas'
import { isWeChatSessionToken, WECHAT_SESSION_EXPIRED, WECHAT_SESSION_HEADER } from '../core/wechat-session'
import { request, type HttpResult } from './http'
import { readStored, removeStored, writeStored } from './storage'

const STORAGE_KEY = 'pufa.wechat.session'

let signingIn: Promise<string | null> | null = null
/** The service has no mini-program set up (404): no further sign-in this run. */
let unavailable = false

function storedToken(): string | null {
  const token = readStored(STORAGE_KEY)
  return token !== null && isWeChatSessionToken(token) ? token : null
}

async function signIn(): Promise<string | null> {
  let code: string
  try {
    code = (await Taro.login()).code
  } catch {
    return null
  }
  if (!code) return null
  const answer = await request<WeChatSessionCreated>({ method: 'POST', path: '/api/v1/wechat/session', body: { code } })
  if (!answer.ok) {
    unavailable = answer.status === 404
    return null
  }
  writeStored(STORAGE_KEY, answer.data.sessionToken)
  return answer.data.sessionToken
}

/** One sign-in at a time: requests made meanwhile wait for it. */
function signInOnce(): Promise<string | null> {
  if (unavailable) return Promise.resolve(null)
  signingIn ??= signIn().finally(() => {
    signingIn = null
  })
  return signingIn
}

/** Signs in on launch unless a session is kept; an ended one is noticed by the first request that meets it. */
export function startWeChatSession(): void {
  if (storedToken() === null) void signInOnce()
}

const headerOf = (token: string | null): Record<string, string> => (token === null ? {} : { [WECHAT_SESSION_HEADER]: token })

export async function withWeChatSession<T>(send: (headers: Record<string, string>) => Promise<HttpResult<T>>): Promise<HttpResult<T>> {
  const token = (await signingIn) ?? storedToken() ?? (await signInOnce())
  const result = await send(headerOf(token))
  if (result.ok || result.status !== 401 || result.code !== WECHAT_SESSION_EXPIRED) return result
  removeStored(STORAGE_KEY)
  return send(headerOf(await signInOnce()))
}
