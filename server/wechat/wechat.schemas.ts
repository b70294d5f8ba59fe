import { Type, type Static } from '@sinclair/typebox'

import { MessagesSummary } from '../conversation/conversation.schemas'
import { TipStatusValue } from '../tips/tips.status.schemas'
import { SESSION_IDLE_DAYS } from '../../src/core/wechat-session'

/** A code from wx.login or from a getPhoneNumber button: WeChat's letters and digits, used once. */
const WeChatCode = (title: string) =>
  Type.String({ title, pattern: '^[A-Za-z0-9_-]{1,256}$', errorMessages: { pattern: `${title}的格式不对` }, description: `${title}，只能用一次` })

export const WeChatSessionBody = Type.Object({ code: WeChatCode('登录凭证（wx.login 的 code）') }, { additionalProperties: false })
export type WeChatSessionBody = Static<typeof WeChatSessionBody>

export const WeChatSessionCreated = Type.Object(
  {
    sessionToken: Type.String({ description: `会话令牌，放在 X-Pufa-Session 请求头中；连续 ${SESSION_IDLE_DAYS} 天不用后失效（401 wechat_session_expired），届时重新登录` }),
  },
  { title: '已用微信登录' },
)
export type WeChatSessionCreated = Static<typeof WeChatSessionCreated>

export const WeChatPhoneBody = Type.Object({ code: WeChatCode('手机号凭证（getPhoneNumber 按钮的 code）') }, { additionalProperties: false })
export type WeChatPhoneBody = Static<typeof WeChatPhoneBody>

export const WeChatPhone = Type.Object({ phone: Type.String({ description: '微信绑定的手机号（不含国家代码）；服务不保存' }) }, { title: '微信绑定的手机号' })
export type WeChatPhone = Static<typeof WeChatPhone>

export const WeChatReport = Type.Object({
  trackingCode: Type.String({ description: '查询码；带同一个 X-Pufa-Session 请求头时，查看进度和留言不需要验证信息' }),
  kind: Type.Union([Type.Literal('complaint'), Type.Literal('tip')], { description: 'complaint 投诉，tip 举报（线索）' }),
  status: TipStatusValue,
  submittedAt: Type.String({ format: 'date-time' }),
  lastChangeAt: Type.String({ format: 'date-time', description: '最近一次状态变化或工作人员留言的时间；都没有时为提交时间' }),
  changed: Type.Boolean({ description: '上次（在任何一部手机上）查看这份反映之后，状态有变化或工作人员有新留言' }),
  messages: MessagesSummary,
})
export type WeChatReport = Static<typeof WeChatReport>

export const WeChatReportList = Type.Object({ items: Type.Array(WeChatReport, { description: '最新提交的在前' }) }, { title: '我的反映' })
export type WeChatReportList = Static<typeof WeChatReportList>
