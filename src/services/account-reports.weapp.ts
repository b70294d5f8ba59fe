/**
 * WeChat: the reports sent from this WeChat user on any phone (GET /wechat/reports), with their
 * status and whether something changed since they last opened one; null when the service cannot
 * say (offline, not signed in), and 我的反映 then shows what this phone holds.
 */
import type { WeChatReport, WeChatReportList } from '../../server/wechat/wechat.schemas'
import { deviceHeader } from './device-id'
import { request } from './http'
import { withWeChatSession } from './wechat-session'

export type AccountReport = WeChatReport

export async function fetchAccountReports(): Promise<AccountReport[] | null> {
  const answer = await withWeChatSession((session) =>
    request<WeChatReportList>({ method: 'GET', path: '/api/v1/wechat/reports', headers: { ...deviceHeader(), ...session } }),
  )
  return answer.ok ? answer.data.items : null
}
