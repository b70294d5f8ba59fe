/**
 * H5 has no WeChat identity: nothing to sign in, requests go as they are, and 我的反映 keeps to the
 * device's own list and tracking codes. WeChat: see wechat-session.weapp.ts.
 */
import type { HttpResult } from './http'

export function startWeChatSession(): void {}

/** Sends the request (with the session header in WeChat, signing in again when the service says it ended). */
export function withWeChatSession<T>(send: (headers: Record<string, string>) => Promise<HttpResult<T>>): Promise<HttpResult<T>> {
  return send({})
}
