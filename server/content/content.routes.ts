import { createHash } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { CONTENT_SCHEMA } from '../../src/core/content/model'
import { AppError, ErrorResponse } from '../errors'
import { readChangesPage, type ChangeRow, type ContentState } from './content.repository'
import { ChangesHeaders, ChangesPage, ChangesQuery, DEFAULT_PAGE_SIZE, INVALID_CURSOR, NotModified } from './content.schemas'
import { decodeCursor, encodeCursor, type Cursor } from './cursor'

const SYNC_RESET = '服务器上的内容已重新整理，需要从头重新同步一次'

function syncReset(): AppError {
  return new AppError(410, 'sync_reset', SYNC_RESET)
}

// A cursor is void when it comes from another database (epoch), when deletions after it have
// been purged since the client was last served, or when it is ahead of this database (restored
// from an older backup).
function checkCursor(cursor: Cursor | undefined, state: ContentState): void {
  if (cursor === undefined) return
  if (cursor.epoch !== state.epoch || cursor.seq > state.lastSeq) throw syncReset()
  if (cursor.seq < state.purgedSeq && cursor.floor !== state.purgedSeq) throw syncReset()
}

function itemJson(row: ChangeRow): string {
  const head = `{"id":${JSON.stringify(row.id)},"type":${JSON.stringify(row.type)},"seq":${row.seq},"deleted":${row.deleted}`
  return row.data === null ? `${head}}` : `${head},"data":${row.data}}`
}

// Helmet's page-oriented headers (a long CSP, COOP, X-DNS-Prefetch-Control…) mean nothing to a
// JSON answer but would make up most of a phone's hourly "nothing new" sync. An API answer gets
// the short CSP recommended for APIs, which is stricter, and keeps HSTS, nosniff, framing and
// referrer rules.
const PAGE_ONLY_HEADERS = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
]
const API_CSP = "default-src 'none'; frame-ancestors 'none'"

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

export const contentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/content/changes',
    {
      schema: {
        summary: '内容增量同步',
        description:
          '按 seq 顺序返回 since 之后的变更；同一页中每个 id 至多出现一次（其最新状态）。hasMore 为 true 时用返回的 cursor 作为 since 接着取下一页；' +
          '一页应用完之后再保存 cursor。回答带 ETag，下次带 If-None-Match 时没有新内容返回 304。' +
          '游标无法识别返回 400 invalid_cursor；游标来自另一个数据库或所需的删除记录已清理时返回 410 sync_reset，此时从头（不带 since）重新同步。',
        querystring: ChangesQuery,
        judgedByHandler: { headers: ChangesHeaders },
        response: { 200: ChangesPage, 304: NotModified, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const since = request.query.since
      const limit = request.query.limit ?? DEFAULT_PAGE_SIZE
      const cursor = since === undefined || since === '' ? undefined : decodeCursor(since)
      if (since !== undefined && since !== '' && cursor === undefined) throw new AppError(400, 'invalid_cursor', INVALID_CURSOR, { since: INVALID_CURSOR })

      const page = await readChangesPage(app.db, cursor?.seq ?? 0, limit, (state) => checkCursor(cursor, state))
      // On the last page the client has everything up to the snapshot's last seq (rows and state
      // are read in one snapshot), so the cursor moves past contest questions and purged tombstones.
      const last = page.hasMore ? page.rows[page.rows.length - 1].seq : page.state.lastSeq
      // Written as text: each item's data is stored already serialised from the checked model shape.
      const body =
        `{"epoch":${JSON.stringify(page.state.epoch)},"schema":${CONTENT_SCHEMA},"minClientSchema":${app.config.minClientSchema},` +
        `"items":[${page.rows.map(itemJson).join(',')}],` +
        `"cursor":${JSON.stringify(encodeCursor({ epoch: page.state.epoch, seq: last, floor: page.state.purgedSeq }))},"hasMore":${page.hasMore}}`
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
      for (const name of PAGE_ONLY_HEADERS) reply.raw.removeHeader(name)
      reply.header('content-security-policy', API_CSP).header('etag', etag).header('cache-control', 'no-cache')
      if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send()
      // Fastify sends a JSON string as it is; the typed reply expects the page as an object.
      return reply.type('application/json; charset=utf-8').send(body as never)
    },
  )
}
