// Every staff route, signed in with an account of each role: what an inspector of one district
// sees of another district (nothing), and what each role may do at all.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import { jpegWithGps } from '../../core/tips/image-samples'
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
  })

  const as = (login: string, options: InjectOptions): Promise<LightMyRequestResponse> => {
    const cookie = cookies.get(login)
    if (cookie === undefined) throw new Error(`no session for ${login}`)
    return app().inject(asSession(cookie, options))
  }
  const json = (method: 'POST', url: string, body: unknown): InjectOptions => ({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })

  /** Each staff route, asked by `login` about Yuexiu's report (where a route names one). */
  const ROUTES: Record<string, (login: string) => Promise<LightMyRequestResponse>> = {
    'GET /api/v1/admin/tips': (login) => as(login, { method: 'GET', url: '/api/v1/admin/tips' }),
    'GET /api/v1/admin/tips.csv': (login) => as(login, { method: 'GET', url: '/api/v1/admin/tips.csv' }),
    'GET /api/v1/admin/tips/:id': (login) => as(login, { method: 'GET', url: `/api/v1/admin/tips/${yuexiuReport.id}` }),
    'GET /api/v1/admin/tips/:id/evidence/:uploadId': (login) => as(login, { method: 'GET', url: `/api/v1/admin/tips/${yuexiuReport.id}/evidence/${yuexiuPhoto}` }),
    'POST /api/v1/admin/tips/:id/transitions': (login) => as(login, json('POST', `/api/v1/admin/tips/${yuexiuReport.id}/transitions`, { to: 'rejected', noteToReporter: '不属于本机关管辖' })),
    'GET /api/v1/admin/tips/:id/messages': (login) => as(login, { method: 'GET', url: `/api/v1/admin/tips/${yuexiuReport.id}/messages` }),
    'POST /api/v1/admin/tips/:id/messages': (login) => as(login, json('POST', `/api/v1/admin/tips/${yuexiuReport.id}/messages`, { kind: 'question', body: '请问您在哪个工地干活？' })),
    'GET /api/v1/admin/audit': (login) => as(login, { method: 'GET', url: '/api/v1/admin/audit' }),
    'POST /api/v1/admin/contests': (login) => as(login, json('POST', '/api/v1/admin/contests', contestBody())),
  }

  it('has a case here for every staff route the service serves', () => {
    const staffRoutes = routesOf(app()).filter((route) => route.split(' ')[1].startsWith('/api/v1/admin'))
    expect(staffRoutes.sort()).toEqual(Object.keys(ROUTES).sort())
  })

  it("shows an inspector nothing of another district's reports, on every route", async () => {
    const answers: Record<string, number> = {}
    for (const [route, ask] of Object.entries(ROUTES)) {
      const response = await ask('liwan.inspector')
      answers[route] = response.statusCode
      expect(response.body).not.toContain(yuexiuReport.id)
      expect(response.body).not.toContain(YUEXIU_EMPLOYER)
      expect(response.body).not.toContain(yuexiuReport.trackingCode)
    }
    expect(answers).toEqual({
      'GET /api/v1/admin/tips': 200,
      'GET /api/v1/admin/tips.csv': 200,
      'GET /api/v1/admin/tips/:id': 404,
      'GET /api/v1/admin/tips/:id/evidence/:uploadId': 404,
      'POST /api/v1/admin/tips/:id/transitions': 404,
      'GET /api/v1/admin/tips/:id/messages': 404,
      'POST /api/v1/admin/tips/:id/messages': 404,
      'GET /api/v1/admin/audit': 403,
      'POST /api/v1/admin/contests': 403,
    })
    const list = await as('liwan.inspector', { method: 'GET', url: '/api/v1/admin/tips' })
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(liwanReport.id)
    for (const url of [`/api/v1/admin/tips?district=${YUEXIU}`, `/api/v1/admin/tips.csv?district=${YUEXIU}`]) {
      expect((await as('liwan.inspector', { method: 'GET', url })).statusCode).toBe(403)
    }
    const untouched = await app().db.selectFrom('tips').select('status').where('id', '=', yuexiuReport.id).executeTakeFirstOrThrow()
    expect(untouched.status).toBe('submitted')
    expect(await app().db.selectFrom('tip_messages').select('id').where('tip_id', '=', yuexiuReport.id).execute()).toEqual([])
  })

  it('lets each role do what its role allows, and nothing else', async () => {
    const table: Record<string, Record<string, number>> = {}
    for (const login of ['auditor', 'organiser', 'yuexiu.inspector', 'supervisor']) {
      table[login] = {}
      for (const [route, ask] of Object.entries(ROUTES)) {
        const response = await ask(login)
        table[login][route] = response.statusCode
        if (response.statusCode === 403) expect(response.json().error).toEqual({ code: 'forbidden', message: expect.stringMatching(/[\u4e00-\u9fff]/) })
      }
    }
    // In this order, the one inspector of Yuexiu rejects its report, after which the supervisor may no longer.
    expect(table).toEqual({
      auditor: {
        'GET /api/v1/admin/tips': 403,
        'GET /api/v1/admin/tips.csv': 403,
        'GET /api/v1/admin/tips/:id': 403,
        'GET /api/v1/admin/tips/:id/evidence/:uploadId': 403,
        'POST /api/v1/admin/tips/:id/transitions': 403,
        'GET /api/v1/admin/tips/:id/messages': 403,
        'POST /api/v1/admin/tips/:id/messages': 403,
        'GET /api/v1/admin/audit': 200,
        'POST /api/v1/admin/contests': 403,
      },
      organiser: {
        'GET /api/v1/admin/tips': 403,
        'GET /api/v1/admin/tips.csv': 403,
        'GET /api/v1/admin/tips/:id': 403,
        'GET /api/v1/admin/tips/:id/evidence/:uploadId': 403,
        'POST /api/v1/admin/tips/:id/transitions': 403,
        'GET /api/v1/admin/tips/:id/messages': 403,
        'POST /api/v1/admin/tips/:id/messages': 403,
        'GET /api/v1/admin/audit': 403,
        'POST /api/v1/admin/contests': 201,
      },
      'yuexiu.inspector': {
        'GET /api/v1/admin/tips': 200,
        'GET /api/v1/admin/tips.csv': 200,
        'GET /api/v1/admin/tips/:id': 200,
        'GET /api/v1/admin/tips/:id/evidence/:uploadId': 200,
        'POST /api/v1/admin/tips/:id/transitions': 200,
        'GET /api/v1/admin/tips/:id/messages': 200,
        'POST /api/v1/admin/tips/:id/messages': 201,
        'GET /api/v1/admin/audit': 403,
        'POST /api/v1/admin/contests': 403,
      },
      supervisor: {
        'GET /api/v1/admin/tips': 200,
        'GET /api/v1/admin/tips.csv': 200,
        'GET /api/v1/admin/tips/:id': 200,
        'GET /api/v1/admin/tips/:id/evidence/:uploadId': 200,
        'POST /api/v1/admin/tips/:id/transitions': 409,
        'GET /api/v1/admin/tips/:id/messages': 200,
        'POST /api/v1/admin/tips/:id/messages': 201,
        'GET /api/v1/admin/audit': 200,
        'POST /api/v1/admin/contests': 201,
      },
    })
    const supervisorList = await as('supervisor', { method: 'GET', url: '/api/v1/admin/tips' })
    expect(supervisorList.json().items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([liwanReport.id, yuexiuReport.id]))
  })

  it("records an account's actions under its id, named in the audit log", async () => {
    const inspector = ids.get('liwan.inspector')
    const moved = await as('liwan.inspector', json('POST', `/api/v1/admin/tips/${liwanReport.id}/transitions`, { to: 'accepted' }))
    expect(moved.statusCode).toBe(200)
    const event = await app().db.selectFrom('tip_events').select('staff_id').where('tip_id', '=', liwanReport.id).executeTakeFirstOrThrow()
    expect(event.staff_id).toBe(inspector)
    const entry = (await auditEntries(app())).filter((row) => row.tip_id === liwanReport.id && row.action === 'transition').pop()
    expect(entry?.staff_id).toBe(inspector)
    const audit = await as('auditor', { method: 'GET', url: '/api/v1/admin/audit?limit=100' })
    expect(audit.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'transition', tipId: liwanReport.id, staffId: inspector, staffName: '陈小明' })]))
  })
})
