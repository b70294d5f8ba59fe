// Passwords, authenticator codes and secrets, enrolment codes and session ids go nowhere but where
// they must: not into a log line, even at trace level, and not into the audit log.
import type { FastifyInstance } from 'fastify'

import { migrate } from '../../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import { createServer } from '../../../server/server'
import { totpAt } from '../../../server/staff-auth/totp'
import { actionTo, asSession, auditEntries, complaint, createStaffAccount, postJson, sessionCookieOf, signInRequest, STAFF_PASSWORD, submit } from '../staff-helpers'
import { SQLITE, useStorage } from '../storage'

const WEAK_PASSWORD = 'Password2024!'
const SECOND_PASSWORD = 'Harbour lights over Pearl River 9'

describe('staff sign-in in the logs', () => {
  const { config } = useStorage(SQLITE, { TRUST_PROXY: 'true', RATE_LIMITS: 'false' })
  const lines: string[] = []
  const secrets: string[] = []
  let app: FastifyInstance

  beforeAll(async () => {
    app = await createServer(config(), { logger: { level: 'trace', destination: { write: (line) => lines.push(line) } } })
    await app.ready()
    await migrate(app.db)
    await loadSampleContentIfEmpty(app.db)

    const account = await createStaffAccount(config(), { name: '陈小明', login: 'chenxm', role: 'inspector', district: '440103' })
    const url = `/api/v1/staff/enrolment/${account.enrolmentCode}`
    const { secret } = (await app.inject({ method: 'GET', url })).json()
    const enrolCode = totpAt(secret, Date.now())
    await app.inject(postJson(url, { password: WEAK_PASSWORD, code: enrolCode }))
    const enrolled = await app.inject(postJson(url, { password: STAFF_PASSWORD, code: enrolCode }))
    const firstCookie = sessionCookieOf(enrolled)!

    // A password typed into the login box, and a wrong one with a code of the future.
    const later = totpAt(secret, Date.now() + 30_000)
    await app.inject(signInRequest(SECOND_PASSWORD, STAFF_PASSWORD, later))
    await app.inject(signInRequest('chenxm', SECOND_PASSWORD, later))
    const signedIn = await app.inject(signInRequest('chenxm', STAFF_PASSWORD, later))
    const cookie = sessionCookieOf(signedIn)!

    const report = await submit(app, complaint({ districtCode: '440103' }))
    await app.inject(asSession(cookie, { method: 'GET', url: '/api/v1/admin/tips' }))
    await app.inject(asSession(cookie, { method: 'POST', url: `/api/v1/admin/tips/${report.id}/actions`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(actionTo('accepted')) }))
    await app.inject({ method: 'DELETE', url: '/api/v1/staff/session', headers: { cookie: `pufa_staff=${cookie}`, origin: 'https://evil.example' } })
    await app.inject(asSession(cookie, { method: 'DELETE', url: '/api/v1/staff/sessions' }))
    await app.inject(asSession(firstCookie, { method: 'GET', url: '/api/v1/staff/session' }))

    secrets.push(STAFF_PASSWORD, WEAK_PASSWORD, SECOND_PASSWORD, secret, enrolCode, later, firstCookie, cookie, account.enrolmentCode, account.enrolmentCode.replace(/-/g, ''))
  })
  afterAll(() => app.close())

  it('logs the requests, at trace level too', () => {
    const paths = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request').map((entry) => `${entry.method} ${entry.path} ${entry.statusCode}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /api/v1/staff/enrolment/:code 200',
        'POST /api/v1/staff/enrolment/:code 400',
        'POST /api/v1/staff/enrolment/:code 200',
        'POST /api/v1/staff/session 401',
        'POST /api/v1/staff/session 200',
        'DELETE /api/v1/staff/session 403',
        'DELETE /api/v1/staff/sessions 204',
      ]),
    )
  })

  it('never logs a password, an authenticator code or secret, an enrolment code or a session id', () => {
    expect(secrets.every((secret) => secret.length >= 6)).toBe(true)
    const text = lines.join('\n')
    for (const secret of secrets) expect(text).not.toContain(secret)
  })

  it('keeps none of them in the audit log either, nor the text typed as an unknown login', async () => {
    const entries = await auditEntries(app)
    expect(new Set(entries.map((entry) => entry.action))).toEqual(
      new Set(['staff_create', 'staff_enrolment_issue', 'staff_enrol', 'staff_sign_in_failed', 'staff_sign_in', 'list', 'action', 'staff_sign_out_everywhere']),
    )
    const text = JSON.stringify(entries)
    for (const secret of secrets) expect(text).not.toContain(secret)
  })
})
