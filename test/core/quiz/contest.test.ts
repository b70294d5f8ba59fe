import {
  chinaTimeWords,
  clockWords,
  contestRules,
  districtRanking,
  durationWords,
  localDeadline,
  nextQuestionIndex,
  percentWords,
  rateWords,
  restoreActiveAttempt,
  restoreParticipant,
  restoreRecords,
  secondsBeforeAnswer,
  withRecord,
  type ActiveAttempt,
} from '../../../src/core/quiz/contest'
import type { AttemptResult, ContestView } from '../../../server/quiz/quiz.schemas'

const started = {
  attemptId: 'a1',
  startedAt: '2026-12-04T02:00:00.000Z',
  deadline: '2026-12-04T02:10:00.000Z',
  minSecondsPerQuestion: 2,
  questions: [
    { id: 'q1', questionType: 'single' as const, stem: '一', options: [{ id: 'A', text: '甲' }] },
    { id: 'q2', questionType: 'judge' as const, stem: '二', options: [{ id: 'T', text: '正确' }] },
  ],
}

describe('the contest clock on the phone', () => {
  it('counts the time limit from when the answer arrived, whatever the phone clock says', () => {
    // A phone clock three hours wrong still gets the ten minutes the service gives.
    const receivedAt = Date.parse('2026-12-03T23:00:00.000Z')
    expect(localDeadline(started, receivedAt)).toBe(receivedAt + 10 * 60 * 1000)
  })

  it('says how long to wait before an answer may go', () => {
    expect(secondsBeforeAnswer(0, 2, 500)).toBe(2)
    expect(secondsBeforeAnswer(0, 2, 1_500)).toBe(1)
    expect(secondsBeforeAnswer(0, 2, 2_000)).toBe(0)
    expect(secondsBeforeAnswer(0, 0, 0)).toBe(0)
  })

  it('writes durations and the countdown in plain words', () => {
    expect(durationWords(42)).toBe('42秒')
    expect(durationWords(65)).toBe('1分05秒')
    expect(durationWords(600)).toBe('10分钟')
    expect(durationWords(12.6)).toBe('13秒')
    expect(clockWords(307)).toBe('05:07')
    expect(clockWords(-3)).toBe('00:00')
  })

  it('shows instants in Beijing time', () => {
    expect(chinaTimeWords('2026-12-31T10:00:00.000Z')).toBe('12月31日 18:00')
    expect(chinaTimeWords('2026-12-31T16:05:00.000Z')).toBe('1月1日 0:05')
  })
})

describe('contest rules and progress', () => {
  const contest: ContestView = {
    id: 'c',
    title: '竞赛',
    startsAt: '2026-12-01T01:00:00.000Z',
    endsAt: '2026-12-31T10:00:00.000Z',
    status: 'open',
    questionCount: 10,
    timeLimitSeconds: 600,
    attemptsPerDay: 3,
    minSecondsPerQuestion: 0,
    drawRule: { kind: 'mixed' },
  }

  it('lists the rules, the minimum time only when there is one', () => {
    expect(contestRules(contest)).toEqual([
      '时间：12月1日 9:00 至 12月31日 18:00（北京时间）',
      '每次10道题，限时10分钟',
      '每天可以答3次',
      '交卷后公布成绩、正确答案和解析',
    ])
    expect(contestRules({ ...contest, minSecondsPerQuestion: 3 })).toContain('每道题至少用3秒，看清题目再作答')
  })

  it('goes to the first question the service has not recorded', () => {
    const attempt: ActiveAttempt = { contestId: 'c', contestTitle: '竞赛', started, deadlineAt: 0, recorded: {} }
    expect(nextQuestionIndex(attempt)).toBe(0)
    expect(nextQuestionIndex({ ...attempt, recorded: { q1: ['A'] } })).toBe(1)
    expect(nextQuestionIndex({ ...attempt, recorded: { q2: ['T'] } })).toBe(0)
    expect(nextQuestionIndex({ ...attempt, recorded: { q1: ['A'], q2: ['T'] } })).toBeNull()
  })
})

describe('district ranking', () => {
  it('ranks by participants, ties share a rank, districts with nobody have none', () => {
    const district = (code: string, participants: number) => ({ code, name: code, participants, share: participants / 6, rate: null })
    const ranked = districtRanking([district('a', 1), district('b', 0), district('c', 2), district('d', 2), district('e', 1)])
    expect(ranked.map(({ code, rank }) => [code, rank])).toEqual([
      ['c', 1],
      ['d', 1],
      ['a', 3],
      ['e', 3],
      ['b', null],
    ])
  })

  it('ranks by rate when every district has a population, since districts differ in size', () => {
    const district = (code: string, participants: number, population: number) => ({ code, name: code, participants, share: 0, rate: participants / population })
    const ranked = districtRanking([district('big', 30, 3_000_000), district('small', 20, 500_000), district('none', 0, 800_000)])
    expect(ranked.map(({ code, rank }) => [code, rank])).toEqual([
      ['small', 1],
      ['big', 2],
      ['none', null],
    ])
    // One district without a population: rates cannot all be compared, so participants decide.
    const mixed = districtRanking([district('big', 30, 3_000_000), { ...district('small', 20, 500_000), rate: null }])
    expect(mixed.map(({ code }) => code)).toEqual(['big', 'small'])
    expect(rateWords(20 / 500_000)).toBe('每万人0.4人')
    expect(rateWords(0.00123)).toBe('每万人12.3人')
  })

  it('writes shares as percentages with one decimal', () => {
    expect(percentWords(0)).toBe('0.0%')
    expect(percentWords(1 / 3)).toBe('33.3%')
    expect(percentWords(1)).toBe('100.0%')
  })
})

describe('what the phone keeps', () => {
  it('drops damaged entries instead of trusting them', () => {
    expect(restoreParticipant({ token: 't', districtCode: '440106', nickname: 3 })).toEqual({ token: 't', districtCode: '440106', nickname: null, showOnBoard: false })
    expect(restoreParticipant({ districtCode: '440106' })).toBeNull()
    expect(restoreParticipant('x')).toBeNull()
    expect(restoreActiveAttempt({ contestId: 'c', contestTitle: 't', deadlineAt: 1, started: { attemptId: 'a', questions: [] }, recorded: {} })).not.toBeNull()
    expect(restoreActiveAttempt({ contestId: 'c', contestTitle: 't', deadlineAt: 1, started: { attemptId: 'a' }, recorded: {} })).toBeNull()
    expect(restoreRecords([{ attemptId: 'a', contestId: 'c', score: 1 }, { attemptId: 'b' }, null])).toHaveLength(1)
    expect(restoreRecords({})).toEqual([])
  })

  it('keeps each finished attempt once, newest first', () => {
    const result = { attemptId: 'a2', contestId: 'c', score: 7, questionCount: 10, finishedAt: '2026-12-04T03:00:00.000Z' } as AttemptResult
    const first = withRecord([], { ...result, attemptId: 'a1', score: 5 }, '竞赛')
    const both = withRecord(first, result, '竞赛')
    expect(both.map((record) => record.attemptId)).toEqual(['a2', 'a1'])
    expect(withRecord(both, result, '竞赛')).toHaveLength(2)
  })
})
