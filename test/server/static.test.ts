import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import type { FastifyInstance } from 'fastify'

import { createServer } from '../../server/server'
import { SQLITE, useStorage } from './storage'

const INLINE_SCRIPT = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);'
const INDEX_HTML = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>法治人社</title>
<script>${INLINE_SCRIPT}</script><script defer src="/js/app.0123abcd.js"></script>
<link href="/css/app.89abcdef.css" rel="stylesheet"></head>
<body><div id="app"></div>${'<!-- 填充，使页面超过压缩阈值 -->'.repeat(60)}</body></html>
`

function writeH5Build(dir: string): void {
  mkdirSync(path.join(dir, 'js'), { recursive: true })
  mkdirSync(path.join(dir, 'css'), { recursive: true })
  writeFileSync(path.join(dir, 'index.html'), INDEX_HTML)
  writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), 'console.log("app")')
  writeFileSync(path.join(dir, 'js', 'runtime.js'), 'console.log("runtime")')
  writeFileSync(path.join(dir, 'css', 'app.89abcdef.css'), 'body{margin:0}')
  writeFileSync(path.join(dir, 'logo.png'), 'png')
  writeFileSync(path.join(dir, '.env'), 'SECRET=1')
}

async function startApp(h5Dir: string, configOf: () => import('../../server/config').Config): Promise<FastifyInstance> {
  const app = await createServer({ ...configOf(), h5Dir }, { logger: false })
  await app.ready()
  return app
}

describe('the H5 app at /', () => {
  const { config } = useStorage(SQLITE)
  let app: FastifyInstance

  beforeAll(async () => {
    writeH5Build(config().h5Dir)
    // As `npm run build:h5` does after Taro's build.
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/precompress.js'), config().h5Dir])
    app = await startApp(config().h5Dir, config)
  })
  afterAll(() => app.close())

  it('serves a service worker that keeps every file of the build for offline use, and no API answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/sw.js' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(response.headers['cache-control']).toBe('no-cache')
    const precache = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(response.body)?.[1] ?? '[]') as string[]
    expect(precache).toEqual(['/', '/css/app.89abcdef.css', '/js/app.0123abcd.js', '/js/runtime.js'])
    expect(response.body).toContain("url.pathname.startsWith('/api/')")
  })

  it('serves index.html at / with security headers, revalidated on every visit', async () => {
    const response = await app.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.body).toBe(INDEX_HTML)
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    const csp = String(response.headers['content-security-policy'])
    for (const directive of [
      "default-src 'self'",
      "img-src 'self' data: blob: https:",
      "worker-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self' blob:",
      "font-src 'self' data:",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive)
    }
    // Taro's inline rem script is allowed by its hash, and nothing else inline is.
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64')
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(csp).not.toContain("'unsafe-eval'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
  })

  it('serves /index.html the same way', async () => {
    const response = await app.inject({ method: 'GET', url: '/index.html' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBe(INDEX_HTML)
    expect(response.headers['cache-control']).toBe('no-cache')
  })

  it('compresses with gzip when asked', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(response.rawPayload).toString('utf8')).toBe(INDEX_HTML)
  })

  it('sends scripts and styles as compressed at build time, brotli or gzip as the browser accepts', async () => {
    const asked = (encoding: string) => app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': encoding } })
    const brotli = await asked('gzip, deflate, br')
    expect(brotli.statusCode).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['content-type']).toBe('application/javascript; charset=utf-8')
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotli.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe('console.log("app")')
    const gzip = await asked('gzip')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe('console.log("app")')
    const plain = await asked('identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe('console.log("app")')
    const style = await app.inject({ method: 'GET', url: '/css/app.89abcdef.css', headers: { 'accept-encoding': 'br' } })
    expect(brotliDecompressSync(style.rawPayload).toString('utf8')).toBe('body{margin:0}')
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('answers 304 to a matching ETag', async () => {
    const first = await app.inject({ method: 'GET', url: '/' })
    const again = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(first.headers.etag) } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
  })

  it('caches hashed assets for a year and revalidates the rest', async () => {
    const hashed = await app.inject({ method: 'GET', url: '/js/app.0123abcd.js' })
    expect(hashed.statusCode).toBe(200)
    expect(hashed.body).toBe('console.log("app")')
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(hashed.headers['x-content-type-options']).toBe('nosniff')
    expect((await app.inject({ method: 'GET', url: '/css/app.89abcdef.css' })).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await app.inject({ method: 'GET', url: '/js/runtime.js' })).headers['cache-control']).toBe('no-cache')
    expect((await app.inject({ method: 'GET', url: '/logo.png' })).headers['cache-control']).toBe('no-cache')
  })

  it('answers unknown paths and dot files with a plain 404', async () => {
    for (const url of ['/no/such/page', '/.env', '/js/', '/../package.json']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(404)
      expect(response.headers['content-type']).toBe('text/plain; charset=utf-8')
      expect(response.body).toBe('页面不存在')
    }
  })

  it('still answers unknown API paths in JSON', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/js/app.0123abcd.js' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('not_found')
  })
})

describe('the H5 app before it is built', () => {
  const { config } = useStorage(SQLITE)
  let app: FastifyInstance

  beforeAll(async () => {
    app = await startApp(config().h5Dir, config)
  })
  afterAll(() => app.close())

  it('answers / with 503 and a Chinese page that says how to build it', async () => {
    const response = await app.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(503)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.body).toContain('网页版还没有构建')
    expect(response.body).toContain('npm run build:h5')
    expect(response.body).toContain('npm start')
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
  })

  it('keeps the API working', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200)
  })

  it('serves the build once it appears, without a restart', async () => {
    writeH5Build(config().h5Dir)
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/js/app.0123abcd.js' })).statusCode).toBe(200)
  })
})
