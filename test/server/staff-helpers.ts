// Reports through POST /api/v1/tips, staff tokens through `pufa staff create`, and requests to the
// staff API: what the follow-up, staff and operator tests share.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

import { main } from '../../server/cli'
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

export async function transition(app: FastifyInstance, token: string, tipId: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return app.inject(
    asStaff(token, { method: 'POST', url: `/api/v1/admin/tips/${tipId}/transitions`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
  )
}

export async function auditEntries(app: FastifyInstance) {
  return app.db.selectFrom('audit_log').selectAll().orderBy('at', 'asc').orderBy('id', 'asc').execute()
}
