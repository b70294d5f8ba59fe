// The real service (`node server/bin/pufa.js serve`) as a child process, for tests that need what
// only a process has: its own log output, or being killed with SIGKILL.
import { spawn } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'

import { REPO_ROOT, type Config } from '../../server/config'
import { freePort } from './http-client'

const STARTED = '法治人社已启动：'

export interface ServerProcess {
  /** http://127.0.0.1:<port>/ */
  url: string
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string
  kill(signal: NodeJS.Signals): void
  /** Settles once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The environment that points `pufa serve` at a test's database and data folder. */
export function serverEnvironment(config: Config, env: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: config.dataDir,
    H5_DIR: config.h5Dir,
    CONSOLE_DIR: config.consoleDir,
    DATABASE_URL: config.databaseUrl ?? '',
    CONTENT_SOURCES: '',
    ...env,
  }
}

/** Starts `pufa serve` on a free port and settles once it prints its URL. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server', 'bin', 'pufa.js'), 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = `http://127.0.0.1:${port}/`
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: string) => {
      output += chunk
      if (output.includes(`${STARTED}${url}`)) resolve()
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.stderr.setEncoding('utf8').on('data', onData)
    void exited.then(({ code, signal }) => reject(new Error(`pufa serve exited early (${code ?? signal}):\n${output}`)))
  })
  return {
    url,
    output: () => output,
    kill: (signal) => child.kill(signal),
    exited,
  }
}

export interface HttpAnswer {
  status: number
  body: string
}

/**
 * A POST over real HTTP on a connection of its own: `body` as JSON, or a Buffer sent as it is.
 * Rejects when no complete answer arrives.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8')
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}
