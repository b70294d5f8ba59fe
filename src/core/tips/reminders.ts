// Reminders of a report's progress in WeChat (订阅消息): what the worker chose in WeChat's pop-up,
// and what the receipt then tells them. WeChat answers each template id with accept, reject, ban
// or filter (acceptWithAudio in newer clients); only an accepted one lets the service send.

/** wx.requestSubscribeMessage's answer: one word per template id, besides errMsg. */
export type SubscribeAnswer = Record<string, string>

/** The template ids the worker accepted, in the order they were offered. */
export function acceptedTemplateIds(offered: readonly string[], answer: SubscribeAnswer): string[] {
  return offered.filter((id) => answer[id] === 'accept' || answer[id] === 'acceptWithAudio')
}

export type ReminderOutcome =
  | { kind: 'subscribed'; count: number }
  | { kind: 'declined' }
  | { kind: 'failed'; message: string }

/** The sentence the receipt shows after the worker answered. */
export function describeReminderOutcome(outcome: ReminderOutcome): string {
  switch (outcome.kind) {
    case 'subscribed':
      return outcome.count === 1 ? '已开启 1 项提醒：有进展时，会在微信“服务通知”里告诉您。' : `已开启 ${outcome.count} 项提醒：有进展时，会在微信“服务通知”里告诉您。`
    case 'declined':
      return '您没有同意接收提醒。需要时可以再点一次，也可以随时用查询码查看办理进度。'
    case 'failed':
      return outcome.message
  }
}

/**
 * What a failed wx.requestSubscribeMessage means for the worker: errCode 20004 is the main switch of
 * subscription messages turned off in WeChat's settings; anything else, a plain failure.
 */
export function subscribeFailureMessage(errCode: number | undefined): string {
  if (errCode === 20004) return '您在微信中关闭了订阅消息。可以在本小程序右上角“…”→“设置”→“通知管理”中打开后再试。'
  return '没能开启提醒，请稍后再试。'
}
