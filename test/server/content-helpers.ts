// Builders of feeds and readers of stored content, shared by the ingest and sync tests.
import { writeFileSync } from 'node:fs'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'

import type { Database } from '../../server/db/schema'

export const CORPUS = path.join(__dirname, '..', 'corpus')

export function corpusFile(name: string): string {
  return path.join(CORPUS, name)
}

type Json = Record<string, unknown>

export function policyItem(id: string, overrides: Json = {}, extension: Json = {}): Json {
  return {
    id,
    title: `解读 ${id}`,
    summary: `关于 ${id} 的摘要`,
    content_html: `<p>关于 ${id} 的正文。</p>`,
    ...overrides,
    _pufa: { type: 'policy', schema: 1, category: '劳动关系', validity: '有效', ...extension },
  }
}

export function questionItem(id: string, extension: Json = {}): Json {
  return {
    id,
    _pufa: {
      type: 'quiz_question',
      schema: 1,
      bank: 'practice',
      questionType: 'single',
      stem: `题目 ${id}`,
      options: [
        { id: 'a', text: '甲' },
        { id: 'b', text: '乙' },
      ],
      answer: ['a'],
      explanation: '解析',
      citations: [{ law: '中华人民共和国劳动合同法', article: '第十条' }],
      difficulty: 1,
      category: '劳动关系',
      ...extension,
    },
  }
}

export function jsonFeed(items: unknown[], options: { complete?: boolean } = {}): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: '测试订阅源',
    home_page_url: 'https://rsj.example.gov.cn/',
    _pufa: { complete: options.complete ?? false },
    items,
  })
}

export function writeFeed(dir: string, name: string, items: unknown[], options: { complete?: boolean } = {}): string {
  const file = path.join(dir, name)
  writeFileSync(file, jsonFeed(items, options))
  return file
}

export interface StoredRow {
  id: string
  type: string
  source: string
  seq: number
  deleted: boolean
  served: boolean
  data: Json
}

export async function storedItems(db: Kysely<Database>): Promise<Map<string, StoredRow>> {
  const rows = await db.selectFrom('content_items').selectAll().orderBy('seq').execute()
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        type: row.type,
        source: row.source,
        seq: Number(row.seq),
        deleted: Number(row.deleted) === 1,
        served: Number(row.served) === 1,
        data: JSON.parse(row.data) as Json,
      },
    ]),
  )
}

export async function lastSeq(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('content_state').select('last_seq').executeTakeFirstOrThrow()
  return Number(row.last_seq)
}

export interface SyncedItem {
  id: string
  type: string
  seq: number
  deleted: boolean
  data?: Json
}

export interface Page {
  epoch: string
  schema: number
  minClientSchema: number
  items: SyncedItem[]
  cursor: string
  hasMore: boolean
}

export async function changes(app: FastifyInstance, query: { since?: string; limit?: number } = {}) {
  const params = new URLSearchParams()
  if (query.since !== undefined) params.set('since', query.since)
  if (query.limit !== undefined) params.set('limit', String(query.limit))
  const search = params.toString()
  return app.inject({ method: 'GET', url: `/api/v1/content/changes${search ? `?${search}` : ''}` })
}

/** Pages through every change from `since`, as a client does; returns the items and the final cursor. */
export async function syncAll(app: FastifyInstance, options: { since?: string; limit?: number } = {}): Promise<{ items: SyncedItem[]; cursor: string; pages: number }> {
  const items: SyncedItem[] = []
  let since = options.since
  let pages = 0
  for (;;) {
    const response = await changes(app, { since, limit: options.limit })
    if (response.statusCode !== 200) throw new Error(`changes answered ${response.statusCode}: ${response.body}`)
    const page = response.json<Page>()
    pages += 1
    items.push(...page.items)
    since = page.cursor
    if (!page.hasMore) return { items, cursor: page.cursor, pages }
  }
}
