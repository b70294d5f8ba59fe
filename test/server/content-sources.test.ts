// Content sources in the staff console: each source's health, ingest now (the poller's own ingest,
// one at a time per source, audited) and explainers to preview, on SQLite and PostgreSQL, against
// a local feed server.
import type { InjectOptions, LightMyRequestResponse } from 'fastify'

import { jsonFeed, policyItem, questionItem } from './content-helpers'
import { useFeedServer } from './feed-server'
import { asSession, auditEntries, createStaffAccount, enrol } from './staff-helpers'
import { storages, useApp } from './storage'

describe.each(storages())('content sources and explainers in the console, on $name', (storage) => {
  const feed = useFeedServer()
  // Filled in once the feed server listens: the app reads its configuration after this hook.
  const env: Record<string, string> = { RATE_LIMITS: 'false', CONTENT_POLL_SECONDS: '0' }
  beforeAll(() => {
    env.CONTENT_SOURCES = `${feed.url('/policies.json')}, ${feed.url('/other.json')}`
  })
  const { app, config } = useApp(storage, env)
  let cookie = ''

  beforeAll(async () => {
    const organiser = await createStaffAccount(config(), { name: '刘组织', login: 'organiser', role: 'organiser' })
    cookie = (await enrol(app(), organiser.enrolmentCode)).cookie
  })

  const as = (options: InjectOptions): Promise<LightMyRequestResponse> => app().inject(asSession(cookie, options))
  const get = (url: string) => as({ method: 'GET', url })
  const ingest = (name: string) => as({ method: 'POST', url: '/api/v1/admin/content-sources/ingest', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name }) })

  const goodFeed = () =>
    jsonFeed([
      policyItem('p-wages', { title: '拖欠工资怎么办', content_html: '<h2>先协商</h2><p>可以向<strong>劳动保障监察</strong>机构投诉。</p>' }, { documentNumber: '人社部发〔2024〕1号', publishedDate: '2024-03-01' }),
      policyItem('p-insurance', { title: '社会保险怎么缴' }, { category: '社会保险', publishedDate: '2025-01-15' }),
      policyItem('p-bad', { title: '分类不对' }, { category: '不存在的分类' }),
      questionItem('q-1'),
    ])

  it('lists each configured source, never read yet', async () => {
    const response = await get('/api/v1/admin/content-sources')
    expect(response.statusCode).toBe(200)
    expect(response.json().items).toEqual([
      { name: feed.url('/policies.json'), kind: 'url', configured: true, reading: false, lastSuccessAt: null, lastFailureAt: null, lastError: null, itemCount: 0, rejectedCount: 0, rejected: [] },
      expect.objectContaining({ name: feed.url('/other.json'), configured: true, itemCount: 0 }),
    ])
  })

  it('ingests a source now, answers the counts, and records who did it', async () => {
    feed.answer('/policies.json', { headers: { 'content-type': 'application/feed+json' }, body: goodFeed(), etag: '"v1"' })
    const response = await ingest(feed.url('/policies.json'))
    expect(response.statusCode).toBe(200)
    const result = response.json()
    expect(result).toMatchObject({ outcome: 'ingested', error: null, total: 4, added: 3, updated: 0, deleted: 0, unchanged: 0, rejectedCount: 1 })
    expect(result.message).toBe('已更新：共 4 条，新增 3 条，修改 0 条，删除 0 条，未变 0 条，1 条未载入（原因见“未载入”）。')
    expect(result.source).toMatchObject({ name: feed.url('/policies.json'), itemCount: 3, rejectedCount: 1, lastError: null, reading: false })
    expect(result.source.rejected).toEqual([expect.stringContaining('p-bad')])
    expect(Date.parse(result.source.lastSuccessAt)).toBeGreaterThan(Date.now() - 60_000)
    // A manual read is a full read: no conditional GET even though the feed gave an ETag.
    expect(feed.requests.filter((request) => request.path === '/policies.json').pop()?.headers['if-none-match']).toBeUndefined()

    const audit = (await auditEntries(app())).filter((entry) => entry.action === 'content_ingest')
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0].detail)).toEqual({ source: feed.url('/policies.json'), outcome: 'ingested', added: 3, updated: 0, deleted: 0, rejected: 1 })
  })

  it('shows a failure in Chinese and keeps the content', async () => {
    feed.answer('/policies.json', { status: 500, body: 'oops' })
    const response = await ingest(feed.url('/policies.json'))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      outcome: 'failed',
      error: '订阅源返回了错误（HTTP 500）',
      message: '更新失败：订阅源返回了错误（HTTP 500）。已有的内容保持不变。',
      source: { itemCount: 3, lastError: '订阅源返回了错误（HTTP 500）' },
    })
    const list = (await get('/api/v1/admin/content-sources')).json().items
    expect(list[0]).toMatchObject({ itemCount: 3, rejectedCount: 1, lastError: '订阅源返回了错误（HTTP 500）' })
    expect(list[0].lastSuccessAt).not.toBeNull()
    expect(list[0].lastFailureAt).not.toBeNull()
  })

  it('reads one source once at a time: a second request meanwhile answers 409', async () => {
    // The feed server holds its answer until the second request has been answered.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    feed.answer('/other.json', { headers: { 'content-type': 'application/feed+json' }, body: jsonFeed([policyItem('p-other')]), until: held })
    const first = ingest(feed.url('/other.json'))
    while (!feed.requests.some((request) => request.path === '/other.json')) await new Promise((resolve) => setImmediate(resolve))
    const listed = (await get('/api/v1/admin/content-sources')).json().items
    expect(listed[1]).toMatchObject({ name: feed.url('/other.json'), reading: true })
    const second = await ingest(feed.url('/other.json'))
    expect(second.statusCode).toBe(409)
    expect(second.json().error).toEqual({ code: 'source_busy', message: '这个内容来源正在读取，请等这次读取结束后再试' })
    release()
    const done = await first
    expect(done.json()).toMatchObject({ outcome: 'ingested', added: 1, source: { itemCount: 1, reading: false } })
    expect(feed.requests.filter((request) => request.path === '/other.json')).toHaveLength(1)
  })

  it('answers 404 for a source that is not configured', async () => {
    const response = await ingest('https://rsj.example.gov.cn/feed.json')
    expect(response.statusCode).toBe(404)
    expect(response.json().error.message).toMatch(/^没有这个内容来源/)
  })

  it('finds explainers by title or 文号, a page at a time, newest first', async () => {
    const all = (await get('/api/v1/admin/explainers')).json()
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 10 })
    expect(all.items.map((item: { id: string }) => item.id)).toEqual(['p-insurance', 'p-wages', 'p-other'])
    expect(all.items[1]).toEqual({
      id: 'p-wages',
      title: '拖欠工资怎么办',
      category: '劳动关系',
      documentNumber: '人社部发〔2024〕1号',
      publishedDate: '2024-03-01',
      validity: '有效',
      source: feed.url('/policies.json'),
    })
    expect((await get(`/api/v1/admin/explainers?q=${encodeURIComponent('工资')}`)).json()).toMatchObject({ total: 1, items: [{ id: 'p-wages' }] })
    expect((await get(`/api/v1/admin/explainers?q=${encodeURIComponent('〔2024〕1号')}`)).json()).toMatchObject({ total: 1, items: [{ id: 'p-wages' }] })
    expect((await get('/api/v1/admin/explainers?page=2&pageSize=2')).json()).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ id: 'p-other' }] })
    expect((await get('/api/v1/admin/explainers?pageSize=500')).statusCode).toBe(400)
  })

  it('gives one explainer as stored, the rich-text nodes the app renders', async () => {
    const response = await get('/api/v1/admin/explainers/p-wages')
    expect(response.statusCode).toBe(200)
    const stored = await app().db.selectFrom('content_items').select(['data', 'updated_at']).where('id', '=', 'p-wages').executeTakeFirstOrThrow()
    expect(response.json()).toEqual({ id: 'p-wages', source: feed.url('/policies.json'), updatedAt: new Date(Number(stored.updated_at)).toISOString(), data: JSON.parse(stored.data) })
    expect(response.json().data.body).toEqual([
      { name: 'h2', children: [{ type: 'text', text: '先协商' }] },
      { name: 'p', children: [{ type: 'text', text: '可以向' }, { name: 'strong', children: [{ type: 'text', text: '劳动保障监察' }] }, { type: 'text', text: '机构投诉。' }] },
    ])
    for (const id of ['q-1', 'p-bad', 'no-such-item']) {
      const missing = await get(`/api/v1/admin/explainers/${id}`)
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error).toEqual({ code: 'explainer_not_found', message: '没有这篇政策解读，或者它已经下线' })
    }
  })
})
