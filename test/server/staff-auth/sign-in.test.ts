import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import { totpAt } from '../../../server/staff-auth/totp'
import {
  asSession,
  asStaff,
  auditEntries,
  cliEnvironment,
  complaint,
  createStaffAccount,
  createStaffToken,
  enrol,
  OWN_ORIGIN,
  postJson,
  reissueEnrolment,
  runCli,
  sessionCookieOf,
  signIn,
  signInRequest,
  STAFF_PASSWORD,
  submit,
  transition,
  actionTo,
  type NewAccount,
} from '../staff-helpers'
import { storages, useApp } from '../storage'

const CHINESE = /[\u4e00-\u9fff]/
const LIWAN = '440103'
const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
/** 10:00 in China: the tests' clock. */
const MORNING_IN_CHINA = Date.parse('2026-11-20T02:00:00Z')

let accountCounter = 0
/** A new account each time: logins are unique, and an account's lock or TOTP steps must not leak between tests. */
function newInspector(overrides: Partial<NewAccount> = {}): NewAccount {
  accountCounter += 1
  return { name: '陈小明', login: `inspector${accountCounter}`, role: 'inspector', district: LIWAN, ...overrides }
}

const session = (app: FastifyInstance, cookie: string) => app.inject(asSession(cookie, { method: 'GET', url: '/api/v1/staff/session' }))

describe.each(storages())('staff sign-in on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  let clock = MORNING_IN_CHINA
  /** The next 30-second step: an authenticator code is good once, so a second sign-in waits for a new one. */
  const nextCode = () => {
    clock += 30 * SECOND
  }

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    jest.spyOn(Date, 'now').mockImplementation(() => clock)
  })
  afterAll(() => {
    jest.restoreAllMocks()
  })
  // Each test later than the last: what a test finds in the audit log is its own.
  let testStart = clock
  beforeEach(() => {
    clock += HOUR
    testStart = clock
  })

  describe('enrolment', () => {
    it('shows the account, the otpauth URI and the secret for the authenticator, never cached', async () => {
      const account = await createStaffAccount(config(), newInspector({ name: '陈小明' }))
      const response = await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${account.enrolmentCode}` })
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-store')
      const body = response.json()
      expect(body).toEqual({
        name: '陈小明',
        login: account.login,
        role: 'inspector',
        districtCode: LIWAN,
        otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\//),
        secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
        passwordMinLength: 12,
      })
      const uri = new URL(body.otpauthUri)
      expect(decodeURIComponent(uri.pathname)).toBe(`/法治人社:${account.login}`)
      expect(uri.searchParams.get('secret')).toBe(body.secret)
      // The same secret on every visit, so a page reload does not break an authenticator already set up.
      expect((await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${account.enrolmentCode.toLowerCase().replace(/-/g, ' ')}` })).json().secret).toBe(body.secret)
    })

    it('refuses a weak password with the reason, and a wrong code, and stays usable', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const url = `/api/v1/staff/enrolment/${account.enrolmentCode}`
      const { secret } = (await app().inject({ method: 'GET', url })).json()
      const right = totpAt(secret, clock)
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')

      const weak = await app().inject(postJson(url, { password: 'Password2024!', code: right }))
      expect(weak.statusCode).toBe(400)
      expect(weak.json().error).toEqual({ code: 'validation_failed', message: expect.stringContaining('太常见'), fields: { password: expect.stringContaining('太常见') } })
      const short = await app().inject(postJson(url, { password: 'short', code: right }))
      expect(short.json().error.fields).toEqual({ password: '密码至少要有 12 个字符，现在只有 5 个' })
      const withLogin = await app().inject(postJson(url, { password: `${account.login}-likes-tea`, code: right }))
      expect(withLogin.json().error.fields).toEqual({ password: '密码不能包含您的登录名' })

      const wrongCode = await app().inject(postJson(url, { password: STAFF_PASSWORD, code: wrong }))
      expect(wrongCode.statusCode).toBe(400)
      expect(wrongCode.json().error.fields).toEqual({ code: expect.stringMatching(CHINESE) })
      const both = await app().inject(postJson(url, { password: 'short', code: wrong }))
      expect(Object.keys(both.json().error.fields).sort()).toEqual(['code', 'password'])
      for (const response of [weak, short, withLogin, wrongCode, both]) expect(sessionCookieOf(response)).toBeUndefined()

      const done = await app().inject(postJson(url, { password: STAFF_PASSWORD, code: right }))
      expect(done.statusCode).toBe(200)
      expect(done.json()).toEqual({ staff: { id: account.id, name: account.name, login: account.login, role: 'inspector', districtCode: LIWAN } })
      const cookie = sessionCookieOf(done)
      expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect((await session(app(), cookie!)).json()).toEqual(done.json())
    })

    it('answers a used, an expired, an unknown and a malformed code alike', async () => {
      const used = await createStaffAccount(config(), newInspector())
      await enrol(app(), used.enrolmentCode)
      const expired = await createStaffAccount(config(), newInspector())
      const unknown = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX'
      const answers: LightMyRequestResponse[] = []
      clock += 72 * HOUR
      for (const code of [used.enrolmentCode, expired.enrolmentCode, unknown, 'not-a-code', '%E4%BD%A0%E5%A5%BD']) {
        answers.push(await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${code}` }))
        answers.push(await app().inject(postJson(`/api/v1/staff/enrolment/${code}`, { password: STAFF_PASSWORD, code: '123456' })))
      }
      for (const response of answers) {
        expect(response.statusCode).toBe(404)
        expect(response.json()).toEqual(answers[0].json())
      }
      expect(answers[0].json().error).toEqual({ code: 'enrolment_not_found', message: expect.stringMatching(CHINESE) })
    })

    it('is still good just before 72 hours', async () => {
      const account = await createStaffAccount(config(), newInspector())
      clock += 72 * HOUR - MINUTE
      await expect(enrol(app(), account.enrolmentCode)).resolves.toMatchObject({ cookie: expect.any(String) })
    })

    it('lets a new enrolment replace the password and authenticator, ending the sessions of the old ones', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const first = await enrol(app(), account.enrolmentCode)
      nextCode()
      const elsewhere = await signIn(app(), account.login, first.secret)

      const withdrawn = await reissueEnrolment(config(), account.login)
      const latest = await reissueEnrolment(config(), account.login)
      for (const code of [account.enrolmentCode, withdrawn]) expect((await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${code}` })).statusCode).toBe(404)
      // Until the person enrols again, the old password and authenticator still work.
      nextCode()
      await signIn(app(), account.login, first.secret)
      nextCode()
      const second = await enrol(app(), latest, 'A new password for a new phone')
      expect(second.secret).not.toBe(first.secret)

      for (const cookie of [first.cookie, elsewhere]) expect((await session(app(), cookie)).statusCode).toBe(401)
      expect((await session(app(), second.cookie)).statusCode).toBe(200)
      nextCode()
      expect((await app().inject(signInRequest(account.login, STAFF_PASSWORD, totpAt(first.secret, clock)))).statusCode).toBe(401)
      expect((await app().inject(signInRequest(account.login, 'A new password for a new phone', totpAt(second.secret, clock)))).statusCode).toBe(200)
    })
  })

  describe('signing in', () => {
    it('signs in with login, password and code, and sets the session cookie', async () => {
      const account = await createStaffAccount(config(), newInspector({ name: '李娜' }))
      const { secret } = await enrol(app(), account.enrolmentCode)
      nextCode()
      // Logins are taken as typed with an input method's full-width letters, in any case.
      const typed = account.login.toUpperCase().replace(/[A-Z0-9]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0))
      const response = await app().inject(signInRequest(` ${typed} `, STAFF_PASSWORD, totpAt(secret, clock)))
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ staff: { id: account.id, name: '李娜', login: account.login, role: 'inspector', districtCode: LIWAN } })
      expect(response.headers['cache-control']).toBe('no-store')
      const cookie = sessionCookieOf(response)!
      expect(response.headers['set-cookie']).toBe(`pufa_staff=${cookie}; Path=/; HttpOnly; SameSite=Strict`)
      expect((await session(app(), cookie)).json().staff.id).toBe(account.id)
    })

    it('answers the same 401 to a wrong password, a wrong code, a used code, an unknown login, an account not enrolled and a disabled one', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const { secret } = await enrol(app(), account.enrolmentCode)
      const notEnrolled = await createStaffAccount(config(), newInspector())
      const disabled = await createStaffAccount(config(), newInspector())
      const disabledSecret = (await enrol(app(), disabled.enrolmentCode)).secret
      expect((await runCli(['staff', 'disable', '--login', disabled.login], cliEnvironment(config()))).code).toBe(0)
      nextCode()
      const right = totpAt(secret, clock)
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')

      const attempts = [
        signInRequest(account.login, 'Lychee bridge at Shamian 8', right),
        signInRequest(account.login, STAFF_PASSWORD, wrong),
        signInRequest(account.login, STAFF_PASSWORD, 'abc'),
        signInRequest('nobody-here', STAFF_PASSWORD, right),
        signInRequest(notEnrolled.login, STAFF_PASSWORD, right),
        signInRequest(disabled.login, STAFF_PASSWORD, totpAt(disabledSecret, clock)),
      ]
      const answers = []
      // A second apart, so the audit log keeps them in order.
      for (const attempt of attempts) {
        clock += SECOND
        answers.push(await app().inject(attempt))
      }
      clock += SECOND
      expect((await app().inject(signInRequest(account.login, STAFF_PASSWORD, right))).statusCode).toBe(200)
      // The code just used, once more, with the right password.
      clock += SECOND
      answers.push(await app().inject(signInRequest(account.login, STAFF_PASSWORD, right)))

      for (const response of answers) {
        expect(response.statusCode).toBe(401)
        expect(response.json()).toEqual({ error: { code: 'sign_in_failed', message: '登录名、密码或验证码不对，请重新输入' } })
        expect(response.headers['set-cookie']).toBeUndefined()
      }
      const reasons = (await auditEntries(app())).filter((entry) => entry.action === 'staff_sign_in_failed' && entry.at >= testStart).map((entry) => [entry.staff_id, JSON.parse(entry.detail).reason])
      expect(reasons).toEqual([
        [account.id, 'password'],
        [account.id, 'code'],
        [account.id, 'code'],
        [null, 'unknown_login'],
        [notEnrolled.id, 'not_enrolled'],
        [disabled.id, 'disabled'],
        [account.id, 'code_reused'],
      ])
    })

    it('refuses a body that is not login, password and code, with 400', async () => {
      for (const body of [{ login: 'a', password: 'b' }, { login: 'a', password: 'b', code: '123456', remember: true }, { login: 1, password: 'b', code: '1' }]) {
        const response = await app().inject(postJson('/api/v1/staff/session', body))
        expect(response.statusCode).toBe(400)
        expect(response.json().error.code).toBe('validation_failed')
      }
    })

    it('locks an account for 15 minutes after 5 failures in a row, right password or not, then lets it in', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const { secret } = await enrol(app(), account.enrolmentCode)
      nextCode()
      const wrongPassword = () => {
        clock += SECOND
        return app().inject(signInRequest(account.login, 'not the password at all', totpAt(secret, clock)))
      }
      for (let failure = 1; failure <= 4; failure += 1) expect((await wrongPassword()).statusCode).toBe(401)
      const locking = await wrongPassword()
      expect(locking.statusCode).toBe(423)
      expect(locking.json().error).toEqual({ code: 'account_locked', message: expect.stringMatching(/请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间/) })
      expect(locking.json().error.message).toContain('约 15 分钟后')

      const lockedAt = clock
      clock += 14 * MINUTE
      const stillLocked = await app().inject(signInRequest(account.login, STAFF_PASSWORD, totpAt(secret, clock)))
      expect(stillLocked.statusCode).toBe(423)
      expect(stillLocked.json().error.message).toContain('约 1 分钟后')

      clock += MINUTE
      const unlocked = await app().inject(signInRequest(account.login, STAFF_PASSWORD, totpAt(secret, clock)))
      expect(unlocked.statusCode).toBe(200)

      const actions = (await auditEntries(app())).filter((entry) => entry.staff_id === account.id && entry.at > lockedAt - 5 * SECOND)
      // The lock is written with the failure that caused it, at the same instant.
      expect(actions.map((entry) => [entry.at - lockedAt, entry.action, JSON.parse(entry.detail)]).sort()).toEqual([
        [-4 * SECOND, 'staff_sign_in_failed', { reason: 'password' }],
        [-3 * SECOND, 'staff_sign_in_failed', { reason: 'password' }],
        [-2 * SECOND, 'staff_sign_in_failed', { reason: 'password' }],
        [-SECOND, 'staff_sign_in_failed', { reason: 'password' }],
        [0, 'staff_lock', { failures: 5, until: new Date(lockedAt + 15 * MINUTE).toISOString() }],
        [0, 'staff_sign_in_failed', { reason: 'password' }],
        [14 * MINUTE, 'staff_sign_in_failed', { reason: 'locked' }],
        [15 * MINUTE, 'staff_sign_in', {}],
      ].sort())
    })

    it('counts failures in a row only: a sign-in in between starts the count again', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const { secret } = await enrol(app(), account.enrolmentCode)
      const wrong = () => app().inject(signInRequest(account.login, 'not the password at all', '000000'))
      for (let failure = 1; failure <= 4; failure += 1) expect((await wrong()).statusCode).toBe(401)
      nextCode()
      await signIn(app(), account.login, secret)
      for (let failure = 1; failure <= 4; failure += 1) expect((await wrong()).statusCode).toBe(401)
      expect((await wrong()).statusCode).toBe(423)
    })

    it('locks an unknown login the same way, so a 423 does not tell that a login exists', async () => {
      const attempt = () => app().inject(signInRequest('no-such-person', 'not the password at all', '123456'))
      for (let failure = 1; failure <= 4; failure += 1) expect((await attempt()).statusCode).toBe(401)
      const locked = await attempt()
      expect(locked.statusCode).toBe(423)
      expect(locked.json().error.message).toContain('约 15 分钟后')
      clock += 15 * MINUTE
      expect((await attempt()).statusCode).toBe(401)
    })
  })

  describe('sessions', () => {
    async function signedIn(): Promise<{ cookie: string; secret: string; login: string; id: string }> {
      const account = await createStaffAccount(config(), newInspector())
      const { cookie, secret } = await enrol(app(), account.enrolmentCode)
      return { cookie, secret, login: account.login, id: account.id }
    }

    it('end after 30 minutes unused, and every use keeps them going', async () => {
      const { cookie } = await signedIn()
      clock += 29 * MINUTE
      expect((await session(app(), cookie)).statusCode).toBe(200)
      clock += 29 * MINUTE
      expect((await app().inject(asSession(cookie, { method: 'GET', url: '/api/v1/admin/tips' }))).statusCode).toBe(200)
      clock += 30 * MINUTE
      const ended = await session(app(), cookie)
      expect(ended.statusCode).toBe(401)
      expect(ended.json().error.code).toBe('unauthorized')
      const admin = await app().inject(asSession(cookie, { method: 'GET', url: '/api/v1/admin/tips' }))
      expect(admin.statusCode).toBe(401)
      expect(admin.json().error).toEqual({ code: 'unauthorized', message: '登录已过期或已退出，请重新登录' })
    })

    it('end 8 hours after signing in, however busy', async () => {
      const { cookie } = await signedIn()
      const signedInAt = clock
      while (clock + 25 * MINUTE < signedInAt + 8 * HOUR) {
        clock += 25 * MINUTE
        expect((await session(app(), cookie)).statusCode).toBe(200)
      }
      clock = signedInAt + 8 * HOUR - SECOND
      expect((await session(app(), cookie)).statusCode).toBe(200)
      clock = signedInAt + 8 * HOUR
      expect((await session(app(), cookie)).statusCode).toBe(401)
    })

    it('end with signing out: the cookie is cleared and the session refused from then on', async () => {
      const { cookie, id } = await signedIn()
      clock += SECOND
      const out = await app().inject(asSession(cookie, { method: 'DELETE', url: '/api/v1/staff/session' }))
      expect(out.statusCode).toBe(204)
      expect(out.headers['set-cookie']).toBe('pufa_staff=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict')
      expect((await session(app(), cookie)).statusCode).toBe(401)
      // Signing out again, or without a session, is no error.
      expect((await app().inject(asSession(cookie, { method: 'DELETE', url: '/api/v1/staff/session' }))).statusCode).toBe(204)
      expect((await app().inject({ method: 'DELETE', url: '/api/v1/staff/session' })).statusCode).toBe(204)
      expect((await auditEntries(app())).filter((entry) => entry.staff_id === id).map((entry) => entry.action)).toEqual(['staff_enrol', 'staff_sign_out'])
    })

    it('all end with signing out everywhere', async () => {
      const { cookie, secret, login, id } = await signedIn()
      nextCode()
      const other = await signIn(app(), login, secret)
      clock += SECOND
      const out = await app().inject(asSession(other, { method: 'DELETE', url: '/api/v1/staff/sessions' }))
      expect(out.statusCode).toBe(204)
      expect(out.headers['set-cookie']).toMatch(/^pufa_staff=; Max-Age=0;/)
      for (const ended of [cookie, other]) expect((await session(app(), ended)).statusCode).toBe(401)
      expect((await app().inject(asSession(other, { method: 'DELETE', url: '/api/v1/staff/sessions' }))).statusCode).toBe(401)
      const entry = (await auditEntries(app())).filter((row) => row.staff_id === id).pop()
      expect(entry).toMatchObject({ action: 'staff_sign_out_everywhere' })
      expect(JSON.parse(entry!.detail)).toEqual({ sessions: 2 })
    })

    it('end when the account is disabled', async () => {
      const { cookie, login } = await signedIn()
      const disabled = await runCli(['staff', 'disable', '--login', login], cliEnvironment(config()))
      expect(disabled.stdout).toContain(`已停用账号 ${login}（陈小明）：结束了 1 个登录`)
      expect((await session(app(), cookie)).statusCode).toBe(401)
      expect((await app().inject(asSession(cookie, { method: 'GET', url: '/api/v1/admin/tips' }))).statusCode).toBe(401)
    })

    it('are stored by a hash of their id only', async () => {
      const { cookie, id } = await signedIn()
      const rows = await app().db.selectFrom('staff_sessions').selectAll().where('staff_id', '=', id).execute()
      expect(rows).toHaveLength(1)
      expect(JSON.stringify(rows)).not.toContain(cookie)
    })
  })

  describe('cross-site requests', () => {
    it('refuses a state-changing request with the cookie and no Origin, or a foreign one, and takes its own', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const { cookie } = await enrol(app(), account.enrolmentCode)
      const signOut = (origin: string | undefined) =>
        app().inject({ method: 'DELETE', url: '/api/v1/staff/session', headers: { cookie: `pufa_staff=${cookie}`, ...(origin === undefined ? {} : { origin }) } })
      for (const origin of [undefined, 'https://evil.example', 'http://localhost:8080', 'null', 'http://localhost.evil.example']) {
        const refused = await signOut(origin)
        expect(refused.statusCode).toBe(403)
        expect(refused.json().error).toEqual({ code: 'csrf_refused', message: expect.stringMatching(CHINESE) })
      }
      expect((await session(app(), cookie)).statusCode).toBe(200)

      const report = await submit(app(), complaint({ districtCode: LIWAN }))
      const move = (headers: Record<string, string>) =>
        app().inject({ method: 'POST', url: `/api/v1/admin/tips/${report.id}/actions`, headers: { 'content-type': 'application/json', cookie: `pufa_staff=${cookie}`, ...headers }, payload: JSON.stringify(actionTo('accepted')) })
      expect((await move({})).statusCode).toBe(403)
      expect((await move({ origin: 'https://evil.example' })).json().error.code).toBe('csrf_refused')
      // A read is no forgery: the Origin is not needed.
      expect((await app().inject({ method: 'GET', url: '/api/v1/admin/tips', headers: { cookie: `pufa_staff=${cookie}`, origin: 'https://evil.example' } })).statusCode).toBe(200)
      expect((await move({ origin: OWN_ORIGIN })).statusCode).toBe(200)
      expect((await signOut('HTTP://LOCALHOST:80')).statusCode).toBe(204)
    })

    it('refuses a sign-in sent from another site, and lets scripts without an Origin sign in', async () => {
      const account = await createStaffAccount(config(), newInspector())
      const { secret } = await enrol(app(), account.enrolmentCode)
      nextCode()
      const foreign = await app().inject(signInRequest(account.login, STAFF_PASSWORD, totpAt(secret, clock), { origin: 'https://evil.example' }))
      expect(foreign.statusCode).toBe(403)
      const script = signInRequest(account.login, STAFF_PASSWORD, totpAt(secret, clock))
      delete (script.headers as Record<string, string>).origin
      expect((await app().inject(script)).statusCode).toBe(200)
    })

    it('leaves bearer-token requests as they were, with or without an Origin', async () => {
      const { token } = await createStaffToken(config(), '荔湾区劳动监察大队', LIWAN)
      const report = await submit(app(), complaint({ districtCode: LIWAN }))
      expect((await transition(app(), token, report.id, { to: 'accepted' })).statusCode).toBe(200)
      const fromElsewhere = await app().inject(
        asStaff(token, { method: 'POST', url: `/api/v1/admin/tips/${report.id}/actions`, headers: { 'content-type': 'application/json', origin: 'https://other-system.example' }, payload: JSON.stringify(actionTo('investigating')) }),
      )
      expect(fromElsewhere.statusCode).toBe(200)
    })
  })
})
