import { acceptedTemplateIds, describeReminderOutcome, subscribeFailureMessage } from '../../../src/core/tips/reminders'

describe('progress reminders', () => {
  it('keeps only the templates the worker accepted, in the order offered', () => {
    const answer = { errMsg: 'requestSubscribeMessage:ok', tplB: 'reject', tplA: 'accept', tplC: 'acceptWithAudio', tplD: 'ban' }
    expect(acceptedTemplateIds(['tplA', 'tplB', 'tplC', 'tplD'], answer)).toEqual(['tplA', 'tplC'])
    expect(acceptedTemplateIds(['tplA'], { errMsg: 'requestSubscribeMessage:ok', tplA: 'filter' })).toEqual([])
  })

  it('tells the worker what happened in plain words', () => {
    expect(describeReminderOutcome({ kind: 'subscribed', count: 3 })).toBe('已开启 3 项提醒：有进展时，会在微信“服务通知”里告诉您。')
    expect(describeReminderOutcome({ kind: 'declined' })).toContain('没有同意接收提醒')
    expect(describeReminderOutcome({ kind: 'failed', message: '暂时连不上微信，请稍后再试' })).toBe('暂时连不上微信，请稍后再试')
    expect(subscribeFailureMessage(20004)).toContain('关闭了订阅消息')
    expect(subscribeFailureMessage(undefined)).toBe('没能开启提醒，请稍后再试。')
  })
})
