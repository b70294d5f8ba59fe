import { createHash } from 'node:crypto'

import { negotiate } from '@fastify/accept-negotiator'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'

import { CONTENT_SCHEMA } from '../../src/core/content/model'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse } from '../errors'
import { withEncodings, type BuiltPage } from './content-cache'
import { readChangesPage, type ChangeRow, type ContentState } from './content.repository'
import { ChangesHeaders, ChangesPage, ChangesQuery, DEFAULT_PAGE_SIZE, INVALID_CURSOR, MAX_PAGE_SIZE, NotModified } from './content.schemas'
import { decodeCursor, encodeCursor, type Cursor } from './cursor'

const SYNC_RESET = '服务器上的内容已重新整理，需要从头重新同步一次'

function syncReset(): AppError {
  return new AppError(410, 'sync_reset', SYNC_RESET)
}

// A cursor is void when it comes from another database (epoch), when deletions after it have
// been purged since the client was last served, or when it is ahead of this database (restored
// from an older backup).
function cursorFits(cursor: Cursor | undefined, state: ContentState): boolean {
  if (cursor === undefined) return true
  if (cursor.epoch !== state.epoch || cursor.seq > state.lastSeq) return false
  return cursor.seq >= state.purgedSeq || cursor.floor === state.purgedSeq
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

// What the body of a page depends on, besides the content state: its format and the settings in it.
const PAGE_FORMAT = 1

/**
 * The ETag of the page after `sinceSeq` of at most `limit` items under `state`: known from the
 * state alone, so a conditional request is answered before any page is read. The page is a
 * function of these (every content write moves the state), so equal tags mean equal bodies, on
 * every instance with the same settings.
 */
export function changesEtag(state: ContentState, sinceSeq: number, limit: number, minClientSchema: number): string {
  const facts = `${PAGE_FORMAT}|${CONTENT_SCHEMA}|${minClientSchema}|${state.epoch}|${state.lastSeq}|${state.purgedSeq}|${sinceSeq}|${limit}`
  return `"${createHash('sha256').update(facts).digest('base64url').slice(0, 32)}"`
}

async function buildPage(db: Kysely<Database>, cursor: Cursor | undefined, limit: number, minClientSchema: number): Promise<BuiltPage> {
  const sinceSeq = cursor?.seq ?? 0
  // Read in one snapshot with the state it belongs to, which may be newer than the one just checked.
  const page = await readChangesPage(db, sinceSeq, limit, (state) => {
    if (!cursorFits(cursor, state)) throw syncReset()
  })
  // On the last page the client has everything up to the snapshot's last seq (rows and state
  // are read in one snapshot), so the cursor moves past contest questions and purged tombstones.
  const last = page.hasMore ? page.rows[page.rows.length - 1].seq : page.state.lastSeq
  // Written as text: each item's data is stored already serialised from the checked model shape.
  const text =
    `{"epoch":${JSON.stringify(page.state.epoch)},"schema":${CONTENT_SCHEMA},"minClientSchema":${minClientSchema},` +
    `"items":[${page.rows.map(itemJson).join(',')}],` +
    `"cursor":${JSON.stringify(encodeCursor({ epoch: page.state.epoch, seq: last, floor: page.state.purgedSeq }))},"hasMore":${page.hasMore}}`
  return withEncodings({ state: page.state, etag: changesEtag(page.state, sinceSeq, limit, minClientSchema), text })
}

// The encodings kept with each page, in @fastify/compress's order of preference (it is registered
// with br, gzip, deflate); a client that takes neither gets the text, and compress does the rest.
const ENCODINGS = ['br', 'gzip', 'deflate']

/** br or gzip when the client takes it, as @fastify/compress would choose. */
function keptEncoding(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const header = request.headers['accept-encoding']
  if (header === undefined || request.headers['x-no-compression'] !== undefined) return undefined
  // compress reads "*" and x-gzip as gzip.
  const chosen = negotiate(header.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), ENCODINGS)
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: BuiltPage): FastifyReply {
  reply.type('application/json; charset=utf-8')
  const encoding = keptEncoding(request)
  const bytes = encoding === undefined ? undefined : page[encoding]
  // Fastify sends a JSON string as it is; a page below the threshold has no kept bytes (withEncodings),
  // and for other encodings compress decides as before.
  if (bytes === undefined) return reply.send(page.text as never)
  // compress leaves an answer that has a Content-Encoding alone.
  return reply.header('vary', 'accept-encoding').header('content-encoding', encoding).send(bytes as never)
}

/** The request's since and limit, or undefined when its query is not of the plain shape the fast path handles. */
function plainQuery(query: unknown): { sinceSeq: number; limit: number; cursor: Cursor | undefined } | undefined {
  const { since, limit } = query as Record<string, unknown>
  if (since !== undefined && typeof since !== 'string') return undefined
  if (limit !== undefined && (typeof limit !== 'string' || !/^[1-9][0-9]{0,2}$/.test(limit) || Number(limit) > MAX_PAGE_SIZE)) return undefined
  const cursor = since === undefined || since === '' ? undefined : decodeCursor(since)
  if (since !== undefined && since !== '' && cursor === undefined) return undefined
  return { sinceSeq: cursor?.seq ?? 0, limit: limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit), cursor }
}

/** The headers of every answer of this route, 200 or 304. */
function apiHeaders(reply: FastifyReply): FastifyReply {
  for (const name of PAGE_ONLY_HEADERS) reply.raw.removeHeader(name)
  return reply.header('content-security-policy', API_CSP).header('cache-control', 'no-cache')
}

export const contentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const minClientSchema = app.config.minClientSchema
  const etagOf = (state: ContentState, sinceSeq: number, limit: number) =>
    app.contentCache.derived(state, `etag:${sinceSeq}:${limit}`, () => changesEtag(state, sinceSeq, limit, minClientSchema))

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
      // Every phone asks at every launch, pull-down and reconnect, and most often nothing is new:
      // a conditional request of the plain shape is answered here, before the query is converted,
      // checked and validated, from the content state alone. Anything else goes on to the handler.
      onRequest: async (request, reply) => {
        const ifNoneMatch = request.headers['if-none-match']
        if (ifNoneMatch === undefined) return
        const plain = plainQuery(request.query)
        if (plain === undefined) return
        const state = await app.contentCache.state()
        if (!cursorFits(plain.cursor, state)) return
        const etag = etagOf(state, plain.sinceSeq, plain.limit)
        if (matches(ifNoneMatch, etag)) return apiHeaders(reply).header('etag', etag).code(304).send()
      },
    },
    async (request, reply) => {
      const since = request.query.since
      const limit = request.query.limit ?? DEFAULT_PAGE_SIZE
      const cursor = since === undefined || since === '' ? undefined : decodeCursor(since)
      if (since !== undefined && since !== '' && cursor === undefined) throw new AppError(400, 'invalid_cursor', INVALID_CURSOR, { since: INVALID_CURSOR })
      const sinceSeq = cursor?.seq ?? 0

      // The state first (one small row): enough to refuse the cursor or to answer 304.
      const state = await app.contentCache.state()
      if (!cursorFits(cursor, state)) throw syncReset()
      apiHeaders(reply)
      const ifNoneMatch = request.headers['if-none-match']
      const etag = etagOf(state, sinceSeq, limit)
      if (matches(ifNoneMatch, etag)) return reply.header('etag', etag).code(304).send()

      const page = await app.contentCache.page(`${sinceSeq}:${limit}`, () => buildPage(app.db, cursor, limit, minClientSchema))
      reply.header('etag', page.etag)
      // Built under a newer state than the one checked (a write in between): it may match now.
      if (page.etag !== etag && matches(ifNoneMatch, page.etag)) return reply.code(304).send()
      return sendPage(request, reply, page)
    },
  )
}
