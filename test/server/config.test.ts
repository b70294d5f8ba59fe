import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { ConfigError, describeDatabase, loadConfig, prepareDataDir, publicUrlOf, REPO_ROOT, type Environment } from '../../server/config'
import { problemsOf } from './config-problems'
import { useTempDir } from './storage'

describe('loadConfig', () => {
  const tempDir = useTempDir()
  const base = (): Environment => ({ DATA_DIR: path.join(tempDir(), 'data') })

  it('has defaults for everything', () => {
    const config = loadConfig(base())
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      h5Dir: path.join(REPO_ROOT, 'dist', 'h5'),
      consoleDir: path.join(REPO_ROOT, 'dist', 'console'),
      logLevel: 'info',
      trustProxy: false,
    })
    expect(config.sqliteFile).toBe(path.join(tempDir(), 'data', 'pufa.sqlite'))
  })

  it('writes nothing: a missing DATA_DIR and its key file are made by prepareDataDir when the service or a command starts', () => {
    const dir = path.join(tempDir(), 'nested', 'deeper')
    const config = loadConfig({ DATA_DIR: dir })
    expect(config.dataDir).toBe(dir)
    expect(config.keySource).toEqual({ kind: 'file', file: path.join(dir, 'keys.json'), created: true })
    expect(existsSync(path.join(tempDir(), 'nested'))).toBe(false)

    expect(prepareDataDir(config)).toBe(config)
    expect(statSync(dir).isDirectory()).toBe(true)
    expect(readdirSync(dir)).toEqual(['keys.json'])
    // Again (the CLI prepares, then the server it starts): the same keys, nothing else made.
    expect(prepareDataDir(config)).toBe(config)
    expect(readdirSync(dir)).toEqual(['keys.json'])
  })

  it('leaves an existing empty DATA_DIR empty', () => {
    const dir = path.join(tempDir(), 'empty')
    mkdirSync(dir)
    loadConfig({ DATA_DIR: dir })
    expect(readdirSync(dir)).toEqual([])
  })

  it('rejects a DATA_DIR below a file, without creating anything', () => {
    const file = path.join(tempDir(), 'plain-file')
    writeFileSync(file, '')
    expect(problemsOf({ DATA_DIR: path.join(file, 'data') })[0]).toMatch(/^DATA_DIR 应为可写入的目录/)
  })

  it('reads every variable', () => {
    const config = loadConfig({
      ...base(),
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://pufa:secret@db.example.cn:5433/pufa',
      H5_DIR: path.join(tempDir(), 'site'),
      CONSOLE_DIR: path.join(tempDir(), 'console'),
      LOG_LEVEL: 'WARN',
      TRUST_PROXY: 'true',
    })
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://pufa:secret@db.example.cn:5433/pufa',
      h5Dir: path.join(tempDir(), 'site'),
      consoleDir: path.join(tempDir(), 'console'),
      logLevel: 'warn',
      trustProxy: true,
    })
  })

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...base(), PORT: '', HOST: '  ', LOG_LEVEL: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      databaseUrl: undefined,
    })
  })

  it.each(['abc', '0', '65536', '-1', '3.5', '80 80'])('rejects PORT=%j', (port) => {
    expect(problemsOf({ ...base(), PORT: port })).toEqual([`PORT 应为 1 到 65535 之间的整数，当前为 ${JSON.stringify(port)}`])
  })

  it.each(['1', '65535'])('accepts PORT=%s', (port) => {
    expect(loadConfig({ ...base(), PORT: port }).port).toBe(Number(port))
  })

  it('rejects a HOST with spaces or a scheme', () => {
    expect(problemsOf({ ...base(), HOST: 'http://x y' })[0]).toMatch(/^HOST 应为主机名或 IP 地址/)
  })

  it('rejects a DATABASE_URL that is not PostgreSQL, without echoing it', () => {
    const [problem] = problemsOf({ ...base(), DATABASE_URL: 'mysql://root:hunter2@db/pufa' })
    expect(problem).toMatch(/^DATABASE_URL 应以 postgres:\/\/ 或 postgresql:\/\/ 开头/)
    expect(problem).not.toContain('hunter2')
  })

  it('rejects a DATABASE_URL that is not a URL at all', () => {
    const [problem] = problemsOf({ ...base(), DATABASE_URL: 'hunter2 not a url' })
    expect(problem).toMatch(/^DATABASE_URL 应为 PostgreSQL 连接地址/)
    expect(problem).not.toContain('hunter2')
  })

  it('rejects a DATA_DIR that is a file', () => {
    const file = path.join(tempDir(), 'a-file')
    writeFileSync(file, '')
    expect(problemsOf({ DATA_DIR: file })[0]).toMatch(/^DATA_DIR 应为可写入的目录/)
  })

  it('rejects an unknown LOG_LEVEL and a TRUST_PROXY that is not a boolean', () => {
    expect(problemsOf({ ...base(), LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' })).toEqual([
      'LOG_LEVEL 应为 fatal、error、warn、info、debug、trace、silent 之一，当前为 "loud"',
      'TRUST_PROXY 应为 true 或 false，当前为 "maybe"',
    ])
  })

  it('reads the WeChat settings together, never echoing the secret', () => {
    const secret = 'Ab3'.repeat(10) + 'xy'
    const loaded = loadConfig({ ...base(), WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: secret, WECHAT_API_BASE: 'http://127.0.0.1:9/' })
    expect([loaded.wechatAppId, loaded.wechatSecret, loaded.wechatApiBase]).toEqual(['wx0123456789abcdef', secret, 'http://127.0.0.1:9'])
    expect(loadConfig(base()).wechatApiBase).toBe('https://api.weixin.qq.com')
    expect(problemsOf({ ...base(), WECHAT_APPID: 'wx0123456789abcdef' })).toEqual(['WECHAT_APPID 和 WECHAT_SECRET 应同时设置（或都不设置，不使用微信功能）'])
    expect(problemsOf({ ...base(), WECHAT_APPID: 'gh_123', WECHAT_SECRET: secret })[0]).toMatch(/^WECHAT_APPID 应为小程序的 AppID/)
    const [problem] = problemsOf({ ...base(), WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'hunter2-is-not-a-secret' })
    expect(problem).toBe('WECHAT_SECRET 应为小程序的 AppSecret（32 位字母和数字）')
    expect(problemsOf({ ...base(), WECHAT_API_BASE: 'ftp://x' })[0]).toMatch(/^WECHAT_API_BASE 应为以 http:\/\/ 或 https:\/\/ 开头/)
  })

  it('reads PUFA_PUBLIC_URL as an origin, and prints links with it or with HOST and PORT', () => {
    expect(loadConfig(base()).publicUrl).toBeUndefined()
    for (const [value, origin] of [
      ['https://rsj.example.gov.cn', 'https://rsj.example.gov.cn'],
      ['https://RSJ.example.gov.cn/', 'https://rsj.example.gov.cn'],
      ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
      ['https://rsj.example.gov.cn:443/', 'https://rsj.example.gov.cn'],
    ]) {
      expect(loadConfig({ ...base(), PUFA_PUBLIC_URL: value }).publicUrl).toBe(origin)
    }
    expect(publicUrlOf(loadConfig({ ...base(), PUFA_PUBLIC_URL: 'https://rsj.example.gov.cn' }))).toBe('https://rsj.example.gov.cn/')
    expect(publicUrlOf(loadConfig({ ...base(), HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://127.0.0.1:8080/')
    expect(publicUrlOf(loadConfig({ ...base(), HOST: 'pufa.internal' }))).toBe('http://pufa.internal:3000/')
  })

  it.each([
    ['rsj.example.gov.cn', '应为以 http:// 或 https:// 开头的网址'],
    ['ftp://rsj.example.gov.cn', '应以 http:// 或 https:// 开头'],
    ['https://rsj.example.gov.cn/console/', '只写协议、域名和端口'],
    ['https://rsj.example.gov.cn/?a=1', '只写协议、域名和端口'],
    ['https://admin:secret@rsj.example.gov.cn', '不能带用户名或密码'],
  ])('rejects PUFA_PUBLIC_URL=%j, saying what it should be', (value, reason) => {
    const [problem] = problemsOf({ ...base(), PUFA_PUBLIC_URL: value })
    expect(problem).toContain('PUFA_PUBLIC_URL')
    expect(problem).not.toContain('secret')
    expect(problem).toContain(reason)
    expect(problem).toContain('如 https://rsj.example.gov.cn')
  })

  it('reports every problem at once, in one readable message', () => {
    let caught: unknown
    try {
      loadConfig({ ...base(), PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigError)
    const message = (caught as ConfigError).message
    expect(message).toContain('PORT 应为 1 到 65535 之间的整数，当前为 "abc"')
    expect(message).toContain('DATABASE_URL')
    expect(message).toContain('LOG_LEVEL')
    expect(message.split('\n')).toHaveLength(4)
  })
})

describe('describeDatabase', () => {
  const tempDir = useTempDir()

  it('names the SQLite file', () => {
    const config = loadConfig({ DATA_DIR: path.join(tempDir(), 'data') })
    expect(describeDatabase(config)).toBe(`SQLite ${path.join(tempDir(), 'data', 'pufa.sqlite')}`)
  })

  it('names the PostgreSQL host and database, never the password', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://pufa:hunter2@db.example.cn:5433/pufa_prod' })
    expect(describeDatabase(config)).toBe('PostgreSQL db.example.cn:5433/pufa_prod')
  })
})
