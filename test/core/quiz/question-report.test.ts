import { FEEDBACK_MAX_CHARS } from '../../../src/core/feedback'
import {
  QUESTION_REPORT_MAX_CHARS,
  QUESTION_REPORT_REASONS,
  composeQuestionReport,
  latestReportFor,
  newQuestionReport,
  type QuestionReport,
} from '../../../src/core/quiz/question-report'

const NOW = Date.UTC(2026, 11, 4, 8, 0, 0)
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

describe('a question report', () => {
  it('is feedback of kind question_report about its question, waiting to be sent', () => {
    expect(queued()).toEqual({
      id: 'qr-0123456789',
      kind: 'question_report',
      content: '【答案有误】第二个选项才对',
      questionId: 'quiz-0042',
      contact: null,
      createdAt: NOW,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: NOW,
      lastError: null,
      sentAt: null,
    })
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
