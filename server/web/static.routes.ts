import { createHash } from 'node:crypto'
import path from 'node:path'

import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'

import { builtFile } from './built-file'
import { CSP_DIRECTIVES } from './content-security-policy'
import { serviceWorkerScript } from './service-worker'
import { IndexPage, NoServiceWorker, NotBuiltPage, NotModified, ServiceWorker } from './static.schemas'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
const HASHED_ASSET_DIRS = new Set(['js', 'css', 'static'])
// webpack's [contenthash] / [hash:8]: hex, at least 8 characters, between dots or after a dash.
const CONTENT_HASH = /[.-][0-9a-f]{8,}\./i
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi

const NOT_BUILT_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>法治人社</title></head>
<body style="font-family:sans-serif;font-size:18px;line-height:1.6;padding:24px;max-width:640px;margin:auto">
<h1 style="font-size:24px">网页版还没有构建</h1>
<p>服务已经在运行，但还没有找到 H5 网页的构建结果。</p>
<p>请在项目目录运行 <code>npm run build:h5</code>，完成后刷新本页；或者直接运行 <code>npm start</code>，它会先构建再启动。</p>
</body>
</html>
`

interface IndexPage {
  html: string
  etag: string
  scriptHashes: string[]
}

/** Long cache only for files whose names change with their content; everything else revalidates. */
function cacheControlFor(relativePath: string): string {
  const [topDir] = relativePath.split(/[\\/]/)
  return HASHED_ASSET_DIRS.has(topDir) && CONTENT_HASH.test(path.basename(relativePath)) ? IMMUTABLE : REVALIDATE
}

function sha256(text: string, encoding: 'base64' | 'hex'): string {
  return createHash('sha256').update(text, 'utf8').digest(encoding)
}

export const staticRoutes: FastifyPluginAsync = async (app) => {
  const root = app.config.h5Dir
  const loadIndex = builtFile(path.join(root, 'index.html'), (html): IndexPage => ({
    html,
    etag: `"${sha256(html, 'hex').slice(0, 32)}"`,
    scriptHashes: [...html.matchAll(INLINE_SCRIPT)].map((match) => `'sha256-${sha256(match[1], 'base64')}'`),
  }))

  async function serveIndex(request: FastifyRequest, reply: FastifyReply) {
    const built = await loadIndex()
    if (!built) {
      return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE)
    }
    const page = built.value
    if (page.scriptHashes.length > 0) {
      reply.helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { ...CSP_DIRECTIVES, scriptSrc: [...CSP_DIRECTIVES.scriptSrc, ...page.scriptHashes] },
        },
      })
    }
    reply.header('cache-control', REVALIDATE).header('etag', page.etag)
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send()
    return reply.type('text/html; charset=utf-8').send(page.html)
  }

  const indexSchema = {
    summary: 'H5 应用的首页',
    description: '带 ETag；浏览器带 If-None-Match 再次请求且没有变化时返回 304。',
    produces: ['text/html'],
    response: { 200: IndexPage, 304: NotModified, 503: NotBuiltPage },
  }
  app.get('/', { schema: indexSchema }, serveIndex)
  app.get('/index.html', { schema: indexSchema }, serveIndex)
  const serviceWorkerSchema = {
    summary: 'H5 应用的 Service Worker 脚本',
    produces: ['text/javascript'],
    response: { 200: ServiceWorker, 404: NoServiceWorker },
  }
  app.get('/sw.js', { schema: serviceWorkerSchema }, async (_request, reply) => {
    const built = await loadIndex()
    if (!built) return reply.code(404).send()
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8')
    return serviceWorkerScript(root, built.version)
  })

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    dotfiles: 'ignore',
    // A directory is not a page: 404 like any other unknown path, not send's 403.
    allowedPath: (pathname) => !pathname.endsWith('/'),
    cacheControl: false,
    // Scripts and styles compressed at build time (scripts/precompress.js), sent as they are when accepted.
    preCompressed: true,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', cacheControlFor(path.relative(root, filePath)))
      // The same URL is sent brotli, gzip or plain: caches must keep them apart.
      res.setHeader('vary', 'Accept-Encoding')
    },
  })
}
