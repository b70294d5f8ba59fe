// The mini-program's session with the service: after wx.login the service exchanges the code for
// the user's openid (stored only as a keyed hash) and answers an opaque token, which the app sends
// in this header with reports, contest registration and 我的反映. H5 has no session.

/** The request header that carries the session token. */
export const WECHAT_SESSION_HEADER = 'X-Pufa-Session'

const SESSION_TOKEN_PATTERN = /^pufa_ws_[A-Za-z0-9_-]{43}$/

export function isWeChatSessionToken(text: string): boolean {
  return SESSION_TOKEN_PATTERN.test(text)
}

/** A session unused this many days ends; each use starts the count again. */
export const SESSION_IDLE_DAYS = 30

/** The error code of a 401 whose cure is to sign in again (wx.login, then POST /wechat/session). */
export const WECHAT_SESSION_EXPIRED = 'wechat_session_expired'
