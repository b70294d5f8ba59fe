import { FEEDBACK_MAX_CHARS } from '../../../src/core/feedback'
import {
  QUESTION_REPORT_MAX_CHARS,
  QUESTION_REPORT_REASONS,
  SENT_REPORTS_KEPT,
  composeQuestionReport,
  describeQuestionReport,
  isDue,
  keepRecent,
  latestReportFor,
  newQuestionReport,
  reportSent,
  restoreQuestionReports,
  sendFailed,
  type QuestionReport,
} from '../../../src/core/quiz/question-report'
import { retryNow, startSending } from '../../../src/core/tips/outbox'
import type { OutboxFailure } from '../../../src/core/tips/outbox'

const NOW = Date.UTC(2026, 11, 4, 8, 0, 0)
const MIDDLE = () => 0.5
const OFFLINE: OutboxFailure = { status: null, code: 'network', message: '网络连接失败，请检查网络后再试。', fields: {}, retryAfterMs: null }

function failure(status: number, extra: Partial<OutboxFailure> = {}): OutboxFailure {
  return { status, code: `http_${status}`, message: '服务暂时不可用，请稍后再试。', fields: {}, retryAfterMs: null, ...extra }
}

const queued = () => newQuestionReport('qr-0123456789', 'quiz-0042', '【答案有误】第二个选项才对', NOW)

describe('composeQuestionReport', () => {
  it('puts the reason in front of what the person wrote, trimmed', () => {
    expect(composeQuestionReport('答案有误', '  第二个选项才符合规定 \n')).toEqual({ ok: true, value: '【答案有误】第二个选项才符合规定' })
  })

  it('asks for a description: empty, blank or too short is refused with a plain message', () => {
    expect(composeQuestionReport('其他问题', '')).toEqual({ ok: false, message: '请写一写哪里有误，比如正确的说法或应当依据的法条' })
    expect(composeQuestionReport('其他问题', ' \n ')).toEqual({ ok: false, message: '请写一写哪里有误，比如正确的说法或应当依据的法条' })
    expect(composeQuestionReport('答案有误', '不对')).toEqual({ ok: false, message: '请至少写5个字' })
  })

  it('keeps within the service\'s limit for every reason, counting characters', () => {
    const longestPrefix = Math.max(...QUESTION_REPORT_REASONS.map((reason) => reason.length + 2))
    expect(QUESTION_REPORT_MAX_CHARS).toBe(FEEDBACK_MAX_CHARS - longestPrefix)
    for (const reason of QUESTION_REPORT_REASONS) {
      const composed = composeQuestionReport(reason, '𠀀'.repeat(QUESTION_REPORT_MAX_CHARS))
      expect(composed.ok).toBe(true)
      if (composed.ok) expect(Array.from(composed.value).length).toBeLessThanOrEqual(FEEDBACK_MAX_CHARS)
    }
    expect(composeQuestionReport('答案有误', '长'.repeat(QUESTION_REPORT_MAX_CHARS + 1))).toEqual({ ok: false, message: `说明请不超过${QUESTION_REPORT_MAX_CHARS}字` })
  })

  it('refuses control characters as the feedback form does', () => {
    expect(composeQuestionReport('答案有误', '正常的文字\u0007响铃')).toEqual({ ok: false, message: '内容中有无法识别的字符，请删除后再提交' })
  })
})

describe('the question-report outbox', () => {
  it('a new report is due at once, and is sending once started', () => {
    const report = queued()
    expect(report).toMatchObject({ state: 'waiting', attempts: 0, nextAttemptAt: NOW, sentAt: null, lastError: null })
    expect(isDue(report, NOW)).toBe(true)
    expect(startSending(report).state).toBe('sending')
  })

  it('without a network it waits, ever longer, and the network coming back makes it due at once', () => {
    let report = startSending(queued())
    report = sendFailed(report, OFFLINE, NOW, MIDDLE)
    expect(report).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: NOW + 2000, lastError: '网络连接失败，网络恢复后会自动发送' })
    expect(isDue(report, NOW + 1999)).toBe(false)
    expect(isDue(report, NOW + 2000)).toBe(true)
    report = sendFailed(startSending(report), OFFLINE, NOW, MIDDLE)
    expect(report.nextAttemptAt).toBe(NOW + 4000)
    report = sendFailed(startSending(report), failure(503), NOW, MIDDLE)
    expect(report).toMatchObject({ attempts: 3, nextAttemptAt: NOW + 8000, lastError: '服务暂时不可用，稍后会自动重新发送' })
    expect(retryNow(report, NOW + 10).nextAttemptAt).toBe(NOW + 10)
  })

  it('honours Retry-After and the service\'s own words on 429', () => {
    const report = sendFailed(queued(), failure(429, { message: '提交太频繁，请1分钟后再试', retryAfterMs: 60_000 }), NOW, MIDDLE)
    expect(report).toMatchObject({ state: 'waiting', nextAttemptAt: NOW + 60_000, lastError: '提交太频繁，请1分钟后再试' })
  })

  it('a refusal (400, 422) is final, with the service\'s message', () => {
    const refused = sendFailed(queued(), failure(400, { message: '内容：请至少写5个字', fields: { content: '请至少写5个字' } }), NOW, MIDDLE)
    expect(refused).toMatchObject({ state: 'refused', nextAttemptAt: null, lastError: '请至少写5个字' })
    expect(isDue(refused, NOW + 1e9)).toBe(false)
    expect(retryNow(refused, NOW)).toBe(refused)
    expect(sendFailed(queued(), failure(422, { message: '已用于另一条内容不同的反馈' }), NOW, MIDDLE)).toMatchObject({ state: 'refused', lastError: '已用于另一条内容不同的反馈' })
  })

  it('once sent it keeps only its state, not the text', () => {
    const sent = reportSent(startSending(sendFailed(queued(), OFFLINE, NOW, MIDDLE)), NOW + 5000)
    expect(sent).toMatchObject({ id: 'qr-0123456789', questionId: 'quiz-0042', state: 'sent', content: '', sentAt: NOW + 5000, nextAttemptAt: null, lastError: null })
    expect(isDue(sent, NOW + 1e9)).toBe(false)
  })

  it('restores what storage holds: damaged entries are dropped, one interrupted while sending waits again', () => {
    const sending = startSending(queued())
    const sent = reportSent(newQuestionReport('qr-sent-000001', 'quiz-0001', '内容', NOW - 10), NOW - 5)
    const restored = restoreQuestionReports([sending, sent, null, 'x', { ...sent, id: '' }, { ...sent, state: 'lost' }, { ...sent, attempts: '1' }], NOW + 100)
    expect(restored).toEqual([{ ...sending, state: 'waiting', nextAttemptAt: NOW + 100 }, sent])
    expect(restoreQuestionReports(undefined, NOW)).toEqual([])
    expect(restoreQuestionReports({ reports: [] }, NOW)).toEqual([])
  })

  it('keeps every unsent report and only the newest sent ones', () => {
    const sent = Array.from({ length: SENT_REPORTS_KEPT + 5 }, (_, i) => reportSent(newQuestionReport(`qr-sent-${String(i).padStart(6, '0')}`, 'quiz-1', '内容五个字', NOW + i), NOW + i))
    const waiting = sendFailed(queued(), OFFLINE, NOW, MIDDLE)
    const kept = keepRecent([waiting, ...sent])
    expect(kept).toHaveLength(SENT_REPORTS_KEPT + 1)
    expect(kept[0]).toBe(waiting)
    expect(kept.slice(1).map((report) => report.id)).toEqual(sent.slice(5).map((report) => report.id))
  })

  it('describes each state in plain words, with the reason when it is held up', () => {
    const waiting = sendFailed(startSending(queued()), OFFLINE, NOW, MIDDLE)
    expect(describeQuestionReport(queued())).toBe('待发送')
    expect(describeQuestionReport(waiting)).toBe('待发送（网络连接失败，网络恢复后会自动发送）')
    expect(describeQuestionReport(startSending(waiting))).toBe('发送中')
    expect(describeQuestionReport(reportSent(waiting, NOW))).toBe('已发送')
    expect(describeQuestionReport(sendFailed(queued(), failure(400, { message: '题目编号请不超过100个字' }), NOW, MIDDLE))).toBe('未能发送（题目编号请不超过100个字）')
  })

  it('latestReportFor finds the newest report about a question', () => {
    const older: QuestionReport = { ...queued(), id: 'qr-older-00001', createdAt: NOW - 1000 }
    const newer: QuestionReport = { ...queued(), id: 'qr-newer-00001', createdAt: NOW }
    const other: QuestionReport = { ...queued(), id: 'qr-other-00001', questionId: 'quiz-0001', createdAt: NOW + 1000 }
    expect(latestReportFor([newer, older, other], 'quiz-0042')?.id).toBe('qr-newer-00001')
    expect(latestReportFor([older, newer, other], 'quiz-0042')?.id).toBe('qr-newer-00001')
    expect(latestReportFor([other], 'quiz-0042')).toBeNull()
  })
})
