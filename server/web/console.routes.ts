import { randomBytes } from 'node:crypto'
import path from 'node:path'

import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'

import { builtFile } from './built-file'
import { consoleCspDirectives } from './content-security-policy'
import { ConsoleNotBuilt, ConsolePage, ConsoleRedirect } from './static.schemas'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
// Vite names everything it writes under assets/ with a content hash.
const HASHED_ASSET_DIR = 'assets'
// Vite's html.cspNonce marks every place of the nonce in index.html with a nonce attribute.
const NONCE_ATTRIBUTE = /\bnonce="[^"]*"/g

const NOT_BUILT_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>法治人社工作人员平台</title></head>
<body style="font-family:sans-serif;font-size:18px;line-height:1.6;padding:24px;max-width:640px;margin:auto">
<h1 style="font-size:24px">工作人员平台还没有构建</h1>
<p>服务已经在运行，但还没有找到工作人员平台的构建结果。</p>
<p>请在项目目录运行 <code>npm run build:console</code>，完成后刷新本页；或者直接运行 <code>npm start</code>，它会先构建再启动。</p>
</body>
</html>
`

/** The staff console (console/, built by Vite into CONSOLE_DIR) at /console/: one page, routed by its hash. */
export const consoleRoutes: FastifyPluginAsync = async (app) => {
  const root = app.config.consoleDir
  const loadIndex = builtFile(path.join(root, 'index.html'), (html) => html)

  async function serveIndex(_request: unknown, reply: FastifyReply) {
    const built = await loadIndex()
    if (!built) {
      return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE)
    }
    // A fresh nonce for every page (so no ETag: two answers are never the same).
    const nonce = randomBytes(18).toString('base64')
    reply.helmet({ contentSecurityPolicy: { useDefaults: false, directives: consoleCspDirectives(nonce) } })
    return reply
      .header('cache-control', REVALIDATE)
      .type('text/html; charset=utf-8')
      .send(built.value.replace(NONCE_ATTRIBUTE, `nonce="${nonce}"`))
  }

  app.get('/console', { schema: { summary: '转到工作人员控制台（/console/）', response: { 301: ConsoleRedirect } } }, (_request, reply) =>
    reply.redirect('/console/', 301),
  )
  const indexSchema = {
    summary: '工作人员控制台的页面（登录后处理欠薪反映等）',
    produces: ['text/html'],
    response: { 200: ConsolePage, 503: ConsoleNotBuilt },
  }
  app.get('/console/', { schema: indexSchema }, serveIndex)
  app.get('/console/index.html', { schema: indexSchema }, serveIndex)

  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    // Nothing here calls reply.sendFile.
    decorateReply: false,
    index: false,
    dotfiles: 'ignore',
    allowedPath: (pathname) => !pathname.endsWith('/'),
    cacheControl: false,
    setHeaders: (res, filePath) => {
      const [topDir] = path.relative(root, filePath).split(path.sep)
      res.setHeader('cache-control', topDir === HASHED_ASSET_DIR ? IMMUTABLE : REVALIDATE)
    },
  })
}
