import type { LightMyRequestResponse } from 'fastify'

import type { QuizQuestion } from '../../src/core/content/model'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import type { DrawnQuestion } from '../../server/quiz/draw'
import { asStaff, auditEntries, createStaffToken } from './staff-helpers'
import { storages, useApp } from './storage'

const CHINESE = /[\u4e00-\u9fff]/
const LIWAN = '440103'
const YUEXIU = '440104'
const HAIZHU = '440105'
const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE
/** Noon in China: the tests' clock, far from a China date change. */
const NOON_IN_CHINA = Date.parse('2026-11-20T04:00:00Z')
/** What must never reach a phone before it finishes. */
const SECRET_KEYS = ['answer', 'explanation', 'citations', 'law', 'article', 'correct', 'chosenOptionIds']

type Json = Record<string, unknown>

function keysIn(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, keys)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key)
      keysIn(inner, keys)
    }
  }
  return keys
}

function contestBody(overrides: Json = {}): Json {
  return {
    title: '2026 年劳动法律知识竞赛',
    startsAt: new Date(NOON_IN_CHINA - DAY).toISOString(),
    endsAt: new Date(NOON_IN_CHINA + 7 * DAY).toISOString(),
    questionCount: 3,
    timeLimitSeconds: 600,
    attemptsPerDay: 2,
    minSecondsPerQuestion: 5,
    drawRule: { kind: 'categories', counts: [{ category: '劳动关系', count: 2 }, { category: '工资支付', count: 1 }] },
    ...overrides,
  }
}

describe.each(storages())('contests on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'off' })
  let clock = NOON_IN_CHINA
  let cityToken = ''
  let districtToken = ''
  /** Every contest question of the bank by id, with its secrets, to check nothing leaks. */
  let bank = new Map<string, QuizQuestion>()

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    cityToken = (await createStaffToken(config(), '市局竞赛管理员')).token
    districtToken = (await createStaffToken(config(), '荔湾区工作人员', LIWAN)).token
    const rows = await app().db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'quiz_question').execute()
    bank = new Map(rows.map((row) => [row.id, JSON.parse(row.data) as QuizQuestion]).filter(([, question]) => (question as QuizQuestion).bank === 'contest') as [string, QuizQuestion][])
    // The server's clock, moved by the tests: answers and deadlines are judged on it.
    jest.spyOn(Date, 'now').mockImplementation(() => clock)
  })
  afterAll(() => {
    jest.restoreAllMocks()
  })
  beforeEach(() => {
    clock = NOON_IN_CHINA
  })

  async function send(method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<LightMyRequestResponse> {
    return app().inject({
      method,
      url,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
  }

  async function createContest(overrides: Json = {}): Promise<string> {
    const response = await app().inject(
      asStaff(cityToken, { method: 'POST', url: '/api/v1/admin/contests', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(contestBody(overrides)) }),
    )
    expect(response.statusCode).toBe(201)
    return (response.json() as { id: string }).id
  }

  async function register(districtCode = LIWAN, extra: Json = {}): Promise<string> {
    const response = await send('POST', '/api/v1/quiz/participants', { districtCode, ...extra })
    expect(response.statusCode).toBe(201)
    const { participantToken } = response.json() as { participantToken: string }
    return participantToken
  }

  interface Started {
    attemptId: string
    deadline: string
    questions: { id: string; questionType: string; stem: string; options: { id: string; text: string }[] }[]
  }

  async function start(contestId: string, token: string): Promise<Started> {
    const response = await send('POST', `/api/v1/quiz/contests/${contestId}/attempts`, undefined, token)
    expect(response.statusCode).toBe(201)
    return response.json() as Started
  }

  const answer = (attemptId: string, token: string, questionId: string, optionIds: string[]) =>
    send('POST', `/api/v1/quiz/attempts/${attemptId}/answers`, { questionId, optionIds }, token)

  const finish = (attemptId: string, token: string) => send('POST', `/api/v1/quiz/attempts/${attemptId}/finish`, undefined, token)

  function rightOptions(questionId: string): string[] {
    const question = bank.get(questionId)
    if (!question) throw new Error(`not a contest question: ${questionId}`)
    return question.answer
  }

  function wrongOptions(questionId: string): string[] {
    const question = bank.get(questionId)
    if (!question) throw new Error(`not a contest question: ${questionId}`)
    const wrong = question.options.find((option) => !question.answer.includes(option.id))
    if (!wrong) throw new Error(`no wrong option in ${questionId}`)
    return [wrong.id]
  }

  /** Answers every question, each after `gapSeconds`, right for the first `right` of them. */
  async function answerAll(started: Started, token: string, right: number, gapSeconds: number): Promise<void> {
    for (const [index, question] of started.questions.entries()) {
      clock += gapSeconds * SECOND
      const response = await answer(started.attemptId, token, question.id, index < right ? rightOptions(question.id) : wrongOptions(question.id))
      expect(response.statusCode).toBe(201)
    }
  }

  function expectNoSecrets(response: LightMyRequestResponse): void {
    const keys = keysIn(response.json())
    for (const key of SECRET_KEYS) expect(keys).not.toContain(key)
    for (const question of bank.values()) expect(response.body).not.toContain(question.explanation)
  }

  describe('configuring contests', () => {
    it('lets a city token create a contest and lists it without questions', async () => {
      const id = await createContest()
      const upcoming = await createContest({ title: '下月竞赛', startsAt: new Date(NOON_IN_CHINA + 30 * DAY).toISOString(), endsAt: new Date(NOON_IN_CHINA + 40 * DAY).toISOString() })
      const response = await send('GET', '/api/v1/quiz/contests')
      expect(response.statusCode).toBe(200)
      const { items } = response.json() as { items: { id: string; status: string; questionCount: number }[] }
      expect(items.find((item) => item.id === id)).toMatchObject({ status: 'open', questionCount: 3 })
      expect(items.find((item) => item.id === upcoming)).toMatchObject({ status: 'upcoming' })
      expect(keysIn(response.json())).not.toContain('questions')
      expectNoSecrets(response)
      const audit = await auditEntries(app())
      expect(audit.filter((entry) => entry.action === 'contest_create').map((entry) => JSON.parse(entry.detail) as unknown)).toEqual(
        expect.arrayContaining([expect.objectContaining({ contestId: id }), expect.objectContaining({ contestId: upcoming })]),
      )
    })

    it('refuses district tokens and requests without a token', async () => {
      const request = { method: 'POST' as const, url: '/api/v1/admin/contests', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(contestBody()) }
      const district = await app().inject(asStaff(districtToken, request))
      expect(district.statusCode).toBe(403)
      expect(district.json().error.message).toMatch(CHINESE)
      expect((await app().inject(request)).statusCode).toBe(401)
    })

    it.each([
      ['a window that ends before it starts', { endsAt: new Date(NOON_IN_CHINA - 2 * DAY).toISOString() }, 'endsAt'],
      ['counts that do not add up to the question count', { questionCount: 5 }, 'drawRule.counts'],
      ['more questions of a category than the bank has', { questionCount: 40, drawRule: { kind: 'categories', counts: [{ category: '职业技能', count: 40 }] } }, 'drawRule.counts'],
      ['a category that does not exist', { drawRule: { kind: 'categories', counts: [{ category: '天文地理', count: 3 }] } }, 'drawRule.counts.0.category'],
      ['more questions than the contest bank', { questionCount: 100, drawRule: { kind: 'mixed' } }, 'questionCount'],
      ['a minimum time that does not fit the time limit', { minSecondsPerQuestion: 300, timeLimitSeconds: 600 }, 'minSecondsPerQuestion'],
      ['no attempts per day', { attemptsPerDay: 0 }, 'attemptsPerDay'],
      ['a category named twice', { drawRule: { kind: 'categories', counts: [{ category: '劳动关系', count: 2 }, { category: '劳动关系', count: 1 }] } }, 'drawRule.counts.1.category'],
      ['counts with a mixed draw', { drawRule: { kind: 'mixed', counts: [{ category: '劳动关系', count: 3 }] } }, 'drawRule.counts'],
      ['a window already over', { startsAt: new Date(NOON_IN_CHINA - 3 * DAY).toISOString(), endsAt: new Date(NOON_IN_CHINA - DAY).toISOString() }, 'endsAt'],
      ['a start that is not a time', { startsAt: '下周一' }, 'startsAt'],
    ])('rejects %s with a Chinese message on the field', async (_name, overrides, field) => {
      const response = await app().inject(
        asStaff(cityToken, { method: 'POST', url: '/api/v1/admin/contests', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(contestBody(overrides)) }),
      )
      expect(response.statusCode).toBe(400)
      const { error } = response.json() as { error: { code: string; message: string; fields: Record<string, string> } }
      expect(error.code).toBe('validation_failed')
      expect(error.fields[field]).toMatch(CHINESE)
    })
  })

  describe('participants', () => {
    it('registers with a district of the site and gives a token that is stored only hashed', async () => {
      const token = await register(YUEXIU, { nickname: '学法小能手', showOnBoard: true })
      expect(token).toMatch(/^pufa_qp_[A-Za-z0-9_-]{43}$/)
      const rows = await app().db.selectFrom('quiz_participants').selectAll().execute()
      expect(JSON.stringify(rows)).not.toContain(token)
    })

    it.each([
      ['a district not of the city', { districtCode: '110105' }, 'districtCode'],
      ['a nickname that is too long', { districtCode: LIWAN, nickname: '一二三四五六七八九十一二三' }, 'nickname'],
      ['a phone number as nickname', { districtCode: LIWAN, nickname: '13800138000' }, 'nickname'],
      ['no district', {}, 'districtCode'],
    ])('rejects %s', async (_name, body, field) => {
      const response = await send('POST', '/api/v1/quiz/participants', body)
      expect(response.statusCode).toBe(400)
      expect((response.json() as { error: { fields: Record<string, string> } }).error.fields[field]).toMatch(CHINESE)
    })
  })

  describe('an attempt', () => {
    let contestId = ''
    beforeAll(async () => {
      clock = NOON_IN_CHINA
      contestId = await createContest({ attemptsPerDay: 5 })
    })

    it('needs a participant token', async () => {
      const response = await send('POST', `/api/v1/quiz/contests/${contestId}/attempts`)
      expect(response.statusCode).toBe(401)
      expect(response.json().error.message).toMatch(CHINESE)
    })

    it('draws per the rule and sends no answer, explanation or citation before finishing', async () => {
      const token = await register()
      const response = await send('POST', `/api/v1/quiz/contests/${contestId}/attempts`, undefined, token)
      expect(response.statusCode).toBe(201)
      expectNoSecrets(response)
      const started = response.json() as Started
      expect(new Date(started.deadline).getTime()).toBe(NOON_IN_CHINA + 600 * SECOND)
      expect(new Set(started.questions.map((question) => question.id)).size).toBe(3)
      const categories = started.questions.map((question) => bank.get(question.id)?.category).sort()
      expect(categories).toEqual(['劳动关系', '劳动关系', '工资支付'])
      for (const question of started.questions) {
        expect(Object.keys(question).sort()).toEqual(['id', 'options', 'questionType', 'stem'])
        const stored = bank.get(question.id)
        expect(question.options.map((option) => option.id).sort()).toEqual(stored?.options.map((option) => option.id).sort())
      }

      clock += 5 * SECOND
      const first = await answer(started.attemptId, token, started.questions[0].id, wrongOptions(started.questions[0].id))
      expect(first.statusCode).toBe(201)
      expectNoSecrets(first)
      const early = await send('GET', `/api/v1/quiz/attempts/${started.attemptId}`, undefined, token)
      expect(early.statusCode).toBe(409)
      expectNoSecrets(early)
    })

    it('rejects answers faster than the minimum since the start and since the previous answer', async () => {
      const token = await register()
      const started = await start(contestId, token)
      const [one, two] = started.questions
      clock += 4 * SECOND
      const tooFast = await answer(started.attemptId, token, one.id, rightOptions(one.id))
      expect(tooFast.statusCode).toBe(422)
      expect(tooFast.json().error).toMatchObject({ code: 'answer_too_fast' })
      expect(tooFast.json().error.message).toMatch(CHINESE)
      clock += 1 * SECOND
      expect((await answer(started.attemptId, token, one.id, rightOptions(one.id))).statusCode).toBe(201)
      clock += 4 * SECOND
      expect((await answer(started.attemptId, token, two.id, rightOptions(two.id))).json().error.code).toBe('answer_too_fast')
      clock += 1 * SECOND
      expect((await answer(started.attemptId, token, two.id, rightOptions(two.id))).statusCode).toBe(201)
      const stored = await app().db.selectFrom('quiz_answers').select('question_id').where('attempt_id', '=', started.attemptId).execute()
      expect(stored.map((row) => row.question_id).sort()).toEqual([one.id, two.id].sort())
    })

    it('rejects a second answer to a question, a question not in the attempt and an option the question does not have', async () => {
      const token = await register()
      const started = await start(contestId, token)
      const [one, two] = started.questions
      clock += 10 * SECOND
      expect((await answer(started.attemptId, token, one.id, wrongOptions(one.id))).statusCode).toBe(201)
      clock += 10 * SECOND
      const again = await answer(started.attemptId, token, one.id, rightOptions(one.id))
      expect(again.statusCode).toBe(409)
      expect(again.json().error).toMatchObject({ code: 'already_answered' })
      const outsider = [...bank.keys()].find((id) => !started.questions.some((question) => question.id === id)) as string
      const foreign = await answer(started.attemptId, token, outsider, rightOptions(outsider))
      expect(foreign.statusCode).toBe(422)
      expect(foreign.json().error.message).toMatch(CHINESE)
      const badOption = await answer(started.attemptId, token, two.id, ['不存在的选项'])
      expect(badOption.statusCode).toBe(422)
      const stored = await app().db.selectFrom('quiz_answers').selectAll().where('attempt_id', '=', started.attemptId).execute()
      expect(stored).toHaveLength(1)
      expect(JSON.parse(stored[0].option_ids)).toEqual(wrongOptions(one.id))
    })

    it('hides an attempt from other participants', async () => {
      const owner = await register()
      const other = await register()
      const started = await start(contestId, owner)
      clock += 10 * SECOND
      const response = await answer(started.attemptId, other, started.questions[0].id, rightOptions(started.questions[0].id))
      expect(response.statusCode).toBe(404)
      expect((await finish(started.attemptId, other)).statusCode).toBe(404)
    })

    it('refuses answers after the time limit, and then reveals the result', async () => {
      const token = await register()
      const started = await start(contestId, token)
      clock += 10 * SECOND
      expect((await answer(started.attemptId, token, started.questions[0].id, rightOptions(started.questions[0].id))).statusCode).toBe(201)
      clock = NOON_IN_CHINA + 601 * SECOND
      const late = await answer(started.attemptId, token, started.questions[1].id, rightOptions(started.questions[1].id))
      expect(late.statusCode).toBe(409)
      expect(late.json().error).toMatchObject({ code: 'attempt_expired' })
      expect(late.json().error.message).toMatch(CHINESE)
      const result = await send('GET', `/api/v1/quiz/attempts/${started.attemptId}`, undefined, token)
      expect(result.statusCode).toBe(200)
      expect(result.json()).toMatchObject({ score: 1, questionCount: 3, timeUsedSeconds: 600 })
    })

    it('scores once when two finishes arrive together, and then reveals answers, explanations and citations', async () => {
      const token = await register()
      const started = await start(contestId, token)
      await answerAll(started, token, 2, 20)
      const [a, b] = await Promise.all([finish(started.attemptId, token), finish(started.attemptId, token)])
      expect(a.statusCode).toBe(200)
      expect(b.statusCode).toBe(200)
      expect(a.json()).toEqual(b.json())
      const result = a.json() as { score: number; timeUsedSeconds: number; finishedAt: string; questions: { id: string; answer: string[]; explanation: string; citations: unknown[]; correct: boolean }[] }
      expect(result.score).toBe(2)
      expect(result.timeUsedSeconds).toBe(60)
      for (const question of result.questions) {
        const stored = bank.get(question.id) as QuizQuestion
        expect(question.answer).toEqual(stored.answer)
        expect(question.explanation).toBe(stored.explanation)
        expect(question.citations).toEqual(stored.citations)
      }
      expect(result.questions.map((question) => question.correct)).toEqual([true, true, false])

      clock += 60 * SECOND
      const again = await finish(started.attemptId, token)
      expect(again.json()).toEqual(result)
      const read = await send('GET', `/api/v1/quiz/attempts/${started.attemptId}`, undefined, token)
      expect(read.json()).toEqual(result)
      const row = await app().db.selectFrom('quiz_attempts').select(['finished_at', 'score']).where('id', '=', started.attemptId).executeTakeFirstOrThrow()
      expect(new Date(Number(row.finished_at)).toISOString()).toBe(result.finishedAt)
      const afterFinish = await answer(started.attemptId, token, started.questions[2].id, rightOptions(started.questions[2].id))
      expect(afterFinish.statusCode).toBe(409)
      expect(afterFinish.json().error.code).toBe('attempt_finished')
    })

    it('stores the drawn questions with their answers only on the server', async () => {
      const token = await register()
      const started = await start(contestId, token)
      const row = await app().db.selectFrom('quiz_attempts').select('questions').where('id', '=', started.attemptId).executeTakeFirstOrThrow()
      const drawn = JSON.parse(row.questions) as DrawnQuestion[]
      expect(drawn.map((question) => question.id)).toEqual(started.questions.map((question) => question.id))
      expect(drawn.map((question) => question.options)).toEqual(started.questions.map((question) => question.options))
    })
  })

  describe('rules of the contest', () => {
    it('allows the attempts per day (China date), then again the next day', async () => {
      const contestId = await createContest({ attemptsPerDay: 2 })
      const token = await register()
      await start(contestId, token)
      await start(contestId, token)
      const third = await send('POST', `/api/v1/quiz/contests/${contestId}/attempts`, undefined, token)
      expect(third.statusCode).toBe(409)
      expect(third.json().error).toMatchObject({ code: 'daily_attempts_used' })
      expect(third.json().error.message).toMatch(CHINESE)
      // 00:30 the next day in China is still the same UTC date as noon in China.
      clock = NOON_IN_CHINA + 12.5 * 60 * MINUTE
      await start(contestId, token)
    })

    it('lets only one of several attempts started at once take the last place of the day', async () => {
      const contestId = await createContest({ attemptsPerDay: 1 })
      const token = await register()
      const responses = await Promise.all([1, 2, 3].map(() => send('POST', `/api/v1/quiz/contests/${contestId}/attempts`, undefined, token)))
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409])
    })

    it('refuses attempts before the window opens and after it closes', async () => {
      const later = await createContest({ startsAt: new Date(NOON_IN_CHINA + DAY).toISOString() })
      const token = await register()
      const early = await send('POST', `/api/v1/quiz/contests/${later}/attempts`, undefined, token)
      expect(early.statusCode).toBe(409)
      expect(early.json().error).toMatchObject({ code: 'contest_not_started' })

      const ended = await createContest({ endsAt: new Date(NOON_IN_CHINA + DAY).toISOString() })
      clock = NOON_IN_CHINA + DAY
      const closed = await send('POST', `/api/v1/quiz/contests/${ended}/attempts`, undefined, token)
      expect(closed.statusCode).toBe(409)
      expect(closed.json().error).toMatchObject({ code: 'contest_closed' })
      expect(closed.json().error.message).toMatch(CHINESE)
      const list = (await send('GET', '/api/v1/quiz/contests')).json() as { items: { id: string }[] }
      expect(list.items.map((item) => item.id)).not.toContain(ended)
      expect(await app().db.selectFrom('quiz_attempts').select('id').where('contest_id', 'in', [later, ended]).execute()).toEqual([])
    })

    it('ends an attempt started near the close when the contest closes, not a full time limit later', async () => {
      const closing = await createContest({ endsAt: new Date(NOON_IN_CHINA + 120 * SECOND).toISOString() })
      const token = await register()
      const started = await start(closing, token)
      expect(new Date(started.deadline).getTime()).toBe(NOON_IN_CHINA + 120 * SECOND)
      clock = NOON_IN_CHINA + 121 * SECOND
      const late = await answer(started.attemptId, token, started.questions[0].id, rightOptions(started.questions[0].id))
      expect(late.json().error).toMatchObject({ code: 'attempt_expired' })
    })

    it('answers 404 for a contest that does not exist', async () => {
      const token = await register()
      expect((await send('POST', '/api/v1/quiz/contests/no-such-contest/attempts', undefined, token)).statusCode).toBe(404)
      expect((await send('GET', '/api/v1/quiz/contests/no-such-contest/stats')).statusCode).toBe(404)
    })
  })

  describe('stats', () => {
    it('counts distinct participants with a finished attempt by district, and ranks the opt-in board by score then time', async () => {
      const contestId = await createContest({ attemptsPerDay: 3, minSecondsPerQuestion: 1, drawRule: { kind: 'mixed' } })
      const play = async (token: string, right: number, gapSeconds: number) => {
        const started = await start(contestId, token)
        await answerAll(started, token, right, gapSeconds)
        expect((await finish(started.attemptId, token)).statusCode).toBe(200)
      }
      const slow = await register(LIWAN, { nickname: '慢慢来', showOnBoard: true })
      const quick = await register(LIWAN, { nickname: '快手', showOnBoard: true })
      const modest = await register(YUEXIU, { nickname: '不上榜', showOnBoard: false })
      const nameless = await register(YUEXIU, { showOnBoard: true })
      const unfinished = await register(HAIZHU, { nickname: '没交卷', showOnBoard: true })

      await play(slow, 0, 2)
      await play(slow, 2, 30)
      await play(quick, 2, 5)
      await play(modest, 3, 5)
      await play(nameless, 1, 2)
      await start(contestId, unfinished)

      const response = await send('GET', `/api/v1/quiz/contests/${contestId}/stats`)
      expect(response.statusCode).toBe(200)
      const stats = response.json() as {
        participants: number
        districts: { code: string; name: string; participants: number; share: number }[]
        board: Json[]
      }
      expect(stats.participants).toBe(4)
      expect(stats.districts).toHaveLength(11)
      const byCode = new Map(stats.districts.map((district) => [district.code, district]))
      expect(byCode.get(LIWAN)).toEqual({ code: LIWAN, name: '荔湾区', participants: 2, share: 0.5, rate: null })
      expect(byCode.get(YUEXIU)).toMatchObject({ name: '越秀区', participants: 2 })
      expect(byCode.get(HAIZHU)).toMatchObject({ participants: 0, share: 0 })
      expect(stats.board).toEqual([
        { rank: 1, nickname: '快手', score: 2, timeUsedSeconds: 15 },
        { rank: 2, nickname: '慢慢来', score: 2, timeUsedSeconds: 90 },
        { rank: 3, nickname: '匿名参与者', score: 1, timeUsedSeconds: 6 },
      ])
      expect(response.body).not.toContain('不上榜')
    })
  })
})
