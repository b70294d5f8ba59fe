/** WeChat: the phone number behind a getPhoneNumber code (POST /wechat/phone-number); the service stores none. */
import type { WeChatPhone } from '../../server/wechat/wechat.schemas'
import { request, type HttpResult } from './http'
import { withWeChatSession } from './wechat-session'

export function fetchWeChatPhone(code: string): Promise<HttpResult<WeChatPhone>> {
  return withWeChatSession((session) => request<WeChatPhone>({ method: 'POST', path: '/api/v1/wechat/phone-number', body: { code }, headers: session }))
}
