import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { OpenApiDocument } from './openapi.schemas'

/** Where the readable page is, under the API's prefix. */
export const DOCS_PATH = '/docs'

// The page is Swagger UI: its own scripts and styles, fetching the document from this service.
// Stricter than the app's policy: nothing from elsewhere, no blob: or https: images.
const DOCS_CSP = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
}

/** The API document as JSON, and the page that shows it to people (registered with the API's prefix). */
export const openApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/openapi.json',
    {
      schema: {
        summary: '本接口文档（OpenAPI 3.0，JSON）',
        description: `供其他系统导入；给人看的页面在 /api/v1${DOCS_PATH}。随服务的版本变化，请按 info.version 区分。`,
        response: { 200: OpenApiDocument },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache')
      return app.swagger()
    },
  )

  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PATH,
    // The page links its scripts by absolute path, and it cannot see the prefix it is registered under.
    indexPrefix: app.prefix,
    staticCSP: DOCS_CSP,
    // Just the document: no bar inviting people to load some other document into the page.
    uiConfig: { layout: 'BaseLayout', deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0, displayRequestDuration: true },
    theme: { title: '法治人社 服务接口文档' },
    validatorUrl: false,
  })
}
