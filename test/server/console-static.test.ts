import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'

import { createServer } from '../../server/server'
import { SQLITE, useStorage } from './storage'

// What `vite build console` writes, with html.cspNonce marking where the nonce goes.
const INDEX_HTML = `<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>法治人社工作人员平台</title>
    <meta property="csp-nonce" nonce="PUFA_CSP_NONCE">
    <script type="module" crossorigin src="/console/assets/index-BW0knE1G.js" nonce="PUFA_CSP_NONCE"></script>
    <link rel="modulepreload" crossorigin href="/console/assets/rolldown-runtime-Dl_DZoUm.js" nonce="PUFA_CSP_NONCE">
    <link rel="stylesheet" crossorigin href="/console/assets/index-CjwDUX7w.css" nonce="PUFA_CSP_NONCE">
  </head>
  <body><div id="root"></div></body>
</html>
`

function writeConsoleBuild(dir: string): void {
  mkdirSync(path.join(dir, 'assets'), { recursive: true })
  writeFileSync(path.join(dir, 'index.html'), INDEX_HTML)
  writeFileSync(path.join(dir, 'assets', 'index-BW0knE1G.js'), 'console.log("console")')
  writeFileSync(path.join(dir, 'assets', 'index-CjwDUX7w.css'), 'body{margin:0}')
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(path.join(dir, '.env'), 'SECRET=1')
}

async function startApp(configOf: () => import('../../server/config').Config): Promise<FastifyInstance> {
  const app = await createServer(configOf(), { logger: false })
  await app.ready()
  return app
}

function noncesIn(html: string): string[] {
  return [...html.matchAll(/\bnonce="([^"]*)"/g)].map((match) => match[1])
}

describe('the staff console at /console/', () => {
  const { config } = useStorage(SQLITE)
  let app: FastifyInstance

  beforeAll(async () => {
    writeConsoleBuild(config().consoleDir)
    app = await startApp(config)
  })
  afterAll(() => app.close())

  it('sends /console on to /console/', async () => {
    const response = await app.inject({ method: 'GET', url: '/console' })
    expect(response.statusCode).toBe(301)
    expect(response.headers.location).toBe('/console/')
  })

  it.each(['/console/', '/console/index.html'])('serves index.html at %s with a fresh CSP nonce for antd’s styles, revalidated every time', async (url) => {
    const first = await app.inject({ method: 'GET', url })
    expect(first.statusCode).toBe(200)
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(first.headers['cache-control']).toBe('no-cache')
    expect(first.headers.etag).toBeUndefined()
    expect(first.headers['x-frame-options']).toBe('DENY')

    const nonces = noncesIn(first.body)
    expect(nonces).toHaveLength(4)
    const [nonce] = nonces
    expect(new Set(nonces)).toEqual(new Set([nonce]))
    expect(Buffer.from(nonce, 'base64').length).toBeGreaterThanOrEqual(16)
    expect(first.body).toBe(INDEX_HTML.replaceAll('PUFA_CSP_NONCE', nonce))

    const csp = String(first.headers['content-security-policy'])
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      `style-src 'self' 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive)
    }
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')

    const second = await app.inject({ method: 'GET', url })
    const [secondNonce] = noncesIn(second.body)
    expect(secondNonce).not.toBe(nonce)
    expect(String(second.headers['content-security-policy'])).toContain(`'nonce-${secondNonce}'`)
  })

  it('caches the hashed assets for a year and revalidates the rest', async () => {
    const script = await app.inject({ method: 'GET', url: '/console/assets/index-BW0knE1G.js' })
    expect(script.statusCode).toBe(200)
    expect(script.body).toBe('console.log("console")')
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await app.inject({ method: 'GET', url: '/console/assets/index-CjwDUX7w.css' })).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const icon = await app.inject({ method: 'GET', url: '/console/favicon.svg' })
    expect(icon.statusCode).toBe(200)
    expect(icon.headers['cache-control']).toBe('no-cache')
  })

  it('answers unknown paths, folders and dot files with a plain 404', async () => {
    for (const url of ['/console/reports', '/console/assets/', '/console/.env', '/console/../package.json']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(404)
      expect(response.body).toBe('页面不存在')
    }
  })

  it('keeps the H5 app’s service worker away from the console', async () => {
    mkdirSync(config().h5Dir, { recursive: true })
    writeFileSync(path.join(config().h5Dir, 'index.html'), '<!DOCTYPE html><title>法治人社</title>')
    const worker = await app.inject({ method: 'GET', url: '/sw.js' })
    expect(worker.statusCode).toBe(200)
    expect(worker.body).toContain("url.pathname.startsWith('/console')")
  })
})

describe('the staff console before it is built', () => {
  const { config } = useStorage(SQLITE)
  let app: FastifyInstance

  beforeAll(async () => {
    app = await startApp(config)
  })
  afterAll(() => app.close())

  it('answers /console/ with 503 and a Chinese page that says how to build it', async () => {
    const response = await app.inject({ method: 'GET', url: '/console/' })
    expect(response.statusCode).toBe(503)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.body).toContain('工作人员平台还没有构建')
    expect(response.body).toContain('npm run build:console')
    expect(response.body).toContain('npm start')
  })

  it('keeps the API working, and serves the build once it appears, without a restart', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200)
    writeConsoleBuild(config().consoleDir)
    expect((await app.inject({ method: 'GET', url: '/console/' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/console/assets/index-BW0knE1G.js' })).statusCode).toBe(200)
  })
})
