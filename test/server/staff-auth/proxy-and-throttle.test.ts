import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import { RATE_RULES } from '../../../server/rate-limit'
import { totpAt } from '../../../server/staff-auth/totp'
import { createStaffAccount, enrol, postJson, sessionCookieOf, signInRequest, STAFF_PASSWORD } from '../staff-helpers'
import { SQLITE, useApp } from '../storage'

describe('the session cookie behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  const { app, config } = useApp(SQLITE, { TRUST_PROXY: 'true', RATE_LIMITS: 'false', PUFA_PUBLIC_URL: 'https://rsj.example.gov.cn' })

  it('is Secure when the proxy says the request came over HTTPS, and the HTTPS origin is the own one', async () => {
    const account = await createStaffAccount(config(), { name: '陈小明', login: 'chenxm', role: 'supervisor' })
    const { secret } = (await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${account.enrolmentCode}` })).json()
    const overTls = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }
    // A proxy that passes the Host on: the page's origin is the HTTPS address of that host.
    const enrolled = await app().inject(
      postJson(`/api/v1/staff/enrolment/${account.enrolmentCode}`, { password: STAFF_PASSWORD, code: totpAt(secret, Date.now()) }, { ...overTls, host: 'pufa.example.gov.cn', origin: 'https://pufa.example.gov.cn' }),
    )
    expect(enrolled.statusCode).toBe(200)
    const cookie = sessionCookieOf(enrolled)!
    expect(enrolled.headers['set-cookie']).toBe(`pufa_staff=${cookie}; Path=/; HttpOnly; SameSite=Strict; Secure`)

    // A proxy that does not pass the Host on (this one's is localhost:80): plain HTTP is not the origin...
    const signOut = (origin: string) => app().inject({ method: 'DELETE', url: '/api/v1/staff/session', headers: { ...overTls, origin, cookie: `pufa_staff=${cookie}` } })
    expect((await signOut('http://localhost')).statusCode).toBe(403)
    // ...and PUFA_PUBLIC_URL, the address people open, is.
    const out = await signOut('https://rsj.example.gov.cn')
    expect(out.statusCode).toBe(204)
    expect(out.headers['set-cookie']).toBe('pufa_staff=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure')
  })
})

describe('the session cookie without TRUST_PROXY', () => {
  const { app, config } = useApp(SQLITE, { RATE_LIMITS: 'false' })

  it('takes no proxy header on trust: a forged X-Forwarded-Proto does not make the request HTTPS', async () => {
    const account = await createStaffAccount(config(), { name: '陈小明', login: 'chenxm', role: 'supervisor' })
    const { secret } = (await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${account.enrolmentCode}` })).json()
    const enrolled = await app().inject(postJson(`/api/v1/staff/enrolment/${account.enrolmentCode}`, { password: STAFF_PASSWORD, code: totpAt(secret, Date.now()) }, { 'x-forwarded-proto': 'https' }))
    expect(enrolled.statusCode).toBe(200)
    expect(enrolled.headers['set-cookie']).not.toContain('Secure')
  })
})

describe('staff sign-in failures from one address', () => {
  const { app, config } = useApp(SQLITE)

  it('answer 429 past the limit, before any password is checked, while other addresses still sign in', async () => {
    await loadSampleContentIfEmpty(app().db)
    const account = await createStaffAccount(config(), { name: '陈小明', login: 'chenxm', role: 'supervisor' })
    const { secret } = await enrol(app(), account.enrolmentCode)
    const { limit } = RATE_RULES.staffSignIns
    // Different logins each time: no account locks, only the address is counted.
    const attempt = (index: number) => app().inject({ ...signInRequest(`guess${index}`, 'not the password at all', '123456'), remoteAddress: '198.51.100.7' })
    for (let index = 0; index < limit; index += 1) expect([401, 423]).toContain((await attempt(index)).statusCode)
    const limited = await attempt(limit)
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toMatch(/^\d+$/)
    expect(limited.json().error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^登录失败太多次了，请 \d+ (秒|分钟)后再试$/) })
    // Even the right password and code wait: the address is refused before anything is checked.
    const right = await app().inject({ ...signInRequest('chenxm', STAFF_PASSWORD, totpAt(secret, Date.now() + 30_000)), remoteAddress: '198.51.100.7' })
    expect(right.statusCode).toBe(429)
    const enrolment = await app().inject({ method: 'GET', url: '/api/v1/staff/enrolment/ABCD-EFGH-IJKL-MNOP-QRST-UVWX', remoteAddress: '198.51.100.7' })
    expect(enrolment.statusCode).toBe(429)

    const elsewhere = await app().inject({ ...signInRequest('chenxm', STAFF_PASSWORD, totpAt(secret, Date.now() + 30_000)), remoteAddress: '203.0.113.50' })
    expect(elsewhere.statusCode).toBe(200)
  })

  it('count unknown enrolment codes and wrong authenticator codes, not passwords refused as weak', async () => {
    const account = await createStaffAccount(config(), { name: '李娜', login: 'lina', role: 'auditor' })
    const url = `/api/v1/staff/enrolment/${account.enrolmentCode}`
    const { secret } = (await app().inject({ method: 'GET', url, remoteAddress: '198.51.100.8' })).json()
    const code = totpAt(secret, Date.now())
    for (let index = 0; index < RATE_RULES.staffSignIns.limit + 5; index += 1) {
      const weak = await app().inject({ ...postJson(url, { password: 'password1234', code }), remoteAddress: '198.51.100.8' })
      expect(weak.statusCode).toBe(400)
    }
    for (let index = 0; index < RATE_RULES.staffSignIns.limit; index += 1) {
      const wrongCode = await app().inject({ ...postJson(url, { password: STAFF_PASSWORD, code: code === '000000' ? '111111' : '000000' }), remoteAddress: '198.51.100.8' })
      expect(wrongCode.statusCode).toBe(400)
    }
    expect((await app().inject({ ...postJson(url, { password: STAFF_PASSWORD, code }), remoteAddress: '198.51.100.8' })).statusCode).toBe(429)
  })
})
