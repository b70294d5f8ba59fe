import fastifyCompress from '@fastify/compress'
import fastifyHelmet from '@fastify/helmet'
import fastifySwagger from '@fastify/swagger'
import { KindGuard } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'

import { adminRoutes } from './admin/admin.routes'
import type { Config } from './config'
import { countersRoutes } from './counters/counters.routes'
import { ContentCache } from './content/content-cache'
import { contentRoutes } from './content/content.routes'
import { siteRoutes } from './content/site.routes'
import { openDatabase, type Dialect } from './db/database'
import type { Database } from './db/schema'
import { registerErrorHandlers } from './errors'
import { feedbackRoutes } from './feedback/feedback.routes'
import { healthRoutes } from './health/health.routes'
import { privacyTermsRoutes } from './privacy/privacy-terms.routes'
import { ContentPoller } from './ingest/poller'
import { openApiOptions } from './openapi/openapi'
import { openApiRoutes } from './openapi/openapi.routes'
import { quizRoutes } from './quiz/quiz.routes'
import { rateLimits } from './rate-limit'
import { checkRequestText } from './request-text'
import { tipsRoutes } from './tips/tips.routes'
import { tipStatusRoutes } from './tips/tips.status.routes'
import { uploadsRoutes } from './uploads/uploads.routes'
import { wechatSessions } from './wechat/wechat-session'
import { wechatRoutes } from './wechat/wechat.routes'
import { staffAuthRoutes } from './staff-auth/staff-auth.routes'
import { consoleRoutes } from './web/console.routes'
import { HELMET_OPTIONS, SECURITY_HEADERS } from './web/security-headers'
import { staticRoutes } from './web/static.routes'
import { NoticeSender } from './wechat/notice-sender'
import { noticeTemplateRoutes, noticeTemplatesOf } from './wechat/notices.routes'
import { weChatApiOf, type WeChatApi } from './wechat/wechat-api'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    db: Kysely<Database>
    dialect: Dialect
    /** What the hot routes derive from the content, kept while the content state stays the same. */
    contentCache: ContentCache
    /** Polls CONTENT_SOURCES once started (`listen` starts it after migrating). */
    contentPoller: ContentPoller
    /** WeChat's server API for the configured mini-program; undefined without WECHAT_APPID/SECRET. */
    weChatApi: WeChatApi | undefined
    /** Sends the outbox's subscription messages once started (`listen` starts it); undefined without WeChat. */
    noticeSender: NoticeSender | undefined
  }
}

export interface AppOptions {
  config: Config
}

/**
 * The whole service as one plugin: external plugins first (config, database, security headers,
 * compression, rate limits), then error handling, then the routes. The server file and the tests both build it.
 */
const pufaApp: FastifyPluginAsync<AppOptions> = async (app, { config }) => {
  app.decorate('config', config)
  if (config.keySource.kind === 'file') {
    app.log.warn(
      { keyFile: config.keySource.file },
      `个人信息加密密钥${config.keySource.created ? '已生成并' : ''}保存在 ${config.keySource.file}；生产环境请设置 PUFA_FIELD_KEYS 和 PUFA_HASH_KEY`,
    )
  }

  const database = openDatabase(config, {
    onConnectionError: (error) => app.log.warn({ err: error }, 'database connection lost'),
  })
  app.decorate('db', database.db)
  app.decorate('dialect', database.dialect)
  app.decorate('contentCache', new ContentCache(database.db))
  app.addHook('onClose', () => database.close())

  const contentPoller = new ContentPoller({
    db: database.db,
    sources: config.contentSources,
    intervalMs: config.contentPollSeconds * 1000,
    log: app.log,
  })
  app.decorate('contentPoller', contentPoller)
  // Before the database closes: a poll in flight is aborted and its write allowed to finish.
  app.addHook('preClose', () => contentPoller.stop())

  const weChatApi = weChatApiOf(config)
  app.decorate('weChatApi', weChatApi)
  const noticeSender =
    weChatApi === undefined
      ? undefined
      : new NoticeSender({ db: database.db, dialect: database.dialect, api: weChatApi, keyring: config.fieldKeys, templates: noticeTemplatesOf(config), log: app.log })
  app.decorate('noticeSender', noticeSender)
  // Before the database closes: a round under way records its outcomes first.
  app.addHook('preClose', async () => noticeSender?.stop())

  // The security headers, worked out once (helmet would rebuild itself, CSP parsing included, on
  // every request); set on the raw answer as helmet sets them, so a page's reply.helmet(…) with its
  // own policy (the console's nonce, the H5 pages) and a route's own header still replace them.
  await app.register(fastifyHelmet, { ...HELMET_OPTIONS, global: false })
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of SECURITY_HEADERS) reply.raw.setHeader(name, value)
    done()
  })
  await app.register(fastifyCompress, { encodings: ['br', 'gzip', 'deflate'] })
  await app.register(rateLimits)
  // Who is asking from WeChat (X-Pufa-Session), known before the routes' rate limits count them.
  await app.register(wechatSessions)

  // Bodies are JSON only (uploads will add their own parser in their own scope).
  app.removeContentTypeParser('text/plain')
  // AJV does not coerce (a body must already have the right types), but query strings and path
  // parameters always arrive as text: convert them to the declared types before validation. Then
  // every string of the request meets the one character rule, in NFC (request-text.ts).
  app.addHook('preValidation', async (request) => {
    const { querystring, params } = request.routeOptions.schema ?? {}
    if (KindGuard.IsSchema(querystring)) request.query = Value.Convert(querystring, request.query)
    if (KindGuard.IsSchema(params)) request.params = Value.Convert(params, request.params)
    checkRequestText(request)
  })
  registerErrorHandlers(app)

  // Before every route: it documents the routes registered after it (test/server/openapi.test.ts).
  await app.register(fastifySwagger, openApiOptions)
  await app.register(healthRoutes, { prefix: '/api/v1' })
  await app.register(privacyTermsRoutes, { prefix: '/api/v1' })
  await app.register(feedbackRoutes, { prefix: '/api/v1' })
  await app.register(countersRoutes, { prefix: '/api/v1' })
  await app.register(contentRoutes, { prefix: '/api/v1' })
  await app.register(siteRoutes, { prefix: '/api/v1' })
  await app.register(tipsRoutes, { prefix: '/api/v1' })
  await app.register(uploadsRoutes, { prefix: '/api/v1' })
  await app.register(tipStatusRoutes, { prefix: '/api/v1' })
  await app.register(adminRoutes, { prefix: '/api/v1/admin' })
  await app.register(quizRoutes, { prefix: '/api/v1' })
  await app.register(wechatRoutes, { prefix: '/api/v1' })
  await app.register(noticeTemplateRoutes, { prefix: '/api/v1' })
  await app.register(staffAuthRoutes, { prefix: '/api/v1/staff' })
  await app.register(openApiRoutes, { prefix: '/api/v1' })
  await app.register(consoleRoutes)
  await app.register(staticRoutes)
}

export const app = fp(pufaApp, { name: 'pufa', fastify: '5.x' })
