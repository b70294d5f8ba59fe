import { EventEmitter } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import { version } from '../../package.json'
import { main, type CliContext } from '../../server/cli'
import { SETTINGS, type Environment } from '../../server/config'
import { freePort, get } from './http-client'
import { storages, TEST_PG_URL, useStorage, useTempDir } from './storage'

interface Run {
  code: Promise<number>
  stdout(): string
  stderr(): string
  signals: EventEmitter
}

function run(args: string[], env: Environment, extra: Partial<CliContext> = {}): Run {
  let stdout = ''
  let stderr = ''
  const signals = new EventEmitter()
  const code = main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { LOG_LEVEL: 'silent', ...env },
    signals,
    ...extra,
  })
  return { code, stdout: () => stdout, stderr: () => stderr, signals }
}


async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}


describe('pufa help and usage errors', () => {
  it.each([[[]], [['--help']], [['help']], [['-h']], [['migrate', '--help']]])('prints the usage for %j', async (args) => {
    const result = run(args, {})
    expect(await result.code).toBe(0)
    const usage = result.stdout()
    expect(usage).toContain('用法：pufa <命令>')
    for (const command of ['start', 'serve', 'migrate', 'staff', 'keys', 'tips', 'help']) expect(usage).toMatch(new RegExp(`^  ${command} `, 'm'))
    for (const { variable } of Object.values(SETTINGS)) {
      expect(usage).toMatch(new RegExp(`^  ${variable} `, 'm'))
    }
    expect(result.stderr()).toBe('')
  })

  it('prints the version', async () => {
    const result = run(['--version'], {})
    expect(await result.code).toBe(0)
    expect(result.stdout()).toBe(`${version}\n`)
  })

  it('names an unknown command and exits with 2', async () => {
    const result = run(['deploy'], {})
    expect(await result.code).toBe(2)
    expect(result.stderr()).toBe('没有“deploy”这个命令。运行 pufa --help 查看可用的命令。\n')
    expect(result.stdout()).toBe('')
  })

  it('refuses arguments a command does not take, with exit code 2', async () => {
    const result = run(['serve', '--port', '8080'], {})
    expect(await result.code).toBe(2)
    expect(result.stderr()).toContain('命令 serve 不接受参数“--port”')
  })
})

describe('pufa with a bad configuration', () => {
  it('prints every problem and exits with 1', async () => {
    const result = run(['migrate'], { PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://root:hunter2@db/pufa' })
    expect(await result.code).toBe(1)
    expect(result.stderr()).toContain('PORT 应为 1 到 65535 之间的整数，当前为 "abc"')
    expect(result.stderr()).toContain('LOG_LEVEL 应为')
    expect(result.stderr()).toContain('DATABASE_URL 应以 postgres:// 或 postgresql:// 开头')
    expect(result.stderr()).not.toContain('hunter2')
  })
})

describe.each(storages())('pufa migrate on $name', (storage) => {
  const { config } = useStorage(storage)
  const env = (): Environment => ({ DATA_DIR: config().dataDir, ...(config().databaseUrl ? { DATABASE_URL: config().databaseUrl } : {}) })

  it('applies the migrations, then says the database is up to date', async () => {
    const where = storage.dialect === 'sqlite' ? `SQLite ${config().sqliteFile}` : `PostgreSQL ${new URL(String(config().databaseUrl)).host}/`

    const first = run(['migrate'], env())
    expect(await first.code).toBe(0)
    expect(first.stdout()).toContain(`已在 ${where}`)
    expect(first.stdout()).toContain('完成 21 个迁移：\n  - 0001_feedback\n  - 0002_content\n  - 0003_tips\n  - 0004_uploads\n  - 0005_staff\n  - 0006_contests\n  - 0007_feedback_client_id\n  - 0008_tips_amount\n  - 0009_feedback_contact\n  - 0010_tips_rating\n  - 0011_content_source_rejections\n  - 0012_staff_accounts\n  - 0013_workspace\n  - 0014_tip_messages\n  - 0015_usage_counters\n  - 0016_contest_console\n  - 0017_feedback_handling\n  - 0018_figures_indexes\n  - 0019_photo_blobs\n  - 0020_wechat_identity\n  - 0021_wechat_notices\n')

    const second = run(['migrate'], env())
    expect(await second.code).toBe(0)
    expect(second.stdout()).toMatch(/^数据库已是最新（.+），无需迁移。\n$/)
    expect(second.stdout()).toContain(where)
  })

  if (storage.dialect === 'postgres') {
    it('explains a database that does not exist', async () => {
      const url = new URL(TEST_PG_URL)
      url.pathname = '/pufa_no_such_database'
      const result = run(['migrate'], { DATA_DIR: config().dataDir, DATABASE_URL: url.toString() })
      expect(await result.code).toBe(1)
      expect(result.stderr()).toBe(`无法使用数据库 PostgreSQL ${url.host}/pufa_no_such_database：数据库不存在，请先创建。\n`)
    })
  }
})

describe('pufa migrate with an unreachable PostgreSQL', () => {
  const tempDir = useTempDir()

  it('says which database it could not reach, without the password, and exits with 1', async () => {
    const port = await freePort()
    const result = run(['migrate'], { DATA_DIR: tempDir(), DATABASE_URL: `postgres://pufa:hunter2@127.0.0.1:${port}/pufa` })
    expect(await result.code).toBe(1)
    expect(result.stderr()).toBe(`无法使用数据库 PostgreSQL 127.0.0.1:${port}/pufa：连接被拒绝，数据库没有运行或地址、端口不对。\n`)
  })
})

describe('pufa serve', () => {
  const tempDir = useTempDir()

  it('migrates, prints the URL, serves, and stops cleanly on SIGTERM', async () => {
    const port = await freePort()
    const result = run(['serve'], { DATA_DIR: path.join(tempDir(), 'serve'), H5_DIR: path.join(tempDir(), 'no-h5'), CONSOLE_DIR: path.join(tempDir(), 'no-console'), PORT: String(port) })
    await waitFor(() => result.stdout().includes('法治人社已启动'), 'the start-up line')
    expect(result.stdout()).toMatch(/完成 \d+ 个迁移/)
    expect(result.stdout()).toContain(`个人信息加密密钥已生成并保存在 ${path.join(tempDir(), 'serve', 'keys.json')}`)
    expect(result.stdout()).toContain('npm run build:h5')
    expect(result.stdout()).toContain('npm run build:console')
    expect(result.stdout()).toContain(`法治人社已启动：http://127.0.0.1:${port}/\n`)

    const health = await get(`http://127.0.0.1:${port}/api/v1/health`)
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: { dialect: 'sqlite', ok: true } })

    result.signals.emit('SIGTERM', 'SIGTERM')
    expect(await result.code).toBe(0)
    expect(result.stdout()).toContain('服务已停止。')
    await expect(get(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow()
  })

  it('prints a reachable URL when listening on every address', async () => {
    const port = await freePort()
    const result = run(['serve'], { DATA_DIR: path.join(tempDir(), 'serve'), HOST: '0.0.0.0', PORT: String(port) })
    await waitFor(() => result.stdout().includes('法治人社已启动'), 'the start-up line')
    expect(result.stdout()).toContain(`法治人社已启动：http://127.0.0.1:${port}/\n`)
    expect(result.stdout()).toContain('数据库已是最新')
    result.signals.emit('SIGINT', 'SIGINT')
    expect(await result.code).toBe(0)
  })

  it('exits with 1 on a second signal during shutdown', async () => {
    const port = await freePort()
    const result = run(['serve'], { DATA_DIR: path.join(tempDir(), 'twice'), PORT: String(port) })
    await waitFor(() => result.stdout().includes('法治人社已启动'), 'the start-up line')
    result.signals.emit('SIGTERM', 'SIGTERM')
    result.signals.emit('SIGINT', 'SIGINT')
    expect(await result.code).toBe(1)
    expect(result.stdout()).toContain('服务未能按时停止，已强制退出。')
  })

  it('says when the port is taken, and exits with 1', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as net.AddressInfo
    try {
      const result = run(['serve'], { DATA_DIR: path.join(tempDir(), 'busy'), PORT: String(port) })
      expect(await result.code).toBe(1)
      expect(result.stderr()).toBe(`端口 ${port} 已被占用，请用 PORT=… 指定其他端口。\n`)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})

describe('pufa start', () => {
  const tempDir = useTempDir()

  it('builds the H5 app and the staff console when they are missing, then serves them', async () => {
    const port = await freePort()
    const h5Dir = path.join(tempDir(), 'built')
    const consoleDir = path.join(tempDir(), 'console')
    const env = { DATA_DIR: path.join(tempDir(), 'data'), H5_DIR: h5Dir, CONSOLE_DIR: consoleDir, PORT: String(port) }
    const builds: string[] = []
    const builder = (name: string, dir: string, html: string) => async () => {
      builds.push(name)
      mkdirSync(dir, { recursive: true })
      writeFileSync(path.join(dir, 'index.html'), html)
      return 0
    }
    const result = run(['start'], env, {
      buildH5: builder('h5', h5Dir, '<!DOCTYPE html><title>法治人社</title>'),
      buildConsole: builder('console', consoleDir, '<!DOCTYPE html><title>法治人社工作人员平台</title>'),
    })
    await waitFor(() => result.stdout().includes('法治人社已启动'), 'the start-up line')
    expect(builds).toEqual(['h5', 'console'])
    expect(result.stdout()).toMatch(
      /^未找到网页版（H5）的构建，正在构建（首次约需 1 分钟）…\n网页版（H5）的构建完成。\n未找到工作人员平台的构建，正在构建（约需 10 秒）…\n工作人员平台的构建完成。\n已在 SQLite /,
    )
    expect((await get(`http://127.0.0.1:${port}/`)).body).toContain('<title>法治人社</title>')
    expect((await get(`http://127.0.0.1:${port}/console/`)).body).toContain('<title>法治人社工作人员平台</title>')

    result.signals.emit('SIGTERM', 'SIGTERM')
    expect(await result.code).toBe(0)

    // Built already: the next start goes straight to serving.
    const mustNotBuild = async () => {
      throw new Error('must not build twice')
    }
    const again = run(['start'], env, { buildH5: mustNotBuild, buildConsole: mustNotBuild })
    await waitFor(() => again.stdout().includes('法治人社已启动'), 'the start-up line')
    expect(again.stdout()).not.toContain('正在构建')
    again.signals.emit('SIGTERM', 'SIGTERM')
    expect(await again.code).toBe(0)
  })

  it('builds only the console when only the console is missing', async () => {
    const port = await freePort()
    const h5Dir = path.join(tempDir(), 'h5-only')
    mkdirSync(h5Dir, { recursive: true })
    writeFileSync(path.join(h5Dir, 'index.html'), '<!DOCTYPE html><title>法治人社</title>')
    const result = run(['start'], { DATA_DIR: path.join(tempDir(), 'data'), H5_DIR: h5Dir, CONSOLE_DIR: path.join(tempDir(), 'console-only'), PORT: String(port) }, {
      buildH5: async () => {
        throw new Error('the H5 app is built')
      },
      buildConsole: async () => 2,
    })
    expect(await result.code).toBe(1)
    expect(result.stdout()).toBe('未找到工作人员平台的构建，正在构建（约需 10 秒）…\n')
    expect(result.stderr()).toBe('工作人员平台的构建失败（退出码 2），请查看上面的输出。修好后再运行 npm start。\n')
  })

  it('fails clearly when the build fails', async () => {
    const result = run(['start'], { DATA_DIR: path.join(tempDir(), 'data'), H5_DIR: path.join(tempDir(), 'broken') }, { buildH5: async () => 3 })
    expect(await result.code).toBe(1)
    expect(result.stdout()).toContain('正在构建')
    expect(result.stderr()).toBe('网页版（H5）的构建失败（退出码 3），请查看上面的输出。修好后再运行 npm start。\n')
  })

  it('fails clearly when the build puts its output elsewhere', async () => {
    const result = run(['start'], { DATA_DIR: path.join(tempDir(), 'data'), H5_DIR: path.join(tempDir(), 'elsewhere') }, { buildH5: async () => 0 })
    expect(await result.code).toBe(1)
    expect(result.stderr()).toContain('没有找到 index.html')
    expect(result.stderr()).toContain('H5_DIR')
  })
})
