import { spawn } from 'node:child_process'
import path from 'node:path'

import { REPO_ROOT } from '../../server/config'
import { freePort, get } from './http-client'
import { useTempDir } from './storage'

jest.setTimeout(60_000)

describe('node server/bin/pufa.js serve, as a real process', () => {
  const tempDir = useTempDir()

  it('starts, answers over HTTP, and exits 0 on SIGTERM', async () => {
    const port = await freePort()
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server', 'bin', 'pufa.js'), 'serve'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: tempDir(), H5_DIR: path.join(tempDir(), 'h5'), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

    try {
      const url = `http://127.0.0.1:${port}/`
      await new Promise<void>((resolve, reject) => {
        const check = () => (stdout.includes(`法治人社已启动：${url}`) ? resolve() : undefined)
        child.stdout.on('data', check)
        void exited.then((code) => reject(new Error(`pufa exited early with ${code}: ${stderr}`)))
        check()
      })

      const health = await get(`${url}api/v1/health?from=test`)
      expect(health.status).toBe(200)
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: { dialect: 'sqlite', ok: true } })
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(stdout).toContain('服务已停止。')
    expect(stdout).toContain('"path":"/api/v1/health"')
    expect(stdout).not.toContain('from=test')
    expect(stderr).toBe('')
  })
})
