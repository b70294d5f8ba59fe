import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import { freePort } from './free-port'

const root = path.resolve(__dirname, '..', '..')
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

export interface RunningProduct {
  url: string
  dataDir: string
  stop(): Promise<void>
}

export interface ProductOptions {
  /** The H5 build must exist (the browser suite builds it first). */
  needsH5?: boolean
  /** The staff console's build must exist (likewise). */
  needsConsole?: boolean
  env?: Record<string, string>
  /**
   * Runs the service as if its clock had been set to this instant ('2026-12-30 02:00:00', UTC), from
   * which it goes on ticking, through libfaketime (Debian's `faketime` package): for what depends on
   * the date, such as deadlines across a new year.
   */
  clockAt?: string
}

/**
 * Starts the real service (`pufa serve`) on a free port with its own empty SQLite data folder
 * (into which it loads the sample feeds, unless `env` names other CONTENT_SOURCES).
 */
export async function startProduct({ needsH5 = false, needsConsole = false, env = {}, clockAt }: ProductOptions = {}): Promise<RunningProduct> {
  if (clockAt !== undefined && !fs.existsSync(LIBFAKETIME)) {
    throw new Error(`${LIBFAKETIME} is missing: apt-get install -y faketime (bash .ci/run does).`)
  }
  if (needsH5 && !fs.existsSync(path.join(root, 'dist', 'h5', 'index.html'))) {
    throw new Error('dist/h5 is missing: run `npm run build:h5` first (npm run test:e2e does).')
  }
  if (needsConsole && !fs.existsSync(path.join(root, 'dist', 'console', 'index.html'))) {
    throw new Error('dist/console is missing: run `npm run build:console` first (npm run test:e2e does).')
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-e2e-'))
  const port = await freePort()
  // The library is preloaded into the service itself (not through the `faketime` command, whose own
  // process would stand between the test and the service and not pass on the signal to stop).
  const clock = clockAt === undefined ? {} : { LD_PRELOAD: LIBFAKETIME, FAKETIME: `@${clockAt}`, TZ: 'UTC' }
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'server', 'bin', 'pufa.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...clock, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /http:\/\/[^\s]+\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[0])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }).then(() => fs.rmSync(dataDir, { recursive: true, force: true })),
  }
}

/** A city-wide staff token for the running product, made with `pufa staff create` as a bureau's administrator would. */
export async function createCityStaffToken(product: RunningProduct, name: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'server', 'bin', 'pufa.js'), 'staff', 'create', '--name', name, '--city'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: product.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  })
  const token = /^ {2}令牌：(pufa_st_[A-Za-z0-9_-]{43})$/m.exec(stdout)?.[1]
  if (!token) throw new Error(`pufa staff create printed no token:\n${stdout}`)
  return token
}

export interface StaffAccountRequest {
  name: string
  login: string
  role: 'inspector' | 'supervisor' | 'organiser' | 'auditor'
  /** An inspector's district code. */
  district?: string
}

/** A staff account made with `pufa staff create … --role`, as a bureau's administrator would: the one-time enrolment link it printed. */
export async function createStaffAccount(product: RunningProduct, account: StaffAccountRequest): Promise<{ enrolmentLink: string; enrolmentCode: string }> {
  const args = ['staff', 'create', '--name', account.name, '--login', account.login, '--role', account.role, ...(account.district ? ['--district', account.district] : [])]
  const { port } = new URL(product.url)
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'server', 'bin', 'pufa.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: product.dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: port },
  })
  const match = /(http:\/\/\S+\/console\/#\/enrol\/(\S+))$/m.exec(stdout)
  if (!match) throw new Error(`pufa staff create printed no enrolment link:\n${stdout}`)
  return { enrolmentLink: match[1], enrolmentCode: match[2] }
}

/** A JSON request to the running product, as another system (or staff with a token) would make it. */
export async function callProduct<T>(product: RunningProduct, method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${product.url.replace(/\/$/, '')}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** The body of POST /admin/tips/:id/actions that makes the move of one step of moveReport. */
function actionFor(to: string, noteToReporter: string | undefined): Record<string, unknown> {
  switch (to) {
    case 'accepted':
      // Filed today, China date.
      return { action: 'accept', filedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) }
    case 'investigating':
      return { action: 'investigate' }
    case 'closed':
      return { action: 'close', outcome: { method: 'ordered_payment', recoveredYuan: null, workersPaid: null }, noteToReporter }
    case 'rejected':
      return { action: 'reject', reason: noteToReporter }
    default:
      throw new Error(`moveReport: no action moves a report to ${to}`)
  }
}

/** Staff move a report on through the staff API, each step with its note for the reporter where one is given. */
export async function moveReport(product: RunningProduct, token: string, trackingCode: string, steps: [to: string, noteToReporter?: string][]): Promise<void> {
  const { items } = await callProduct<{ items: { id: string; trackingCode: string }[] }>(
    product,
    'GET',
    `/api/v1/admin/tips?q=${encodeURIComponent(trackingCode)}`,
    undefined,
    token,
  )
  const id = items.find((item) => item.trackingCode === trackingCode)?.id
  if (!id) throw new Error(`report ${trackingCode} is not in the staff list`)
  for (const [to, noteToReporter] of steps) {
    await callProduct(product, 'POST', `/api/v1/admin/tips/${id}/actions`, actionFor(to, noteToReporter), token)
  }
}
