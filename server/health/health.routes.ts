import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@sinclair/typebox'

import { version } from '../../package.json'
import { pingDatabase } from '../db/database'
import { StringEnum } from '../schemas'

const Health = Type.Object({
  status: StringEnum(['ok', 'error'] as const),
  version: Type.String(),
  database: Type.Object({
    dialect: StringEnum(['sqlite', 'postgres'] as const),
    ok: Type.Boolean(),
  }),
  uptimeSeconds: Type.Integer(),
})
type Health = Static<typeof Health>

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const startedAt = Date.now()

  app.get(
    '/health',
    { schema: { summary: '服务状态', response: { 200: Health, 503: Health } } },
    async (request, reply) => {
      let databaseOk = true
      try {
        await pingDatabase(app.db)
      } catch (error) {
        databaseOk = false
        request.log.error({ err: error }, 'health check: database query failed')
      }
      const health: Health = {
        status: databaseOk ? 'ok' : 'error',
        version,
        database: { dialect: app.dialect, ok: databaseOk },
        uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      }
      return reply.code(databaseOk ? 200 : 503).header('cache-control', 'no-store').send(health)
    },
  )
}
