// Every staff route, signed in with an account of each role: what an inspector of one district
// sees of another district (nothing), and what each role may do at all.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

import { chinaDateOf } from '../../../src/core/calendar/working-days'
import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import { jpegWithGps } from '../../support/image-samples'
import { asSession, auditEntries, complaint, createStaffAccount, enrol, submit, type NewAccount, type Submitted } from '../staff-helpers'
import { storages, useApp } from '../storage'

const LIWAN = '440103'
const YUEXIU = '440104'
const DAY = 24 * 60 * 60 * 1000
const YUEXIU_EMPLOYER = '越秀某某餐饮管理有限公司'

/** `METHOD /path` of every route the app serves, from Fastify's own listing (HEAD left out). */
function routesOf(app: FastifyInstance): string[] {
  const stack: string[] = []
  const routes: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!match) continue
    const depth = match[1].length / 4
    const path = depth === 0 ? match[2] : stack[depth - 1] + match[2]
    stack.length = depth
    stack.push(path)
    for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path}`)
  }
  return routes
}

async function uploadPhoto(app: FastifyInstance): Promise<string> {
  const boundary = 'pufaScopingTestBoundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    Buffer.from(jpegWithGps().file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
  if (response.statusCode !== 201) throw new Error(`upload answered ${response.statusCode}`)
  return response.json().uploadId
}

function contestBody(): Record<string, unknown> {
  return {
    title: '劳动法律知识竞赛',
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
    questionCount: 3,
    timeLimitSeconds: 600,
    attemptsPerDay: 2,
    minSecondsPerQuestion: 5,
    drawRule: { kind: 'mixed' },
  }
}

describe.each(storages())('staff routes by role and district, signed in, on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  const cookies = new Map<string, string>()
  const ids = new Map<string, string>()
  let liwanReport: Submitted
  let yuexiuReport: Submitted
  let yuexiuPhoto: string
  let feedbackId: string
  let runningContest: string
  let upcomingContest: string
  let boardParticipant: string

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    const accounts: NewAccount[] = [
      { name: '陈小明', login: 'liwan.inspector', role: 'inspector', district: LIWAN },
      { name: '欧阳敏', login: 'yuexiu.inspector', role: 'inspector', district: YUEXIU },
      { name: '王督导', login: 'supervisor', role: 'supervisor' },
      { name: '刘组织', login: 'organiser', role: 'organiser' },
      { name: '孙审计', login: 'auditor', role: 'auditor' },
    ]
    for (const account of accounts) {
      const created = await createStaffAccount(config(), account)
      cookies.set(account.login, (await enrol(app(), created.enrolmentCode)).cookie)
      ids.set(account.login, created.id)
    }
    liwanReport = await submit(app(), complaint({ districtCode: LIWAN, evidenceIds: [await uploadPhoto(app())] }))
    yuexiuPhoto = await uploadPhoto(app())
    yuexiuReport = await submit(app(), complaint({ districtCode: YUEXIU, employer: { ...(complaint().employer as object), name: YUEXIU_EMPLOYER }, evidenceIds: [yuexiuPhoto] }))
    const feedback = await app().inject(json('POST', '/api/v1/feedback', { kind: 'complaint', content: '办事窗口排队太久了', contact: '13812345678' }))
    feedbackId = feedback.json().id
    // Contests: one running with a participant on the board, one not started yet.
    const created = async (body: Record<string, unknown>) => (await as('supervisor', json('POST', '/api/v1/admin/contests', body))).json().id as string
    runningContest = await created(contestBody())
    upcomingContest = await created({ ...contestBody(), startsAt: new Date(Date.now() + DAY).toISOString() })
    boardParticipant = await onBoard(runningContest)
  })

  const as = (login: string, options: InjectOptions): Promise<LightMyRequestResponse> => {
    const cookie = cookies.get(login)
    if (cookie === undefined) throw new Error(`no session for ${login}`)
    return app().inject(asSession(cookie, options))
  }
  const json = (method: 'POST' | 'PUT', url: string, body: unknown): InjectOptions => ({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })

  /** A resident takes the contest with a nickname on the board; their participant id. */
  async function onBoard(contestId: string): Promise<string> {
    const registered = await app().inject(json('POST', '/api/v1/quiz/participants', { districtCode: LIWAN, nickname: '荔湾阿明', showOnBoard: true }))
    const token = registered.json().participantToken as string
    const auth = { authorization: `Bearer ${token}` }
    const started = await app().inject({ method: 'POST', url: `/api/v1/quiz/contests/${contestId}/attempts`, headers: auth })
    await app().inject({ method: 'POST', url: `/api/v1/quiz/attempts/${started.json().attemptId}/finish`, headers: auth })
    const participant = await app().db.selectFrom('quiz_participants').select('id').where('nickname', '=', '荔湾阿明').executeTakeFirstOrThrow()
    return participant.id
  }

  /** The answer each account gets from a route, in the order the accounts ask (see below). */
  interface Answers {
    'liwan.inspector': number
    auditor: number
    organiser: number
    'yuexiu.inspector': number
    supervisor: number
  }
  const answers = (auditor: number, organiser: number, liwan: number, yuexiu: number, supervisor: number): Answers => ({
    auditor,
    organiser,
    'liwan.inspector': liwan,
    'yuexiu.inspector': yuexiu,
    supervisor,
  })

  /**
   * Each staff route, asked by `login` about Yuexiu's report (where a route names one), with what
   * each account gets: answers(auditor, organiser, Liwan's inspector, Yuexiu's inspector, supervisor).
   */
  const ROUTES: Record<string, { ask: (login: string) => Promise<LightMyRequestResponse>; expected: Answers }> = {
    'GET /api/v1/admin/tips': { ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/tips' }), expected: answers(403, 403, 200, 200, 200) },
    'GET /api/v1/admin/tips/export': {
      ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/tips/export?format=csv' }),
      expected: answers(403, 403, 200, 200, 200),
    },
    'GET /api/v1/admin/tips/:id': { ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/tips/${yuexiuReport.id}` }), expected: answers(403, 403, 404, 200, 200) },
    'GET /api/v1/admin/tips/:id/evidence/:uploadId': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/tips/${yuexiuReport.id}/evidence/${yuexiuPhoto}` }),
      expected: answers(403, 403, 404, 200, 200),
    },
    'POST /api/v1/admin/tips/:id/reveal': {
      ask: (login) => as(login, json('POST', `/api/v1/admin/tips/${yuexiuReport.id}/reveal`, { reason: '电话核实情况' })),
      expected: answers(403, 403, 404, 200, 200),
    },
    'POST /api/v1/admin/tips/:id/notes': {
      ask: (login) => as(login, json('POST', `/api/v1/admin/tips/${yuexiuReport.id}/notes`, { body: '已电话联系用人单位' })),
      expected: answers(403, 403, 404, 201, 201),
    },
    // Yuexiu's inspector rejects the report, after which the supervisor may no longer (409).
    'POST /api/v1/admin/tips/:id/actions': {
      ask: (login) => as(login, json('POST', `/api/v1/admin/tips/${yuexiuReport.id}/actions`, { action: 'reject', reason: '不属于本机关管辖' })),
      expected: answers(403, 403, 404, 200, 409),
    },
    'GET /api/v1/admin/tips/:id/messages': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/tips/${yuexiuReport.id}/messages` }),
      expected: answers(403, 403, 404, 200, 200),
    },
    'POST /api/v1/admin/tips/:id/messages': {
      ask: (login) => as(login, json('POST', `/api/v1/admin/tips/${yuexiuReport.id}/messages`, { kind: 'question', body: '请问您在哪个工地干活？' })),
      expected: answers(403, 403, 404, 201, 201),
    },
    'GET /api/v1/admin/audit': { ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/audit' }), expected: answers(200, 403, 403, 403, 200) },
    'GET /api/v1/admin/audit/export': {
      ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/audit/export?format=csv' }),
      expected: answers(200, 403, 403, 403, 200),
    },
    'GET /api/v1/admin/staff-directory': {
      ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/staff-directory' }),
      expected: answers(200, 403, 200, 200, 200),
    },
    'POST /api/v1/admin/contests': { ask: (login) => as(login, json('POST', '/api/v1/admin/contests', contestBody())), expected: answers(403, 201, 403, 403, 201) },
    'GET /api/v1/admin/feedback': { ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/feedback' }), expected: answers(403, 200, 403, 403, 200) },
    'GET /api/v1/admin/feedback/export': {
      ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/feedback/export?format=csv' }),
      expected: answers(403, 200, 403, 403, 200),
    },
    'POST /api/v1/admin/feedback/:id/status': {
      ask: (login) => as(login, json('POST', `/api/v1/admin/feedback/${feedbackId}/status`, { status: 'handled', note: '已答复' })),
      expected: answers(403, 200, 403, 403, 200),
    },
    'GET /api/v1/admin/question-bank': { ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/question-bank' }), expected: answers(403, 200, 403, 403, 200) },
    'GET /api/v1/admin/contests': { ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/contests' }), expected: answers(403, 200, 403, 403, 200) },
    'GET /api/v1/admin/contests/:id': { ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/contests/${runningContest}` }), expected: answers(403, 200, 403, 403, 200) },
    'PUT /api/v1/admin/contests/:id': {
      ask: (login) => as(login, json('PUT', `/api/v1/admin/contests/${upcomingContest}`, { ...contestBody(), startsAt: new Date(Date.now() + 2 * DAY).toISOString() })),
      expected: answers(403, 200, 403, 403, 200),
    },
    'GET /api/v1/admin/contests/:id/preview': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/contests/${runningContest}/preview` }),
      expected: answers(403, 200, 403, 403, 200),
    },
    'GET /api/v1/admin/contests/:id/participation': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/contests/${runningContest}/participation` }),
      expected: answers(403, 200, 403, 403, 200),
    },
    'GET /api/v1/admin/contests/:id/board': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/contests/${runningContest}/board` }),
      expected: answers(403, 200, 403, 403, 200),
    },
    'PUT /api/v1/admin/contests/:id/board/:participantId': {
      ask: (login) => as(login, json('PUT', `/api/v1/admin/contests/${runningContest}/board/${boardParticipant}`, { hidden: true })),
      expected: answers(403, 200, 403, 403, 200),
    },
    'GET /api/v1/admin/contests/:id/export': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/contests/${runningContest}/export?table=results` }),
      expected: answers(403, 200, 403, 403, 200),
    },
    // The organiser closes it early, after which the supervisor finds it closed (409).
    'POST /api/v1/admin/contests/:id/close': {
      ask: (login) => as(login, json('POST', `/api/v1/admin/contests/${runningContest}/close`, {})),
      expected: answers(403, 200, 403, 403, 409),
    },
    'GET /api/v1/admin/content-sources': {
      ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/content-sources' }),
      expected: answers(403, 200, 403, 403, 200),
    },
    // No source is configured here (the sample feed is not one): the organisers are told so.
    'POST /api/v1/admin/content-sources/ingest': {
      ask: (login) => as(login, json('POST', '/api/v1/admin/content-sources/ingest', { name: 'assets/feed/sample-policies.json' })),
      expected: answers(403, 404, 403, 403, 404),
    },
    'GET /api/v1/admin/explainers': { ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/explainers?q=${encodeURIComponent('工资')}` }), expected: answers(403, 200, 403, 403, 200) },
    'GET /api/v1/admin/explainers/:id': {
      ask: (login) => as(login, { method: 'GET', url: '/api/v1/admin/explainers/policy-wage-payment-on-time' }),
      expected: answers(403, 200, 403, 403, 200),
    },
    // Yuexiu's figures: counts only, an inspector's confined to their own district.
    'GET /api/v1/admin/figures': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/figures?from=2026-01-01&to=2026-12-31&district=${YUEXIU}` }),
      expected: answers(403, 403, 403, 200, 200),
    },
    'GET /api/v1/admin/figures/export': {
      ask: (login) => as(login, { method: 'GET', url: `/api/v1/admin/figures/export?from=2026-01-01&to=2026-12-31&district=${YUEXIU}` }),
      expected: answers(403, 403, 403, 200, 200),
    },
  }

  it('has a case here for every staff route the service serves', () => {
    const staffRoutes = routesOf(app()).filter((route) => route.split(' ')[1].startsWith('/api/v1/admin'))
    expect(staffRoutes.sort()).toEqual(Object.keys(ROUTES).sort())
  })

  it("shows an inspector nothing of another district's reports, on every route", async () => {
    const got: Record<string, number> = {}
    for (const [route, { ask }] of Object.entries(ROUTES)) {
      const response = await ask('liwan.inspector')
      got[route] = response.statusCode
      expect(response.body).not.toContain(yuexiuReport.id)
      expect(response.body).not.toContain(YUEXIU_EMPLOYER)
      expect(response.body).not.toContain(yuexiuReport.trackingCode)
    }
    expect(got).toEqual(Object.fromEntries(Object.entries(ROUTES).map(([route, { expected }]) => [route, expected['liwan.inspector']])))
    const list = await as('liwan.inspector', { method: 'GET', url: '/api/v1/admin/tips' })
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(liwanReport.id)
    for (const url of [`/api/v1/admin/tips?district=${YUEXIU}`, `/api/v1/admin/tips/export?format=csv&district=${YUEXIU}`]) {
      expect((await as('liwan.inspector', { method: 'GET', url })).statusCode).toBe(403)
    }
    const untouched = await app().db.selectFrom('tips').select('status').where('id', '=', yuexiuReport.id).executeTakeFirstOrThrow()
    expect(untouched.status).toBe('submitted')
    expect(await app().db.selectFrom('tip_notes').select('id').where('tip_id', '=', yuexiuReport.id).execute()).toEqual([])
    // Nor does searching by its tracking code or its employer find it, nor a duplicate link to it.
    for (const q of [yuexiuReport.trackingCode, yuexiuReport.trackingCode.replace(/-/g, '').toLowerCase(), YUEXIU_EMPLOYER]) {
      const search = await as('liwan.inspector', { method: 'GET', url: `/api/v1/admin/tips?q=${encodeURIComponent(q)}` })
      expect(search.json()).toMatchObject({ items: [], total: 0 })
    }
    const link = await as('liwan.inspector', json('POST', `/api/v1/admin/tips/${liwanReport.id}/actions`, { action: 'link_duplicate', of: yuexiuReport.id }))
    expect(link.statusCode).toBe(400)
    expect(link.body).not.toContain(yuexiuReport.trackingCode)
    const directory = await as('liwan.inspector', { method: 'GET', url: '/api/v1/admin/staff-directory' })
    expect(directory.json().map((person: { name: string }) => person.name)).not.toContain('欧阳敏')
    expect(await app().db.selectFrom('tip_messages').select('id').where('tip_id', '=', yuexiuReport.id).execute()).toEqual([])
  })

  it('lets each role do what its role allows, and nothing else', async () => {
    const logins = ['auditor', 'organiser', 'yuexiu.inspector', 'supervisor'] as const
    const got: Record<string, Record<string, number>> = {}
    for (const login of logins) {
      got[login] = {}
      for (const [route, { ask }] of Object.entries(ROUTES)) {
        const response = await ask(login)
        got[login][route] = response.statusCode
        if (response.statusCode === 403) expect(response.json().error).toEqual({ code: 'forbidden', message: expect.stringMatching(/[\u4e00-\u9fff]/) })
      }
    }
    const expected = Object.fromEntries(logins.map((login) => [login, Object.fromEntries(Object.entries(ROUTES).map(([route, { expected }]) => [route, expected[login]]))]))
    expect(got).toEqual(expected)
    const supervisorList = await as('supervisor', { method: 'GET', url: '/api/v1/admin/tips' })
    expect(supervisorList.json().items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([liwanReport.id, yuexiuReport.id]))
  })

  it("records an account's actions under its id, named in the audit log", async () => {
    const inspector = ids.get('liwan.inspector')
    const moved = await as('liwan.inspector', json('POST', `/api/v1/admin/tips/${liwanReport.id}/actions`, { action: 'accept', filedOn: chinaDateOf(new Date()) }))
    expect(moved.statusCode).toBe(200)
    const event = await app().db.selectFrom('tip_events').select('staff_id').where('tip_id', '=', liwanReport.id).executeTakeFirstOrThrow()
    expect(event.staff_id).toBe(inspector)
    const entry = (await auditEntries(app())).filter((row) => row.tip_id === liwanReport.id && row.action === 'action').pop()
    expect(entry?.staff_id).toBe(inspector)
    const audit = await as('auditor', { method: 'GET', url: `/api/v1/admin/audit?tipId=${liwanReport.id}&action=action` })
    expect(audit.json().items).toEqual([expect.objectContaining({ action: 'action', tipId: liwanReport.id, staffId: inspector, staffName: '陈小明' })])
  })
})
