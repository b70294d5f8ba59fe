import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { version } from '../../package.json'
import { contentSummary, readSourceStates, type SourceState } from '../content/content.repository'
import { pingDatabase } from '../db/database'
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors'
import { unattachedUploadBytes } from '../uploads/uploads.repository'
import { outboxBacklog } from '../wechat/notices.repository'
import { Health } from './health.schemas'

type SourceHealth = NonNullable<Health['sources']>[number]
type UploadsHealth = NonNullable<Health['uploads']>

/** Past this share of the quota, health says degraded: time to look before uploads are refused. */
const UPLOADS_NEAR_FULL = 0.9

function isoOrNull(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString()
}

function sourceHealth(state: SourceState): SourceHealth {
  return {
    name: state.name,
    lastSuccessAt: isoOrNull(state.lastSuccessAt),
    lastFailureAt: isoOrNull(state.lastFailureAt),
    lastError: state.lastError,
    itemCount: state.itemCount,
    rejectedCount: state.rejectedCount,
    rejected: state.rejectedReasons,
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const startedAt = Date.now()

  app.get(
    '/health',
    {
      schema: {
        summary: '服务状态',
        description: '数据库能否访问、内容库概况和每个内容来源最近一次读取的情况（含未载入的条目及原因）。供监控使用：数据库无法访问时返回 503。',
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      let databaseOk = true
      let content: Health['content']
      let sources: SourceHealth[] | undefined
      let uploads: UploadsHealth | undefined
      let wechatOutbox: Health['wechatOutbox']
      try {
        await pingDatabase(app.db)
      } catch (error) {
        databaseOk = false
        request.log.error({ err: error }, 'health check: database query failed')
      }
      // The content part is news, not a verdict: an unmigrated database still answers ok.
      if (databaseOk) {
        try {
          content = await contentSummary(app.db)
          const stored = await readSourceStates(app.db)
          // Configured sources not read yet are listed too, so a missing one is visible.
          const pending = app.config.contentSources
            .filter((source) => !stored.some((state) => state.name === source.name))
            .map((source): SourceHealth => ({ name: source.name, lastSuccessAt: null, lastFailureAt: null, lastError: null, itemCount: 0, rejectedCount: 0, rejected: [] }))
          sources = [...stored.map(sourceHealth), ...pending]
        } catch (error) {
          content = undefined
          request.log.error({ err: error }, 'health check: content query failed')
        }
        try {
          const usedBytes = await unattachedUploadBytes(app.db, Date.now())
          const limitBytes = app.config.uploadQuotaBytes
          const status = usedBytes >= limitBytes ? 'full' : usedBytes >= limitBytes * UPLOADS_NEAR_FULL ? 'near_full' : 'ok'
          uploads = { usedBytes, limitBytes, storage: app.dialect === 'postgres' ? 'database' : 'files', status }
        } catch (error) {
          request.log.error({ err: error }, 'health check: uploads query failed')
        }
        if (app.weChatApi !== undefined) {
          try {
            wechatOutbox = await outboxBacklog(app.db, Date.now())
          } catch (error) {
            request.log.error({ err: error }, 'health check: WeChat outbox query failed')
          }
        }
      }
      const health: Health = {
        status: !databaseOk ? 'error' : uploads && uploads.status !== 'ok' ? 'degraded' : 'ok',
        version,
        database: { dialect: app.dialect, ok: databaseOk },
        uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
        ...(uploads !== undefined ? { uploads } : {}),
        ...(wechatOutbox !== undefined ? { wechatOutbox } : {}),
        ...(content !== undefined && sources !== undefined ? { content, sources } : {}),
      }
      if (!databaseOk) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      return reply.code(databaseOk ? 200 : 503).header('cache-control', 'no-store').send(health)
    },
  )
}
