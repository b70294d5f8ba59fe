// The peers the hot paths are measured against, and the load tool that measures both: nginx
// (Debian's package) serving files, run unprivileged from a temporary folder; `pufa serve` in its
// own process with its log going to a file, as deployed; wrk, one thread, so many connections.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { REPO_ROOT } from '../server/config'
import { freePort } from '../test/support/free-port'

/** Stops with a clear message when a Debian package the benchmark needs is missing. */
export function requireTools(tools: Record<string, string>): void {
  const missing = Object.entries(tools).filter(([command]) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0)
  if (missing.length === 0) return
  const packages = [...new Set(missing.map(([, debianPackage]) => debianPackage))].join(' ')
  throw new Error(`${missing.map(([command]) => command).join(', ')} not found: install Debian's packages first (apt-get install -y ${packages})`)
}

async function waitUntilAnswering(url: string, what: string, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const early = exited()
    if (early !== undefined) throw new Error(`${what} exited early: ${early}`)
    const answered = await new Promise<boolean>((resolve) => {
      http.get(url, { agent: false }, (response) => {
        response.resume()
        resolve(true)
      }).on('error', () => resolve(false))
    })
    if (answered) return
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface Peer {
  url: string
  /** Process ids whose CPU time counts (nginx: its worker). */
  pids(): number[]
  stop(): Promise<void>
}

function stopped(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * nginx with one worker serving the files of `root` (gzip_static: a file's .gz beside it, ETag on,
 * access log to a file, as by default), its configuration, log and temporary files in `workDir`.
 */
export async function startNginx(root: string, workDir: string, contentType: string): Promise<Peer> {
  const port = await freePort()
  const prefix = workDir
  mkdirSync(path.join(prefix, 'temp'), { recursive: true })
  const conf = path.join(prefix, 'nginx.conf')
  const temp = (name: string) => `${name}_temp_path ${path.join(prefix, 'temp', name)};`
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')};
events { worker_connections 1024; }
http {
  access_log ${path.join(prefix, 'access.log')};
  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}
  default_type "${contentType}";
  types { }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
    gzip_static on;
    add_header Cache-Control no-cache;
  }
}
`,
  )
  const child = spawn('nginx', ['-c', conf, '-p', prefix, '-e', path.join(prefix, 'error.log')], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}/`
  await waitUntilAnswering(url, 'nginx', () => (child.exitCode === null ? undefined : `code ${child.exitCode}: ${readFileSync(path.join(prefix, 'error.log'), 'utf8')}`))
  return {
    url,
    pids: () => {
      const workers = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number)
      return [child.pid!, ...workers]
    },
    async stop() {
      child.kill('SIGQUIT')
      await stopped(child)
    },
  }
}

/** `pufa serve` in its own process with `env`, its output (one log line per request at info) going to `logFile`. */
export async function startService(env: Record<string, string>, logFile: string): Promise<Peer> {
  const port = await freePort()
  const log = openSync(logFile, 'a')
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server', 'bin', 'pufa.js'), 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  const url = `http://127.0.0.1:${port}/`
  await waitUntilAnswering(`${url}api/v1/health`, 'pufa serve', () =>
    child.exitCode === null ? undefined : `code ${child.exitCode}: ${readFileSync(logFile, 'utf8').slice(-2000)}`,
  )
  return {
    url,
    pids: () => [child.pid!],
    async stop() {
      child.kill('SIGTERM')
      await stopped(child)
    },
  }
}

/** CPU seconds (user + system) used so far by `pids`, from /proc. */
export function cpuSeconds(pids: number[]): number {
  const ticksPerSecond = 100
  return pids.reduce((total, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')
      // After the command: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
      return total + (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
    } catch {
      return total
    }
  }, 0)
}

export interface LoadFigures {
  perSecond: number
  p50Ms: number
  p99Ms: number
  /** CPU milliseconds of the server per request. */
  cpuMsPerRequest: number
  /** Transfer per request as wrk counts it (headers and body). */
  bytesPerRequest: number
}

function msOf(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim())
  if (!match) throw new Error(`wrk: unreadable time ${text}`)
  const value = Number(match[1])
  return match[2] === 'us' ? value / 1000 : match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000
}

function bytesOf(value: string, unit: string): number {
  const scale: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }
  return Number(value) * (scale[unit] ?? NaN)
}

/**
 * wrk with one thread and `connections` kept-alive connections for `seconds` on `url`, after a
 * warm-up of a second. wrk counts only statuses from 400 up as errors: the caller checks once
 * beforehand that `url` answers what it should (a 304 rather than a 200).
 */
export function loadWithWrk(
  url: string,
  headers: Record<string, string>,
  options: { connections: number; seconds: number; serverPids: () => number[] },
): LoadFigures {
  const args = (seconds: number) => [
    '-t1',
    `-c${options.connections}`,
    `-d${seconds}s`,
    '--latency',
    // The machine may be shared: a slow answer is measured, not dropped as an error.
    '--timeout',
    '10s',
    ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    url,
  ]
  const run = (seconds: number) => {
    const result = spawnSync('wrk', args(seconds), { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`)
    return result.stdout
  }
  run(1)
  const before = cpuSeconds(options.serverPids())
  const output = run(options.seconds)
  const cpu = cpuSeconds(options.serverPids()) - before

  const requests = Number(/(\d+) requests in/.exec(output)?.[1])
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1])
  const read = /requests in [\d.]+\w+, ([\d.]+)(\w+) read/.exec(output)
  const p50 = /^\s+50%\s+(\S+)/m.exec(output)?.[1]
  const p99 = /^\s+99%\s+(\S+)/m.exec(output)?.[1]
  if (!requests || !perSecond || !read || !p50 || !p99) throw new Error(`wrk: unreadable output\n${output}`)
  const errors = /Socket errors: (.*)/.exec(output)?.[1]
  if (errors !== undefined) throw new Error(`wrk: socket errors (${errors}) on ${url}`)
  if (/Non-2xx or 3xx responses/.test(output)) throw new Error(`wrk: error answers\n${output}`)
  return {
    perSecond,
    p50Ms: msOf(p50),
    p99Ms: msOf(p99),
    cpuMsPerRequest: (cpu * 1000) / requests,
    bytesPerRequest: bytesOf(read[1], read[2]) / requests,
  }
}
