import type { InjectOptions, LightMyRequestResponse } from 'fastify'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { ACCEPTANCE_CITATION, INVESTIGATION_CITATION, reportDeadlines } from '../../src/core/tips/deadlines'
import { formatTrackingCode } from '../../src/core/tips/tracking-code'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { RATE_RULES } from '../../server/rate-limit'
import { readHolidayCalendars } from '../../server/content/content.repository'
import { fromDevice, newDeviceId } from './rate-limit-helpers'
import { anonymousTip, complaint, createStaffToken, MOBILE, NAME, RESIDENT_ID, submit, transition } from './staff-helpers'
import { SQLITE, storages, useApp } from './storage'

const NOT_FOUND_BODY = { error: { code: 'tip_not_found', message: '没有找到这份反映，请核对查询码和验证信息' } }

function lookup(code: string, verifier?: string) {
  return {
    method: 'GET' as const,
    url: `/api/v1/tips/${encodeURIComponent(code)}`,
    headers: verifier === undefined ? {} : { 'x-tip-verifier': verifier },
  }
}

/** Everything a client sees, except the Date header (the clock moves between two requests). */
function whole(response: LightMyRequestResponse) {
  const { date: _date, ...headers } = response.headers
  return { statusCode: response.statusCode, headers, body: response.body }
}

/** The code with its check symbol replaced by another: every single wrong symbol is caught. */
function withWrongCheckSymbol(code: string): string {
  const last = code[code.length - 1]
  return `${code.slice(0, -1)}${last === '0' ? '1' : '0'}`
}

describe.each(storages())('GET /api/v1/tips/:code on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  it('shows an anonymous report to its access key, with nothing personal, in any spelling of the key', async () => {
    const post = await app().inject({
      method: 'POST',
      url: '/api/v1/tips',
      headers: { 'content-type': 'application/json', 'idempotency-key': `status-anon-${Date.now()}` },
      payload: JSON.stringify(anonymousTip({ districtCode: '440104' })),
    })
    expect(post.statusCode).toBe(201)
    const { trackingCode, accessKey, deadlines } = post.json()

    const response = await app().inject(lookup(trackingCode, accessKey))
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const body = response.json()
    expect(Object.keys(body).sort()).toEqual([
      'acceptedOn', 'citations', 'deadlines', 'districtCode', 'kind', 'messages', 'outcome', 'rating', 'status', 'submittedAt', 'timeline', 'trackingCode',
    ])
    expect(body).toMatchObject({ trackingCode, kind: 'tip', status: 'submitted', districtCode: '440104', deadlines, acceptedOn: null, rating: null, outcome: null })
    // A 举报 has no acceptance term, and no investigation clock until it is accepted.
    expect(deadlines).toEqual({ acceptBy: null, investigateBy: null, extendedBy: null })
    expect(body.timeline).toEqual([{ status: 'submitted', at: body.submittedAt, note: null }])
    expect(body.citations).toEqual({ acceptance: ACCEPTANCE_CITATION, investigation: INVESTIGATION_CITATION })
    expect(Date.parse(body.submittedAt)).toBeLessThanOrEqual(Date.now())

    // Typed on a phone: lower case, no dashes, full-width spaces around it.
    const typed = await app().inject(lookup(trackingCode.toLowerCase().replace(/-/g, ''), `\u3000${accessKey.toLowerCase().replace(/-/g, ' ')} `))
    expect(typed.statusCode).toBe(200)
    expect(typed.body).toBe(response.body)
  })

  it('shows a named report to the last four digits of its mobile, and never its personal data', async () => {
    const { trackingCode } = await submit(app(), complaint())
    const response = await app().inject(lookup(trackingCode, MOBILE.slice(-4)))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ trackingCode, kind: 'complaint', status: 'submitted', districtCode: '440103' })
    for (const secret of [NAME, MOBILE, RESIDENT_ID, '某某建筑劳务有限公司']) expect(response.body).not.toContain(secret)
  })

  it.each([
    ['with brackets and a dash', '（020）8321-2345', '2345'],
    ['with spaces', '0757 8123 4567', '4567'],
    ['in the international form', '+86 20 8765 4321', '4321'],
  ])('shows a complaint left with a landline %s to the last four digits of that number', async (_label, typed, lastFour) => {
    const { trackingCode } = await submit(app(), complaint({ reporter: { name: NAME, mobile: typed } }))
    const response = await app().inject(lookup(trackingCode, lastFour))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ trackingCode, kind: 'complaint' })
    expect(response.body).not.toContain(typed.replace(/\D/g, '').slice(-8))
    // Not the area code, nor the mobile of the shared fixture.
    for (const wrong of [typed.replace(/\D/g, '').slice(0, 4), MOBILE.slice(-4)]) {
      expect((await app().inject(lookup(trackingCode, wrong))).statusCode).toBe(404)
    }
  })

  it('answers a wrong verifier, an unknown code and a bad check symbol exactly alike', async () => {
    const named = await submit(app(), complaint())
    const anonymous = await submit(app(), anonymousTip())
    const otherAnonymous = await submit(app(), anonymousTip())
    const unknownCode = formatTrackingCode(new Uint8Array(10).fill(7))

    const failures = [
      lookup(named.trackingCode, '0000'),
      lookup(named.trackingCode, MOBILE),
      lookup(named.trackingCode),
      lookup(named.trackingCode, ''),
      lookup(named.trackingCode, otherAnonymous.accessKey),
      lookup(anonymous.trackingCode, otherAnonymous.accessKey),
      lookup(anonymous.trackingCode, MOBILE.slice(-4)),
      lookup(anonymous.trackingCode, withWrongCheckSymbol(anonymous.accessKey!)),
      lookup(unknownCode, MOBILE.slice(-4)),
      lookup(unknownCode, anonymous.accessKey),
      lookup(withWrongCheckSymbol(named.trackingCode), MOBILE.slice(-4)),
      lookup(withWrongCheckSymbol(anonymous.trackingCode), anonymous.accessKey),
      lookup('not a code at all', anonymous.accessKey),
      lookup('x'.repeat(90), 'y'.repeat(500)),
      // The verifier belongs in the header, never in the URL (which ends up in logs).
      { ...lookup(named.trackingCode), url: `/api/v1/tips/${named.trackingCode}?verifier=${MOBILE.slice(-4)}` },
    ]
    const responses = []
    for (const request of failures) responses.push(whole(await app().inject(request)))
    expect(responses[0].statusCode).toBe(404)
    expect(JSON.parse(responses[0].body)).toEqual(NOT_FOUND_BODY)
    for (const response of responses) expect(response).toEqual(responses[0])

    // The right verifiers do work on these very codes.
    expect((await app().inject(lookup(named.trackingCode, MOBILE.slice(-4)))).statusCode).toBe(200)
    expect((await app().inject(lookup(anonymous.trackingCode, anonymous.accessKey))).statusCode).toBe(200)
  })

  it('moves the investigation deadlines to the day the report is accepted', async () => {
    const { token } = await createStaffToken(config(), '荔湾区劳动监察大队', '440103')
    const report = await submit(app(), complaint())
    const before = (await app().inject(lookup(report.trackingCode, MOBILE.slice(-4)))).json()

    expect((await transition(app(), token, report.id, { to: 'accepted' })).statusCode).toBe(200)
    const after = (await app().inject(lookup(report.trackingCode, MOBILE.slice(-4)))).json()

    const today = chinaDateOf(new Date())
    const calendar = workCalendarOf(await readHolidayCalendars(app().db))
    const submittedOn = chinaDateOf(new Date(after.submittedAt))
    expect(after.status).toBe('accepted')
    expect(after.acceptedOn).toBe(today)
    expect(before.acceptedOn).toBeNull()
    expect(after.deadlines).toEqual(reportDeadlines(submittedOn, calendar, today))
    expect(before.deadlines).toEqual(reportDeadlines(submittedOn, calendar))
    // Counting from acceptance (today) rather than the last day allowed for it ends sooner.
    expect(after.deadlines.investigateBy.date < before.deadlines.investigateBy.date).toBe(true)
    expect(after.deadlines.acceptBy).toEqual(before.deadlines.acceptBy)
  })

  it('starts the investigation clock of a 举报 on the day it is accepted', async () => {
    const { token } = await createStaffToken(config(), '荔湾区劳动监察大队三组', '440103')
    const report = await submit(app(), anonymousTip())
    expect((await transition(app(), token, report.id, { to: 'accepted' })).statusCode).toBe(200)
    const body = (await app().inject(lookup(report.trackingCode, report.accessKey))).json()
    const today = chinaDateOf(new Date())
    const calendar = workCalendarOf(await readHolidayCalendars(app().db))
    const all = reportDeadlines(chinaDateOf(new Date(body.submittedAt)), calendar, today)
    expect(body.deadlines).toEqual({ acceptBy: null, investigateBy: all.investigateBy, extendedBy: all.extendedBy })
  })

  it('takes one rating of a closed report from its reporter, and none before', async () => {
    const { token } = await createStaffToken(config(), '荔湾区劳动监察大队四组', '440103')
    const report = await submit(app(), complaint())
    const verifier = MOBILE.slice(-4)
    const rate = (body: Record<string, unknown>, code = report.trackingCode, by = verifier) =>
      app().inject({ method: 'POST', url: `/api/v1/tips/${code}/rating`, headers: { 'x-tip-verifier': by }, payload: body })

    const early = await rate({ rating: 'satisfied' })
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toEqual({ code: 'rating_not_open', message: '这份反映还没有办结，办结后才能评价' })

    for (const to of ['accepted', 'investigating']) expect((await transition(app(), token, report.id, { to })).statusCode).toBe(200)
    expect((await transition(app(), token, report.id, { to: 'closed', noteToReporter: '已责令补发工资。' })).statusCode).toBe(200)

    expect((await rate({ rating: 'satisfied' }, report.trackingCode, '0000')).json()).toEqual(NOT_FOUND_BODY)
    expect((await rate({ rating: 'great' })).statusCode).toBe(400)
    const tooLong = await rate({ rating: 'satisfied', comment: '好'.repeat(301) })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().error.fields).toEqual({ comment: '评价的话请不超过300个字' })

    const given = await rate({ rating: 'basically_satisfied', comment: ' 工资拿到了，就是慢了点 ' })
    expect(given.statusCode).toBe(200)
    expect(given.json()).toMatchObject({ value: 'basically_satisfied', comment: '工资拿到了，就是慢了点' })
    const again = await rate({ rating: 'dissatisfied' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('already_rated')

    const view = (await app().inject(lookup(report.trackingCode, verifier))).json()
    expect(view.rating).toEqual(given.json())
    expect(view.deadlines.acceptBy).not.toBeNull()

    const detail = (await app().inject({ method: 'GET', url: `/api/v1/admin/tips/${report.id}`, headers: { authorization: `Bearer ${token}` } })).json()
    expect(detail.rating).toEqual(given.json())
  })

  it('shows each change with its note for the reporter, and never the internal note', async () => {
    const { token } = await createStaffToken(config(), '荔湾区劳动监察大队二组', '440103')
    const report = await submit(app(), anonymousTip())
    const internal = '内部备注：老板电话 13912345678，周三约谈'
    expect((await transition(app(), token, report.id, { to: 'accepted', internalNote: internal })).statusCode).toBe(200)
    expect((await transition(app(), token, report.id, { to: 'investigating', internalNote: internal })).statusCode).toBe(200)
    expect((await transition(app(), token, report.id, { to: 'closed', noteToReporter: '用人单位已补发全部工资。', internalNote: internal })).statusCode).toBe(200)

    const response = await app().inject(lookup(report.trackingCode, report.accessKey))
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.status).toBe('closed')
    expect(body.timeline.map((entry: { status: string; note: string | null }) => [entry.status, entry.note])).toEqual([
      ['submitted', null],
      ['accepted', null],
      ['investigating', null],
      ['closed', '用人单位已补发全部工资。'],
    ])
    const times = body.timeline.map((entry: { at: string }) => Date.parse(entry.at))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(response.body).not.toContain('内部备注')
    expect(response.body).not.toContain('13912345678')
    expect(response.body).not.toContain('荔湾区劳动监察大队二组')
  })
})

describe('GET /api/v1/tips/:code rate limit', () => {
  const { app } = useApp(SQLITE)

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  it('counts every lookup of a device, found or not, and answers 429 past the limit, even to the right verifier', async () => {
    const { trackingCode } = await submit(app(), complaint())
    const { limit } = RATE_RULES.lookups
    const device = newDeviceId()
    // Codes no report has, a different one each time (one code's failed verifiers have a limit of their own).
    for (let index = 0; index < limit - 1; index += 1) {
      expect((await app().inject(fromDevice(lookup(formatTrackingCode(new Uint8Array(10).fill(index)), MOBILE.slice(-4)), device))).statusCode).toBe(404)
    }
    expect((await app().inject(fromDevice(lookup(trackingCode, MOBILE.slice(-4)), device))).statusCode).toBe(200)
    const limited = await app().inject(fromDevice(lookup(trackingCode, MOBILE.slice(-4)), device))
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toMatch(/^\d+$/)
    expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^查询进度太频繁了，请 \d+ (秒|分钟)后再试$/) } })
  })
})

describe.each(storages())('failed verifiers of one tracking code on $name', (storage) => {
  const { app } = useApp(storage)
  const LOCKED = /^这个查询码的验证信息输错太多次了，为保护反映人的信息，请 \d+ 分钟后再试$/
  let client = 0

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  /** The request from a device and address of its own, as a script rotating both would send it. */
  function fromSomeoneElse<T extends InjectOptions>(request: T): T {
    client += 1
    return { ...fromDevice(request, newDeviceId()), remoteAddress: `10.1.${Math.floor(client / 250)}.${(client % 250) + 1}` }
  }

  const messages = (code: string, verifier: string) => ({ method: 'GET' as const, url: `/api/v1/tips/${code}/messages`, headers: { 'x-tip-verifier': verifier } })
  const rating = (code: string, verifier: string) => ({
    method: 'POST' as const,
    url: `/api/v1/tips/${code}/rating`,
    headers: { 'x-tip-verifier': verifier, 'content-type': 'application/json' },
    payload: JSON.stringify({ rating: 'satisfied' }),
  })

  it('refuses the code after its limit of wrong verifiers, the right one too, with Retry-After, while another code goes on', async () => {
    const { limit } = RATE_RULES.verifierFailures
    const target = await submit(app(), complaint())
    const other = await submit(app(), complaint())
    const device = newDeviceId()
    for (let index = 0; index < limit; index += 1) {
      expect((await app().inject(fromDevice(lookup(target.trackingCode, String(2000 + index)), device))).statusCode).toBe(404)
    }
    const refused = await app().inject(fromDevice(lookup(target.trackingCode, String(2000 + limit)), device))
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50 * 60)
    expect(refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(LOCKED) } })
    expect(refused.json().error.message).toMatch(/请 60 分钟后再试$/)
    // Locked means locked: the reporter's own verifier waits out the hour as well.
    const rightOne = await app().inject(fromSomeoneElse(lookup(target.trackingCode, MOBILE.slice(-4))))
    expect(rightOne.statusCode).toBe(429)
    expect(rightOne.json().error.message).toMatch(LOCKED)

    // Another report, from the very same device, is untouched: wrong is 404, right is 200.
    expect((await app().inject(fromDevice(lookup(other.trackingCode, '0000'), device))).statusCode).toBe(404)
    expect((await app().inject(fromDevice(lookup(other.trackingCode, MOBILE.slice(-4)), device))).statusCode).toBe(200)
  })

  it('counts wrong verifiers for the code whatever device, address, route or spelling of the code they come with', async () => {
    const { limit } = RATE_RULES.verifierFailures
    const { trackingCode } = await submit(app(), complaint())
    const spellings = [trackingCode, trackingCode.toLowerCase(), trackingCode.replace(/-/g, '')]
    const routes = [lookup, messages, rating]
    for (let index = 0; index < limit; index += 1) {
      const request = routes[index % routes.length](spellings[index % spellings.length], String(3000 + index))
      expect((await app().inject(fromSomeoneElse(request))).statusCode).toBe(404)
    }
    for (const request of [lookup(trackingCode, MOBILE.slice(-4)), messages(trackingCode.toLowerCase(), MOBILE.slice(-4)), rating(trackingCode, '9999')]) {
      const refused = await app().inject(fromSomeoneElse(request))
      expect(refused.statusCode).toBe(429)
      expect(refused.headers['retry-after']).toMatch(/^\d+$/)
      expect(refused.json().error.message).toMatch(LOCKED)
    }
  })

  it('locks a code no report has exactly as it locks a real one, so a lock tells nothing', async () => {
    const { limit } = RATE_RULES.verifierFailures
    const unknown = formatTrackingCode(new Uint8Array(10).fill(201))
    for (let index = 0; index < limit; index += 1) expect((await app().inject(fromSomeoneElse(lookup(unknown, String(4000 + index))))).statusCode).toBe(404)
    const refused = await app().inject(fromSomeoneElse(lookup(unknown, MOBILE.slice(-4))))
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.message).toMatch(LOCKED)
  })
})
