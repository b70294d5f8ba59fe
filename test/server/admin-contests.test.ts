// The staff console's contest routes over HTTP: list, details, edit before start, close early, the
// draw preview, live participation by district, board moderation (the public board follows) and export.
import ExcelJS from 'exceljs'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'

import type { QuizQuestion, Site } from '../../src/core/content/model'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { asStaff, auditEntries, createStaffToken } from './staff-helpers'
import { storages, useApp } from './storage'

const LIWAN = '440103'
const YUEXIU = '440104'
const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE
/** Noon in China: the tests' clock, far from a China date change. */
const NOON_IN_CHINA = Date.parse('2026-11-20T04:00:00Z')
const LIWAN_POPULATION = 1_000_000

type Json = Record<string, unknown>

/** The first sheet's rows, cells as ExcelJS reads them (numbers stay numbers). */
async function sheetRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const rows: unknown[][] = []
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

function contestBody(overrides: Json = {}): Json {
  return {
    title: '2026 年劳动法律知识竞赛',
    startsAt: new Date(NOON_IN_CHINA - DAY).toISOString(),
    endsAt: new Date(NOON_IN_CHINA + 7 * DAY).toISOString(),
    questionCount: 3,
    timeLimitSeconds: 600,
    attemptsPerDay: 2,
    minSecondsPerQuestion: 0,
    drawRule: { kind: 'categories', counts: [{ category: '劳动关系', count: 2 }, { category: '工资支付', count: 1 }] },
    ...overrides,
  }
}

describe.each(storages())('contests in the staff console on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'off' })
  let clock = NOON_IN_CHINA
  let cityToken = ''
  let bank = new Map<string, QuizQuestion>()

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    cityToken = (await createStaffToken(config(), '市局竞赛管理员')).token
    const rows = await app().db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'quiz_question').execute()
    bank = new Map(rows.map((row) => [row.id, JSON.parse(row.data) as QuizQuestion]).filter(([, question]) => (question as QuizQuestion).bank === 'contest') as [string, QuizQuestion][])
    // The site as the bureau might publish it: Liwan with its resident population.
    const site = await app().db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'site').executeTakeFirstOrThrow()
    const data = JSON.parse(site.data) as Site
    data.districts = data.districts.map((district) => (district.code === LIWAN ? { ...district, population: LIWAN_POPULATION } : district))
    await app().db.updateTable('content_items').set({ data: JSON.stringify(data) }).where('id', '=', site.id).execute()
    // The server's clock, moved by the tests.
    jest.spyOn(Date, 'now').mockImplementation(() => clock)
  })
  afterAll(() => {
    jest.restoreAllMocks()
  })
  beforeEach(() => {
    clock = NOON_IN_CHINA
  })

  const staff = (options: InjectOptions) => app().inject(asStaff(cityToken, options))
  const staffJson = (method: 'POST' | 'PUT', url: string, body?: unknown) =>
    staff({ method, url, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }) })

  async function send(method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<LightMyRequestResponse> {
    return app().inject({
      method,
      url,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
  }

  async function createContest(overrides: Json = {}): Promise<string> {
    const response = await staffJson('POST', '/api/v1/admin/contests', contestBody(overrides))
    expect(response.statusCode).toBe(201)
    return (response.json() as { id: string }).id
  }

  /** A resident of `districtCode` takes the contest once, answering every question right. */
  async function takePart(contestId: string, districtCode: string, extra: Json = {}, finish = true): Promise<void> {
    const registered = await send('POST', '/api/v1/quiz/participants', { districtCode, ...extra })
    expect(registered.statusCode).toBe(201)
    const token = (registered.json() as { participantToken: string }).participantToken
    const started = await send('POST', `/api/v1/quiz/contests/${contestId}/attempts`, undefined, token)
    expect(started.statusCode).toBe(201)
    const { attemptId, questions } = started.json() as { attemptId: string; questions: { id: string }[] }
    for (const question of questions) {
      const answer = bank.get(question.id)?.answer ?? []
      expect((await send('POST', `/api/v1/quiz/attempts/${attemptId}/answers`, { questionId: question.id, optionIds: answer }, token)).statusCode).toBe(201)
    }
    if (finish) expect((await send('POST', `/api/v1/quiz/attempts/${attemptId}/finish`, undefined, token)).statusCode).toBe(200)
  }

  it('lists every contest, the latest to start first, with participants and attempts', async () => {
    const past = await createContest({ title: '去年的竞赛', startsAt: new Date(NOON_IN_CHINA - 30 * DAY).toISOString(), endsAt: new Date(NOON_IN_CHINA + MINUTE).toISOString() })
    const running = await createContest({ title: '正在进行的竞赛' })
    const upcoming = await createContest({ title: '下个月的竞赛', startsAt: new Date(NOON_IN_CHINA + 10 * DAY).toISOString(), endsAt: new Date(NOON_IN_CHINA + 20 * DAY).toISOString() })
    await takePart(running, LIWAN)
    await takePart(running, YUEXIU, {}, false)
    clock = NOON_IN_CHINA + 2 * MINUTE
    const response = await staff({ method: 'GET', url: '/api/v1/admin/contests' })
    expect(response.statusCode).toBe(200)
    const items = (response.json() as { items: { id: string; status: string; participants: number; attempts: number; editable: boolean }[] }).items
    const mine = items.filter((item) => [past, running, upcoming].includes(item.id))
    expect(mine.map(({ id, status, participants, attempts, editable }) => ({ id, status, participants, attempts, editable }))).toEqual([
      { id: upcoming, status: 'upcoming', participants: 0, attempts: 0, editable: true },
      { id: running, status: 'open', participants: 2, attempts: 2, editable: false },
      { id: past, status: 'closed', participants: 0, attempts: 0, editable: false },
    ])
    const one = await staff({ method: 'GET', url: `/api/v1/admin/contests/${running}` })
    expect(one.json()).toMatchObject({ id: running, title: '正在进行的竞赛', participants: 2, attempts: 2, closedAt: null })
    const missing = await staff({ method: 'GET', url: '/api/v1/admin/contests/no-such-contest' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.message).toBe('没有找到这场竞赛')
  })

  it('edits a contest before it starts with the same checks as creating it, and refuses after the start', async () => {
    const id = await createContest({ startsAt: new Date(NOON_IN_CHINA + DAY).toISOString() })
    const edited = await staffJson('PUT', `/api/v1/admin/contests/${id}`, contestBody({ title: '改过的名称', startsAt: new Date(NOON_IN_CHINA + 2 * DAY).toISOString(), drawRule: { kind: 'mixed' } }))
    expect(edited.statusCode).toBe(200)
    expect(edited.json()).toMatchObject({ id, title: '改过的名称', status: 'upcoming', drawRule: { kind: 'mixed' }, editable: true })
    const tooMany = await staffJson('PUT', `/api/v1/admin/contests/${id}`, contestBody({ startsAt: new Date(NOON_IN_CHINA + 2 * DAY).toISOString(), questionCount: 100, drawRule: { kind: 'mixed' } }))
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().error.fields).toEqual({ questionCount: expect.stringMatching(/^竞赛题库只有 \d+ 道题，不够抽 100 道$/) })
    const backwards = await staffJson('PUT', `/api/v1/admin/contests/${id}`, contestBody({ startsAt: new Date(NOON_IN_CHINA + 9 * DAY).toISOString() }))
    expect(backwards.json().error.fields).toEqual({ endsAt: '结束时间应晚于开始时间' })
    clock = NOON_IN_CHINA + 2 * DAY
    const late = await staffJson('PUT', `/api/v1/admin/contests/${id}`, contestBody())
    expect(late.statusCode).toBe(409)
    expect(late.json().error).toEqual({ code: 'contest_started', message: '竞赛已经开始，不能再修改；如需调整，可以提前结束后复制一场新的竞赛' })
    const audit = (await auditEntries(app())).filter((entry) => entry.action === 'contest_update')
    expect(audit.map((entry) => JSON.parse(entry.detail).contestId)).toEqual([id])
  })

  it('closes a running contest early: audited, and the public API then treats it as ended', async () => {
    const id = await createContest()
    clock = NOON_IN_CHINA + 5 * MINUTE
    const closed = await staffJson('POST', `/api/v1/admin/contests/${id}/close`)
    expect(closed.statusCode).toBe(200)
    expect(closed.json()).toMatchObject({ status: 'closed', endsAt: new Date(clock).toISOString(), closedAt: new Date(clock).toISOString() })
    const again = await staffJson('POST', `/api/v1/admin/contests/${id}/close`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toBe('竞赛已经结束了')
    const publicList = await send('GET', '/api/v1/quiz/contests')
    expect((publicList.json() as { items: { id: string }[] }).items.map((item) => item.id)).not.toContain(id)
    const registered = await send('POST', '/api/v1/quiz/participants', { districtCode: LIWAN })
    const refused = await send('POST', `/api/v1/quiz/contests/${id}/attempts`, undefined, registered.json().participantToken)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('contest_closed')
    const upcoming = await createContest({ startsAt: new Date(clock + DAY).toISOString() })
    const notYet = await staffJson('POST', `/api/v1/admin/contests/${upcoming}/close`)
    expect(notYet.statusCode).toBe(409)
    expect(notYet.json().error.code).toBe('contest_not_started')
    expect((await auditEntries(app())).filter((entry) => entry.action === 'contest_close').map((entry) => JSON.parse(entry.detail).contestId)).toEqual([id])
  })

  it('previews the draw: each pool with its count, and a sample with answers, from the contest bank', async () => {
    const id = await createContest()
    const response = await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/preview` })
    expect(response.statusCode).toBe(200)
    const preview = response.json() as { pools: { category: string; available: number; needed: number }[]; problems: string[]; sample: { id: string; category: string; answer: string[] }[] }
    const inCategory = (category: string) => [...bank.values()].filter((question) => question.category === category).length
    expect(preview.pools).toEqual([
      { category: '劳动关系', available: inCategory('劳动关系'), needed: 2 },
      { category: '工资支付', available: inCategory('工资支付'), needed: 1 },
    ])
    expect(preview.problems).toEqual([])
    expect(preview.sample.map((question) => question.category).sort()).toEqual(['劳动关系', '劳动关系', '工资支付'].sort())
    for (const question of preview.sample) expect(question.answer).toEqual(bank.get(question.id)?.answer)
  })

  it('counts participation by district live, with the share and the rate per 10,000 residents', async () => {
    const id = await createContest()
    const before = await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/participation` })
    expect(before.json()).toMatchObject({ participants: 0, attempts: 0, status: 'open', updatedAt: new Date(clock).toISOString() })
    await takePart(id, LIWAN)
    await takePart(id, LIWAN)
    await takePart(id, YUEXIU, {}, false)
    const after = (await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/participation` })).json() as { participants: number; attempts: number; districts: Json[] }
    expect(after).toMatchObject({ participants: 3, attempts: 3 })
    expect(after.districts.find((district) => district.code === LIWAN)).toEqual({
      code: LIWAN,
      name: '荔湾区',
      participants: 2,
      attempts: 2,
      finished: 2,
      share: 2 / 3,
      population: LIWAN_POPULATION,
      ratePer10k: 0.02,
    })
    expect(after.districts.find((district) => district.code === YUEXIU)).toMatchObject({ participants: 1, attempts: 1, finished: 0, population: null, ratePer10k: null })
  })

  it('hides a nickname from the public board and shows it again, audited', async () => {
    const id = await createContest()
    await takePart(id, LIWAN, { nickname: '不雅昵称', showOnBoard: true })
    await takePart(id, YUEXIU, { nickname: '越秀小王', showOnBoard: true })
    await takePart(id, YUEXIU, { nickname: '不上榜的人', showOnBoard: false })
    const publicBoard = async () => ((await send('GET', `/api/v1/quiz/contests/${id}/stats`)).json() as { board: { nickname: string; rank: number }[] }).board
    expect((await publicBoard()).map((row) => row.nickname).sort()).toEqual(['不雅昵称', '越秀小王'].sort())
    const board = (await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/board` })).json() as { items: { participantId: string; nickname: string; hidden: boolean; districtName: string }[] }
    expect(board.items.map((row) => row.nickname)).not.toContain('不上榜的人')
    const rude = board.items.find((row) => row.nickname === '不雅昵称')
    if (!rude) throw new Error('the nickname is not on the board')
    expect(rude).toMatchObject({ hidden: false, districtName: '荔湾区' })

    const hidden = await staffJson('PUT', `/api/v1/admin/contests/${id}/board/${rude.participantId}`, { hidden: true })
    expect(hidden.statusCode).toBe(200)
    expect((hidden.json() as { items: { nickname: string; hidden: boolean; rank: number | null }[] }).items.find((row) => row.nickname === '不雅昵称')).toMatchObject({ hidden: true, rank: null })
    expect(await publicBoard()).toEqual([expect.objectContaining({ nickname: '越秀小王', rank: 1 })])

    clock += MINUTE
    const shown = await staffJson('PUT', `/api/v1/admin/contests/${id}/board/${rude.participantId}`, { hidden: false })
    expect(shown.statusCode).toBe(200)
    expect((await publicBoard()).map((row) => row.nickname)).toContain('不雅昵称')
    const actions = (await auditEntries(app())).filter((entry) => entry.action.startsWith('contest_board_'))
    expect(actions.map((entry) => [entry.action, JSON.parse(entry.detail).participantId])).toEqual([
      ['contest_board_hide', rude.participantId],
      ['contest_board_unhide', rude.participantId],
    ])
    const stranger = await staffJson('PUT', `/api/v1/admin/contests/${id}/board/00000000-0000-4000-8000-000000000000`, { hidden: true })
    expect(stranger.statusCode).toBe(404)
    expect(stranger.json().error.message).toBe('这场竞赛的积分榜上没有这位参与者')
  })

  it('exports results (nicknames only where the board shows them) and participation to xlsx, audited', async () => {
    const id = await createContest()
    await takePart(id, LIWAN, { nickname: '荔湾阿明', showOnBoard: true })
    await takePart(id, YUEXIU, { nickname: '悄悄参加', showOnBoard: false })
    const results = await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/export?table=results` })
    expect(results.statusCode).toBe(200)
    expect(results.headers['content-type']).toContain('spreadsheetml')
    expect(results.headers['content-disposition']).toMatch(/^attachment; filename="contest-results-\d{8}\.xlsx"$/)
    const rows = await sheetRows(results.rawPayload)
    expect(rows[0]).toEqual(['榜上名次', '昵称', '区县', '答对题数', '题目数量', '用时（秒）'])
    expect(rows.slice(1).map((row) => row.slice(1, 3)).sort()).toEqual([['荔湾阿明', '荔湾区'], ['（未上榜）', '越秀区']].sort())
    expect(JSON.stringify(rows)).not.toContain('悄悄参加')

    clock += MINUTE
    const participation = await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/export?table=participation` })
    expect(participation.statusCode).toBe(200)
    const lines = await sheetRows(participation.rawPayload)
    expect(lines[0]).toEqual(['区县', '区县代码', '参与人数', '答题次数', '交卷次数', '占比（%）', '常住人口', '每万人参与人数'])
    expect(lines.find((line) => line[1] === LIWAN)).toEqual(['荔湾区', LIWAN, 1, 1, 1, 50, LIWAN_POPULATION, 0.01])
    const bad = await staff({ method: 'GET', url: `/api/v1/admin/contests/${id}/export?table=everything` })
    expect(bad.statusCode).toBe(400)
    const audit = (await auditEntries(app())).filter((entry) => entry.action === 'contest_export').map((entry) => JSON.parse(entry.detail))
    expect(audit).toEqual([
      { contestId: id, contestTitle: '2026 年劳动法律知识竞赛', table: 'results', count: 2 },
      { contestId: id, contestTitle: '2026 年劳动法律知识竞赛', table: 'participation', count: expect.any(Number) },
    ])
  })
})
