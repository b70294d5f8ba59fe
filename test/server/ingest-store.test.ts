// What an ingest does to the stored content, on SQLite and PostgreSQL: the last good content
// survives failing sources, rejected items never overwrite good ones, tombstones come from
// complete feeds only, an unchanged item takes no new seq, and polling stops with the app.
import { createServer } from '../../server/server'
import { purgeTombstones } from '../../server/content/content.repository'
import { migrate } from '../../server/db/migrations'
import { ingestSource } from '../../server/ingest/ingest'
import { urlSource, type ContentSource } from '../../server/ingest/sources'
import { jsonFeed, lastSeq, policyItem, questionItem, storedItems, syncAll } from './content-helpers'
import { useFeedServer } from './feed-server'
import { storages, useApp, useStorage } from './storage'

jest.setTimeout(30_000)

describe.each(storages())('ingest into $name', (storage) => {
  const { app } = useApp(storage)
  const server = useFeedServer()

  let counter = 0
  /** A source of its own for each test, served by the local CMS. */
  function newSource(): { source: ContentSource; serve: (body: string, extra?: { status?: number; etag?: string; contentType?: string }) => void } {
    counter += 1
    const path = `/feed-${counter}.json`
    const source = urlSource(server.url(path))!
    return {
      source,
      serve: (body, extra = {}) =>
        server.answer(path, { status: extra.status, etag: extra.etag, headers: { 'content-type': extra.contentType ?? 'application/feed+json' }, body }),
    }
  }

  const health = async () => app().inject({ method: 'GET', url: '/api/v1/health' }).then((response) => response.json())

  it('keeps the last good content when the source fails, and shows the failure in health', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([policyItem('keep-1'), policyItem('keep-2')], { complete: true }))
    expect(await ingestSource(app().db, source)).toMatchObject({ outcome: 'ingested', added: 2 })
    const before = await storedItems(app().db)
    const seq = await lastSeq(app().db)

    const failures: [string, Parameters<typeof serve>][] = [
      ['订阅源返回了错误（HTTP 503）', ['busy', { status: 503 }]],
      ['订阅源地址返回的是网页，不是订阅源（请检查地址是否正确）', ['<!DOCTYPE html><html><body>登录</body></html>', { contentType: 'text/html' }]],
      ['订阅源的 JSON 格式有误，无法读取', ['{"version":', {}]],
      ['完整订阅源一条内容都没有，可能是导出出错；为稳妥起见，已保留现有内容', [jsonFeed([], { complete: true }), {}]],
    ]
    for (const [error, answer] of failures) {
      serve(...answer)
      expect(await ingestSource(app().db, source)).toMatchObject({ outcome: 'failed', error })
      expect(await storedItems(app().db)).toEqual(before)
      expect(await lastSeq(app().db)).toBe(seq)
      const status = (await health()).sources.find((entry: { name: string }) => entry.name === source.name)
      expect(status).toEqual({ name: source.name, lastSuccessAt: expect.any(String), lastFailureAt: expect.any(String), lastError: error, itemCount: 2, rejectedCount: 0, rejected: [] })
    }

    serve(jsonFeed([policyItem('keep-1'), policyItem('keep-2')], { complete: true }))
    expect(await ingestSource(app().db, source)).toMatchObject({ outcome: 'ingested', unchanged: 2 })
    const status = (await health()).sources.find((entry: { name: string }) => entry.name === source.name)
    expect(status.lastError).toBeNull()
  })

  it('never lets a rejected item overwrite its stored good version', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([questionItem('guarded-q')]))
    await ingestSource(app().db, source)
    const good = (await storedItems(app().db)).get('guarded-q')

    serve(jsonFeed([questionItem('guarded-q', { answer: ['z'], stem: '改坏了的题目' })], { complete: true }))
    const report = await ingestSource(app().db, source)
    expect(report.rejected.map((item) => item.reason)).toEqual(['第1条（id: guarded-q）：answer 中的 "z" 不是任何选项的 id'])
    expect(report.deleted).toBe(0)
    expect((await storedItems(app().db)).get('guarded-q')).toEqual(good)
  })

  it('gives an unchanged item no new seq, and a changed one the next', async () => {
    const { source, serve } = newSource()
    const items = [policyItem('same-1'), policyItem('same-2', { tags: ['a', 'b'] })]
    serve(jsonFeed(items))
    await ingestSource(app().db, source)
    const seq = await lastSeq(app().db)
    const before = await storedItems(app().db)

    // The same content written differently (whitespace, duplicate tags) is the same normalised data.
    serve(jsonFeed([policyItem('same-1', { title: '  解读 same-1 ' }), policyItem('same-2', { tags: ['a', 'b', 'a', ' '] })]))
    expect(await ingestSource(app().db, source)).toMatchObject({ outcome: 'ingested', added: 0, updated: 0, unchanged: 2 })
    expect(await lastSeq(app().db)).toBe(seq)
    expect(await storedItems(app().db)).toEqual(before)

    serve(jsonFeed([policyItem('same-1', { title: '新标题' }), items[1]]))
    expect(await ingestSource(app().db, source)).toMatchObject({ added: 0, updated: 1, unchanged: 1 })
    expect(await lastSeq(app().db)).toBe(seq + 1)
    expect((await storedItems(app().db)).get('same-1')).toMatchObject({ seq: seq + 1, data: expect.objectContaining({ title: '新标题' }) })
  })

  it('ignores an older copy of an item the CMS has changed since', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([policyItem('dated', { title: '新', date_modified: '2024-06-01 10:00:00' })]))
    await ingestSource(app().db, source)
    serve(jsonFeed([policyItem('dated', { title: '旧', date_modified: '2024-05-01 10:00:00' })]))
    expect(await ingestSource(app().db, source)).toMatchObject({ updated: 0, unchanged: 1 })
    expect((await storedItems(app().db)).get('dated')?.data.title).toBe('新')
  })

  it('deletes what a complete feed no longer lists, and nothing for a rolling feed', async () => {
    const complete = newSource()
    complete.serve(jsonFeed([policyItem('full-1'), policyItem('full-2'), policyItem('full-3')], { complete: true }))
    await ingestSource(app().db, complete.source)
    const seq = await lastSeq(app().db)
    complete.serve(jsonFeed([policyItem('full-1')], { complete: true }))
    expect(await ingestSource(app().db, complete.source)).toMatchObject({ deleted: 2, unchanged: 1 })
    const stored = await storedItems(app().db)
    expect(stored.get('full-2')).toMatchObject({ deleted: true, seq: seq + 1 })
    expect(stored.get('full-3')).toMatchObject({ deleted: true, seq: seq + 2 })
    expect(stored.get('full-1')?.deleted).toBe(false)

    // Deleted again by the next full listing: nothing more to do.
    expect(await ingestSource(app().db, complete.source)).toMatchObject({ deleted: 0, unchanged: 1 })
    // Back in the listing: added again with a new seq.
    complete.serve(jsonFeed([policyItem('full-1'), policyItem('full-2')], { complete: true }))
    expect(await ingestSource(app().db, complete.source)).toMatchObject({ added: 1, deleted: 0 })
    expect((await storedItems(app().db)).get('full-2')).toMatchObject({ deleted: false, seq: seq + 3 })

    const rolling = newSource()
    rolling.serve(jsonFeed([policyItem('roll-1'), policyItem('roll-2')]))
    await ingestSource(app().db, rolling.source)
    rolling.serve(jsonFeed([policyItem('roll-3')]))
    expect(await ingestSource(app().db, rolling.source)).toMatchObject({ added: 1, deleted: 0 })
    const rolled = await storedItems(app().db)
    expect(['roll-1', 'roll-2', 'roll-3'].map((id) => rolled.get(id)?.deleted)).toEqual([false, false, false])
  })

  it('deletes only what its own source provided', async () => {
    const first = newSource()
    const second = newSource()
    first.serve(jsonFeed([policyItem('mine-1'), policyItem('mine-2')], { complete: true }))
    second.serve(jsonFeed([policyItem('theirs-1')], { complete: true }))
    await ingestSource(app().db, first.source)
    await ingestSource(app().db, second.source)
    first.serve(jsonFeed([policyItem('mine-1')], { complete: true }))
    expect(await ingestSource(app().db, first.source)).toMatchObject({ deleted: 1 })
    expect((await storedItems(app().db)).get('theirs-1')?.deleted).toBe(false)
  })

  it('writes nothing on a dry run, but counts what it would do', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([policyItem('dry-1'), policyItem('dry-2')], { complete: true }))
    await ingestSource(app().db, source)
    const before = await storedItems(app().db)
    const seq = await lastSeq(app().db)
    serve(jsonFeed([policyItem('dry-1', { title: '改' }), policyItem('dry-3'), questionItem('dry-q', { answer: [] })], { complete: true }))
    const report = await ingestSource(app().db, source, { dryRun: true })
    expect(report).toMatchObject({ outcome: 'ingested', dryRun: true, added: 1, updated: 1, deleted: 1, unchanged: 0 })
    expect(report.rejected).toHaveLength(1)
    expect(await storedItems(app().db)).toEqual(before)
    expect(await lastSeq(app().db)).toBe(seq)
  })

  it('asks again with If-None-Match and writes nothing on 304', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([policyItem('etag-1')]), { etag: '"v1"' })
    expect(await ingestSource(app().db, source, { conditional: true })).toMatchObject({ outcome: 'ingested', added: 1 })
    const seq = await lastSeq(app().db)
    expect(await ingestSource(app().db, source, { conditional: true })).toMatchObject({ outcome: 'not_modified', added: 0 })
    const asked = server.requests.filter((request) => request.path === new URL(source.name).pathname)
    expect(asked.map((request) => request.headers['if-none-match'])).toEqual([undefined, '"v1"'])
    expect(await lastSeq(app().db)).toBe(seq)
    // A manual ingest reads everything regardless.
    expect(await ingestSource(app().db, source)).toMatchObject({ outcome: 'ingested', unchanged: 1 })
  })

  it('keeps contest questions off the sync stream, and withdraws a practice question that becomes one', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([questionItem('bank-practice'), questionItem('bank-contest', { bank: 'contest' })], { complete: true }))
    await ingestSource(app().db, source)
    let synced = await syncAll(app())
    expect(synced.items.map((item) => item.id)).toContain('bank-practice')
    expect(synced.items.map((item) => item.id)).not.toContain('bank-contest')

    serve(jsonFeed([questionItem('bank-practice', { bank: 'contest' }), questionItem('bank-contest', { bank: 'contest' })], { complete: true }))
    await ingestSource(app().db, source)
    synced = await syncAll(app(), { since: synced.cursor })
    expect(synced.items).toEqual([{ id: 'bank-practice', type: 'quiz_question', seq: expect.any(Number), deleted: true }])
    expect((await storedItems(app().db)).get('bank-practice')).toMatchObject({ deleted: false, served: false, data: expect.objectContaining({ bank: 'contest' }) })

    // Removed from the feed: the server-only tombstone of a question phones never had stays off the stream too.
    serve(jsonFeed([questionItem('bank-practice', { bank: 'contest' })], { complete: true }))
    await ingestSource(app().db, source)
    const all = await syncAll(app())
    expect(all.items.map((item) => item.id)).not.toContain('bank-contest')
  })

  it('purges old tombstones and moves the purge horizon', async () => {
    const { source, serve } = newSource()
    serve(jsonFeed([policyItem('purge-1'), policyItem('purge-2')], { complete: true }))
    await ingestSource(app().db, source)
    serve(jsonFeed([policyItem('purge-1')], { complete: true }))
    await ingestSource(app().db, source)
    const tombstone = (await storedItems(app().db)).get('purge-2')
    expect(tombstone?.deleted).toBe(true)
    expect(await purgeTombstones(app().db, Date.now() - 60_000)).toBe(0)
    expect(await purgeTombstones(app().db, Date.now() + 1)).toBeGreaterThanOrEqual(1)
    expect((await storedItems(app().db)).has('purge-2')).toBe(false)
    const state = await app().db.selectFrom('content_state').selectAll().executeTakeFirstOrThrow()
    expect(Number(state.purged_seq)).toBeGreaterThanOrEqual(tombstone!.seq)
  })
})

describe.each(storages())('polling on $name', (storage) => {
  const server = useFeedServer()
  const { config } = useStorage(storage)

  it('polls the configured sources, records their state, and stops with the app', async () => {
    server.answer('/poll.json', { etag: '"p1"', body: jsonFeed([policyItem('polled-1')]) })
    server.answer('/down.json', { status: 502 })
    const app = await createServer(
      { ...config(), contentSources: [urlSource(server.url('/poll.json'))!, urlSource(server.url('/down.json'))!], contentPollSeconds: 10 },
      { logger: false },
    )
    try {
      await app.ready()
      await migrate(app.db)
      app.contentPoller.start()
      const deadline = Date.now() + 10_000
      let sources: { name: string; lastSuccessAt: string | null; lastError: string | null; itemCount: number }[] = []
      while (Date.now() < deadline) {
        sources = (await app.inject({ method: 'GET', url: '/api/v1/health' })).json().sources
        if (sources.every((source) => source.lastSuccessAt !== null || source.lastError !== null)) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(sources).toEqual([
        expect.objectContaining({ name: server.url('/down.json'), lastSuccessAt: null, lastError: '订阅源返回了错误（HTTP 502）', itemCount: 0 }),
        expect.objectContaining({ name: server.url('/poll.json'), lastError: null, itemCount: 1 }),
      ])
      // A round of its own: the stored ETag goes out and 304 changes nothing.
      const reports = await app.contentPoller.pollOnce()
      expect(reports.map((report) => report.outcome)).toEqual(['not_modified', 'failed'])
      expect(server.requests.filter((request) => request.path === '/poll.json').at(-1)?.headers['if-none-match']).toBe('"p1"')
    } finally {
      await app.close()
    }
  })

  it('aborts a fetch in flight when the app closes', async () => {
    server.answer('/hang.json', { delayMs: 60_000, body: '{}' })
    const app = await createServer({ ...config(), contentSources: [urlSource(server.url('/hang.json'))!], contentPollSeconds: 10 }, { logger: false })
    await app.ready()
    await migrate(app.db)
    app.contentPoller.start()
    const deadline = Date.now() + 5000
    while (!server.requests.some((request) => request.path === '/hang.json') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const started = Date.now()
    await app.close()
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
