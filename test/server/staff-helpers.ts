// Reports through POST /api/v1/tips, staff tokens through `pufa staff create`, and requests to the
// staff API: what the follow-up, staff and operator tests share.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

import { main } from '../../server/cli'
import { totpAt } from '../../server/staff-auth/totp'
import type { Config, Environment } from '../../server/config'
import { anonymousTipPayload, complaintPayload } from '../support/report-fixtures'

export { MOBILE, NAME, RESIDENT_ID } from '../support/report-fixtures'

/** A valid complaint; overrides may be anything, including values no app would send. */
export function complaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...complaintPayload(), ...overrides }
}

export function anonymousTip(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...anonymousTipPayload(), ...overrides }
}

let keyCounter = 0

export interface Submitted {
  trackingCode: string
  accessKey?: string
  id: string
  /** The Idempotency-Key it was sent with. */
  key: string
}

/** Submits a report as the app does and returns its code, access key and row id. */
export async function submit(app: FastifyInstance, body: Record<string, unknown>): Promise<Submitted> {
  keyCounter += 1
  const key = `staff-test-${Date.now()}-${keyCounter}`
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/tips',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    payload: JSON.stringify(body),
  })
  if (response.statusCode !== 201) throw new Error(`POST /api/v1/tips answered ${response.statusCode}: ${response.body}`)
  const { trackingCode, accessKey } = response.json() as { trackingCode: string; accessKey?: string }
  const row = await app.db.selectFrom('tips').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow()
  return { trackingCode, accessKey, id: row.id, key }
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** The same database and keys as the app under test. */
export function cliEnvironment(config: Config, extra: Environment = {}): Environment {
  return { DATA_DIR: config.dataDir, LOG_LEVEL: 'silent', ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}), ...extra }
}

export async function runCli(args: string[], env: Environment): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  })
  return { code, stdout, stderr }
}

const TOKEN_LINE = /^ {2}令牌：(pufa_st_[A-Za-z0-9_-]{43})$/m
const ID_LINE = /^ {2}编号：([0-9a-f-]{36})$/m

export interface CreatedToken {
  token: string
  id: string
  output: string
}

/** `pufa staff create --name … --district CODE` (or `--city` when no district). */
export async function createStaffToken(config: Config, name: string, district?: string): Promise<CreatedToken> {
  const result = await runCli(['staff', 'create', '--name', name, ...(district === undefined ? ['--city'] : ['--district', district])], cliEnvironment(config))
  const token = TOKEN_LINE.exec(result.stdout)?.[1]
  const id = ID_LINE.exec(result.stdout)?.[1]
  if (result.code !== 0 || token === undefined || id === undefined) throw new Error(`pufa staff create failed (${result.code}): ${result.stderr}${result.stdout}`)
  return { token, id, output: result.stdout }
}

export function asStaff(token: string, options: InjectOptions): InjectOptions {
  return { ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } }
}

export async function staffGet(app: FastifyInstance, token: string, url: string): Promise<LightMyRequestResponse> {
  return app.inject(asStaff(token, { method: 'GET', url }))
}

/** The China date today, as a filing date (立案日期). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** POST /admin/tips/:id/actions with `body`. */
export async function act(app: FastifyInstance, token: string, tipId: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return app.inject(
    asStaff(token, { method: 'POST', url: `/api/v1/admin/tips/${tipId}/actions`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
  )
}

/** The action that moves a report to `to` (accepted: filed today; closed: ordered payment), with the note for the reporter. */
export function actionTo(to: string, noteToReporter?: string, note?: string): Record<string, unknown> {
  switch (to) {
    case 'accepted':
      return { action: 'accept', filedOn: chinaToday(), ...(note ? { note } : {}) }
    case 'investigating':
      return { action: 'investigate', ...(note ? { note } : {}) }
    case 'closed':
      return { action: 'close', outcome: { method: 'ordered_payment', recoveredYuan: null, workersPaid: null }, ...(noteToReporter === undefined ? {} : { noteToReporter }) }
    case 'rejected':
      return { action: 'reject', ...(noteToReporter === undefined ? {} : { reason: noteToReporter }) }
    default:
      return { action: to }
  }
}

/** Moves a report to `to` through the matching action; an internal note goes with it (or as a note of its own). */
export async function transition(
  app: FastifyInstance,
  token: string,
  tipId: string,
  { to, noteToReporter, internalNote }: { to: string; noteToReporter?: string; internalNote?: string },
): Promise<LightMyRequestResponse> {
  const response = await act(app, token, tipId, actionTo(to, noteToReporter, internalNote))
  if (response.statusCode === 200 && internalNote !== undefined && (to === 'closed' || to === 'rejected')) {
    await app.inject(
      asStaff(token, { method: 'POST', url: `/api/v1/admin/tips/${tipId}/notes`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ body: internalNote }) }),
    )
  }
  return response
}

export async function auditEntries(app: FastifyInstance) {
  return app.db.selectFrom('audit_log').selectAll().orderBy('at', 'asc').orderBy('id', 'asc').execute()
}

// Staff accounts: created with `pufa staff create … --role`, enrolled and signed in over HTTP as
// the console does, with the test acting as the authenticator app.

const ENROLMENT_CODE_LINE = /^ {2}注册码：([A-Z2-7]{4}(?:-[A-Z2-7]{4}){5})$/m

/** A password the rules accept. */
export const STAFF_PASSWORD = 'Lychee bridge at Shamian 7'
/** The origin app.inject's requests come from (its Host is localhost:80). */
export const OWN_ORIGIN = 'http://localhost'

export interface CreatedAccount {
  id: string
  login: string
  name: string
  enrolmentCode: string
  output: string
}

export interface NewAccount {
  name: string
  login: string
  role: 'inspector' | 'supervisor' | 'organiser' | 'auditor'
  district?: string
}

/** `pufa staff create … --role`; `extra` for an app whose keys are not the data directory's (PUFA_FIELD_KEYS). */
export async function createStaffAccount(config: Config, account: NewAccount, extra: Environment = {}): Promise<CreatedAccount> {
  const args = ['staff', 'create', '--name', account.name, '--login', account.login, '--role', account.role, ...(account.district ? ['--district', account.district] : [])]
  const result = await runCli(args, cliEnvironment(config, extra))
  const enrolmentCode = ENROLMENT_CODE_LINE.exec(result.stdout)?.[1]
  const id = ID_LINE.exec(result.stdout)?.[1]
  if (result.code !== 0 || enrolmentCode === undefined || id === undefined) throw new Error(`pufa staff create failed (${result.code}): ${result.stderr}${result.stdout}`)
  return { id, login: account.login, name: account.name, enrolmentCode, output: result.stdout }
}

/** `pufa staff enrol --login …`: a new enrolment code. */
export async function reissueEnrolment(config: Config, login: string): Promise<string> {
  const result = await runCli(['staff', 'enrol', '--login', login], cliEnvironment(config))
  const code = ENROLMENT_CODE_LINE.exec(result.stdout)?.[1]
  if (result.code !== 0 || code === undefined) throw new Error(`pufa staff enrol failed (${result.code}): ${result.stderr}${result.stdout}`)
  return code
}

/** The session cookie's value from a response's Set-Cookie, or undefined. */
export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const header = response.headers['set-cookie']
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header]
  for (const line of lines) {
    const match = /^pufa_staff=([^;]*)/.exec(line)
    if (match && match[1] !== '') return match[1]
  }
  return undefined
}

/** A request as the console's browser sends it: the cookie, and its own Origin. */
export function asSession(cookie: string, options: InjectOptions): InjectOptions {
  return { ...options, headers: { origin: OWN_ORIGIN, ...options.headers, cookie: `pufa_staff=${cookie}` } }
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): InjectOptions {
  return { method: 'POST', url, headers: { 'content-type': 'application/json', origin: OWN_ORIGIN, ...headers }, payload: JSON.stringify(body) }
}

export interface Enrolled {
  /** The authenticator's secret, as the app keeps it. */
  secret: string
  cookie: string
}

/** Opens the enrolment link, sets the password and proves the authenticator at the current time. */
export async function enrol(app: FastifyInstance, enrolmentCode: string, password = STAFF_PASSWORD): Promise<Enrolled> {
  const page = await app.inject({ method: 'GET', url: `/api/v1/staff/enrolment/${enrolmentCode}` })
  if (page.statusCode !== 200) throw new Error(`GET enrolment answered ${page.statusCode}: ${page.body}`)
  const { secret } = page.json() as { secret: string }
  const response = await app.inject(postJson(`/api/v1/staff/enrolment/${enrolmentCode}`, { password, code: totpAt(secret, Date.now()) }))
  const cookie = sessionCookieOf(response)
  if (response.statusCode !== 200 || cookie === undefined) throw new Error(`POST enrolment answered ${response.statusCode}: ${response.body}`)
  return { secret, cookie }
}

export function signInRequest(login: string, password: string, code: string, headers: Record<string, string> = {}): InjectOptions {
  return postJson('/api/v1/staff/session', { login, password, code }, headers)
}

/** Signs in with the authenticator's code of the current time; the session cookie. */
export async function signIn(app: FastifyInstance, login: string, secret: string, password = STAFF_PASSWORD): Promise<string> {
  const response = await app.inject(signInRequest(login, password, totpAt(secret, Date.now())))
  const cookie = sessionCookieOf(response)
  if (response.statusCode !== 200 || cookie === undefined) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`)
  return cookie
}
