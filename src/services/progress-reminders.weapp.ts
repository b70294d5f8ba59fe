import Taro from '@tarojs/taro'

import type { NoticeTemplateList, SubscriptionView } from '../../server/wechat/notices.schemas'
import { acceptedTemplateIds, subscribeFailureMessage, type ReminderOutcome, type SubscribeAnswer } from '../core/tips/reminders'
import { deviceHeader } from './device-id'
import { request } from './http'
import type { RemindedReport } from './progress-reminders'

/** The template ids the bureau offers (GET /api/v1/wechat/templates); none when it has not set WeChat up, or offline. */
export async function loadReminderOffer(): Promise<string[]> {
  const result = await request<NoticeTemplateList>({ method: 'GET', path: '/api/v1/wechat/templates' })
  return result.ok ? result.data.items.map((item) => item.id) : []
}

/**
 * WeChat's pop-up for the offered templates, then, for those accepted, the subscription with a fresh
 * login code. Must start from the tap itself: WeChat refuses the pop-up otherwise, so nothing is
 * awaited before it.
 */
export async function askForReminders(offered: readonly string[], report: RemindedReport): Promise<ReminderOutcome> {
  let answer: SubscribeAnswer
  try {
    answer = (await Taro.requestSubscribeMessage({ tmplIds: [...offered] } as Taro.requestSubscribeMessage.Option)) as unknown as SubscribeAnswer
  } catch (error) {
    return { kind: 'failed', message: subscribeFailureMessage((error as { errCode?: number } | null)?.errCode) }
  }
  const accepted = acceptedTemplateIds(offered, answer)
  if (accepted.length === 0) return { kind: 'declined' }
  let loginCode: string
  try {
    loginCode = (await Taro.login()).code
  } catch {
    return { kind: 'failed', message: '没能取得微信的登录凭证，请稍后再试。' }
  }
  const result = await request<SubscriptionView>({
    method: 'POST',
    path: `/api/v1/tips/${encodeURIComponent(report.trackingCode)}/subscriptions`,
    body: { loginCode, accepted, pageKey: report.key },
    headers: { 'X-Tip-Verifier': report.verifier, ...deviceHeader() },
  })
  return result.ok ? { kind: 'subscribed', count: result.data.items.length } : { kind: 'failed', message: result.message }
}
