import {
  SENT_FEEDBACK_KEPT,
  describeQueuedFeedback,
  feedbackSent,
  isDue,
  keepRecent,
  newQueuedFeedback,
  restoreQueuedFeedback,
  sendFailed,
  type QueuedFeedback,
} from '../../src/core/feedback-outbox'
import { newQuestionReport } from '../../src/core/quiz/question-report'
import { retryNow, startSending, type OutboxFailure } from '../../src/core/tips/outbox'

const NOW = Date.UTC(2026, 11, 4, 8, 0, 0)
const MIDDLE = () => 0.5
const OFFLINE: OutboxFailure = { status: null, code: 'network', message: '网络连接失败，请检查网络后再试。', fields: {}, retryAfterMs: null }

function failure(status: number, extra: Partial<OutboxFailure> = {}): OutboxFailure {
  return { status, code: `http_${status}`, message: '服务暂时不可用，请稍后再试。', fields: {}, retryAfterMs: null, ...extra }
}

const complaint = () => newQueuedFeedback('fb-0123456789', { kind: 'complaint', content: '窗口排队两个小时，希望增加人手。', contact: '13812345678' }, NOW)
const report = () => newQuestionReport('qr-0123456789', 'quiz-0042', '【答案有误】第二个选项才对', NOW)

describe('the feedback outbox', () => {
  it('a new item is due at once, and is sending once started', () => {
    const item = complaint()
    expect(item).toEqual({
      id: 'fb-0123456789',
      kind: 'complaint',
      content: '窗口排队两个小时，希望增加人手。',
      questionId: null,
      contact: '13812345678',
      createdAt: NOW,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: NOW,
      lastError: null,
      sentAt: null,
    })
    expect(isDue(item, NOW)).toBe(true)
    expect(startSending(item).state).toBe('sending')
    expect(isDue(startSending(item), NOW - 1)).toBe(true)
  })

  it('without a network it waits, ever longer, and the network coming back makes it due at once', () => {
    let item = sendFailed(startSending(report()), OFFLINE, NOW, MIDDLE)
    expect(item).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: NOW + 2000, lastError: '网络连接失败，网络恢复后会自动发送' })
    expect(isDue(item, NOW + 1999)).toBe(false)
    expect(isDue(item, NOW + 2000)).toBe(true)
    item = sendFailed(startSending(item), OFFLINE, NOW, MIDDLE)
    expect(item.nextAttemptAt).toBe(NOW + 4000)
    item = sendFailed(startSending(item), failure(503), NOW, MIDDLE)
    expect(item).toMatchObject({ attempts: 3, nextAttemptAt: NOW + 8000, lastError: '服务暂时不可用，稍后会自动重新发送' })
    expect(retryNow(item, NOW + 10).nextAttemptAt).toBe(NOW + 10)
  })

  it('honours Retry-After and the service\'s own words on 429', () => {
    const item = sendFailed(complaint(), failure(429, { message: '提交太频繁，请1分钟后再试', retryAfterMs: 60_000 }), NOW, MIDDLE)
    expect(item).toMatchObject({ state: 'waiting', nextAttemptAt: NOW + 60_000, lastError: '提交太频繁，请1分钟后再试' })
  })

  it('a refusal (400, 422) is final, with the service\'s message for the field', () => {
    const refused = sendFailed(report(), failure(400, { message: '内容：请至少写5个字', fields: { content: '请至少写5个字' } }), NOW, MIDDLE)
    expect(refused).toMatchObject({ state: 'refused', nextAttemptAt: null, lastError: '请至少写5个字' })
    expect(isDue(refused, NOW + 1e9)).toBe(false)
    expect(retryNow(refused, NOW)).toBe(refused)
    const badContact = sendFailed(complaint(), failure(400, { message: '联系电话：手机号码应为11位数字，以1开头', fields: { contact: '手机号码应为11位数字，以1开头' } }), NOW, MIDDLE)
    expect(badContact).toMatchObject({ state: 'refused', lastError: '手机号码应为11位数字，以1开头' })
    expect(sendFailed(report(), failure(422, { message: '已用于另一条内容不同的反馈' }), NOW, MIDDLE)).toMatchObject({ state: 'refused', lastError: '已用于另一条内容不同的反馈' })
  })

  it('once sent it keeps only its state: not the text, not the phone number', () => {
    const sent = feedbackSent(startSending(sendFailed(complaint(), OFFLINE, NOW, MIDDLE)), NOW + 5000)
    expect(sent).toMatchObject({ id: 'fb-0123456789', kind: 'complaint', state: 'sent', content: '', contact: null, sentAt: NOW + 5000, nextAttemptAt: null, lastError: null })
    expect(isDue(sent, NOW + 1e9)).toBe(false)
  })

  it('restores what storage holds: damaged entries are dropped, one interrupted while sending waits again', () => {
    const sending = startSending(complaint())
    const sent = feedbackSent(newQueuedFeedback('fb-sent-000001', { kind: 'suggestion', content: '内容五个字' }, NOW - 10), NOW - 5)
    const damaged = [null, 'x', { ...sent, id: '' }, { ...sent, state: 'lost' }, { ...sent, attempts: '1' }, { ...sent, kind: 'praise' }, { ...sent, contact: 13812345678 }]
    const restored = restoreQueuedFeedback([sending, sent, ...damaged], NOW + 100)
    expect(restored).toEqual([{ ...sending, state: 'waiting', nextAttemptAt: NOW + 100 }, sent])
    expect(restoreQueuedFeedback(undefined, NOW)).toEqual([])
    expect(restoreQueuedFeedback({ items: [] }, NOW)).toEqual([])
  })

  it('restores a 纠错 stored before 投诉建议 shared the outbox (no kind, no contact) as a question report', () => {
    const { kind: _kind, contact: _contact, ...older } = report()
    expect(restoreQueuedFeedback([older], NOW)).toEqual([report()])
    // Without a question, an item with no kind is not a question report, and nothing else.
    expect(restoreQueuedFeedback([{ ...older, questionId: null }], NOW)).toEqual([])
    expect(restoreQueuedFeedback([{ ...report(), questionId: null }], NOW)).toEqual([])
  })

  it('keeps every unsent item and only the newest sent ones', () => {
    const sent = Array.from({ length: SENT_FEEDBACK_KEPT + 5 }, (_, i) =>
      feedbackSent(newQueuedFeedback(`fb-sent-${String(i).padStart(6, '0')}`, { kind: 'suggestion', content: '内容五个字' }, NOW + i), NOW + i),
    )
    const waiting = sendFailed(complaint(), OFFLINE, NOW, MIDDLE)
    const kept = keepRecent([waiting, ...sent])
    expect(kept).toHaveLength(SENT_FEEDBACK_KEPT + 1)
    expect(kept[0]).toBe(waiting)
    expect(kept.slice(1).map((item: QueuedFeedback) => item.id)).toEqual(sent.slice(5).map((item) => item.id))
  })

  it('describes each state in plain words, with the reason when it is held up', () => {
    const waiting = sendFailed(startSending(report()), OFFLINE, NOW, MIDDLE)
    expect(describeQueuedFeedback(report())).toBe('待发送')
    expect(describeQueuedFeedback(waiting)).toBe('待发送（网络连接失败，网络恢复后会自动发送）')
    expect(describeQueuedFeedback(startSending(waiting))).toBe('发送中')
    expect(describeQueuedFeedback(feedbackSent(waiting, NOW))).toBe('已发送')
    expect(describeQueuedFeedback(sendFailed(report(), failure(400, { message: '题目编号请不超过100个字' }), NOW, MIDDLE))).toBe('未能发送（题目编号请不超过100个字）')
  })
})
