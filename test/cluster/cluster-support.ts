// What the cluster tests (and bench:cluster) start: nginx from Debian's package as an unprivileged
// process with its own files, a PostgreSQL of their own (initdb in a temporary folder), and
// `pufa serve` instances sharing one database and Redis.
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Client } from 'pg'

import { freePort } from '../server/http-client'
import { startServerProcess, type ServerProcess } from '../server/server-process'
import { runCli } from '../server/staff-helpers'

export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres'
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((candidate) => existsSync(candidate)) ?? 'nginx'

/** A temporary folder anyone may enter (nginx's workers and PostgreSQL may run as other users). */
export function openTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  chmodSync(dir, 0o755)
  return dir
}

export interface Nginx {
  /** http://127.0.0.1:<port> (no trailing slash) */
  origin: string
  stop(): Promise<void>
}

/**
 * nginx in front of `upstreams` (ports on 127.0.0.1), round robin, as README's example: keep-alive
 * to the instances, an instance that fails taken out for a while. Unlike the example, it appends to
 * X-Forwarded-For, so that each simulated phone can come from an address of its own.
 */
export async function startNginx(upstreams: number[]): Promise<Nginx> {
  const dir = openTempDir('pufa-nginx-')
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(path.join(dir, temp))
    chmodSync(path.join(dir, temp), 0o777)
  }
  const port = await freePort()
  const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream pufa {
${upstreams.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 12m;
    location / {
      proxy_pass http://pufa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`
  writeFileSync(path.join(dir, 'nginx.conf'), conf)
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${output}`)
    try {
      await fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) })
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${output}`)
      await sleep(100)
    }
  }
  return {
    origin,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'initdb'))) : []
  if (versions.length === 0) throw new Error('initdb not found under /usr/lib/postgresql/*/bin (Debian package postgresql)')
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin')
}

export interface OwnPostgres {
  /** postgres://pufa@127.0.0.1:<port>/postgres */
  url: string
  stop(): void
  start(): void
  /** Stops it for good and removes its folder. */
  remove(): void
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0
  execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, { stdio: 'pipe' })
}

/** A PostgreSQL server of the test's own: initdb in a temporary folder, its own port, trust for user `pufa`. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBinDir()
  const dir = openTempDir('pufa-own-pg-')
  const data = path.join(dir, 'data')
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir])
  const port = await freePort()
  asPostgresUser(path.join(bin, 'initdb'), ['-D', data, '--auth=trust', '--username=pufa', '--encoding=UTF8', '--locale=C'])
  const ctl = path.join(bin, 'pg_ctl')
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=100`
  const start = () => asPostgresUser(ctl, ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start'])
  const stop = () => asPostgresUser(ctl, ['-D', data, '-m', 'fast', '-w', 'stop'])
  start()
  return {
    url: `postgres://pufa@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove() {
      try {
        stop()
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A new empty database on the server of `adminUrl`, dropped by `drop()`. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pufa_cluster_${randomBytes(6).toString('hex')}`
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const cleaner = new Client({ connectionString: adminUrl })
      await cleaner.connect()
      await cleaner.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
      await cleaner.query(`DROP DATABASE IF EXISTS ${name}`)
      await cleaner.end()
    },
  }
}

/** What every instance of one deployment shares: the database, Redis and the keys; each has a data folder of its own. */
export function sharedEnvironment(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    // Keys of this run only, so that runs (and other deployments on this Redis) do not count each other's requests.
    REDIS_KEY_PREFIX: `pufa-cluster-${randomBytes(4).toString('hex')}:`,
    PUFA_FIELD_KEYS: `c1:${randomBytes(32).toString('base64')}`,
    PUFA_HASH_KEY: randomBytes(32).toString('base64'),
    TRUST_PROXY: 'true',
    CONTENT_SOURCES: '',
    LOG_LEVEL: 'warn',
    ...extra,
  }
}

export interface Instance extends ServerProcess {
  port: number
  dir: string
  /** Whether the process has exited. */
  exitedYet(): boolean
}

/** `pufa serve` with a data folder of its own (nothing that matters may live there). */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pufa-instance-'))
  const server = await startServerProcess({
    ...env,
    DATA_DIR: path.join(dir, 'data'),
    H5_DIR: path.join(dir, 'h5'),
    CONSOLE_DIR: path.join(dir, 'console'),
  })
  let exited = false
  void server.exited.then(() => (exited = true))
  return { ...server, port: Number(new URL(server.url).port), dir, exitedYet: () => exited }
}

export async function stopInstance(instance: Instance): Promise<void> {
  if (!instance.exitedYet()) instance.kill('SIGTERM')
  await instance.exited
  rmSync(instance.dir, { recursive: true, force: true })
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export interface Answer {
  status: number
  headers: Headers
  body: string
  json<T = unknown>(): T
}

/** One HTTP request; a network failure (a killed instance, nginx's 502 aside) rejects. */
export async function request(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
  const { json, ...rest } = init
  const response = await fetch(url, {
    ...rest,
    ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { 'content-type': 'application/json', ...(rest.headers as Record<string, string>) } }),
    signal: AbortSignal.timeout(20_000),
  })
  const body = await response.text()
  return { status: response.status, headers: response.headers, body, json: <T>() => JSON.parse(body) as T }
}

/** A 1×1 PNG: a real image, as small as one can be. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** POST /api/v1/uploads with one photo, as wx.uploadFile sends it. */
export function uploadPhoto(baseUrl: string, headers: Record<string, string> = {}): Promise<Answer> {
  const form = new FormData()
  form.append('file', new Blob([TINY_PNG], { type: 'image/png' }), 'IMG_0001.png')
  return request(`${baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers })
}

/** Statuses after which the app's outboxes send the same request again (with the same key). */
export function worthRetrying(status: number): boolean {
  return status === 0 || status === 409 || status === 429 || status >= 500
}

/**
 * Sends as an outbox does until the service answers something final: the same request again after
 * a network failure, 409 (in flight elsewhere), 429 or 5xx, after the Retry-After it was given (at
 * most 10 s here) or a short pause. Returns the final answer and the refusals on the way.
 */
export async function deliver(send: () => Promise<Answer>, retry = worthRetrying, deadlineMs = 90_000): Promise<{ answer: Answer; refusals: Answer[] }> {
  const refusals: Answer[] = []
  const deadline = Date.now() + deadlineMs
  for (;;) {
    let answer: Answer
    try {
      answer = await send()
    } catch {
      answer = { status: 0, headers: new Headers(), body: '', json: () => JSON.parse('null') as never }
    }
    if (!retry(answer.status) || Date.now() > deadline) return { answer, refusals }
    refusals.push(answer)
    const retryAfter = Number(answer.headers.get('retry-after') ?? 0)
    await sleep(retryAfter > 0 ? Math.min(retryAfter, 10) * 1000 : 200)
  }
}

/** A made-up address per simulated phone (sent as X-Forwarded-For), different on every run. */
export function phoneAddresses(count: number): string[] {
  const [a, b] = randomBytes(2)
  return Array.from({ length: count }, (_, index) => `10.${a}.${(b + Math.floor(index / 250)) & 0xff}.${(index % 250) + 1}`)
}

/** A city-wide machine token for the staff API (`pufa staff create --city`), made with the deployment's keys. */
export async function staffToken(env: Record<string, string>, dataDir: string): Promise<string> {
  const result = await runCli(['staff', 'create', '--name', '集群测试接口', '--city'], { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  const token = /令牌：(pufa_st_[A-Za-z0-9_-]{43})/.exec(result.stdout)?.[1]
  if (result.code !== 0 || token === undefined) throw new Error(`pufa staff create --city failed: ${result.stderr}`)
  return token
}
