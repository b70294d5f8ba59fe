// GET /api/v1/content/changes on SQLite and PostgreSQL: paging, the opaque cursor, ETag/304,
// 410 and 400, and the guarantee that matters most: while ingests write, clients paging through
// the changes never skip an item and never apply one twice or out of order.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

import { purgeTombstones, withContentWrite } from '../../server/content/content.repository'
import { decodeCursor, encodeCursor } from '../../server/content/cursor'
import { ingestSource } from '../../server/ingest/ingest'
import { fileSource } from '../../server/ingest/sources'
import { changes, jsonFeed, policyItem, questionItem, storedItems, syncAll, writeFeed, type Page, type SyncedItem } from './content-helpers'
import { storages, useApp, useTempDir } from './storage'

jest.setTimeout(60_000)

describe.each(storages())('content changes on $name', (storage) => {
  const { app } = useApp(storage)
  const tempDir = useTempDir()

  async function ingestFeed(name: string, items: unknown[], options: { complete?: boolean; batchSize?: number } = {}) {
    const file = writeFeed(tempDir(), name, items, options)
    const report = await ingestSource(app().db, fileSource(file), { batchSize: options.batchSize })
    if (report.outcome !== 'ingested') throw new Error(`ingest failed: ${report.error}`)
    return report
  }

  it('answers an empty database with an empty page and a cursor', async () => {
    const response = await changes(app())
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/)
    const page = response.json<Page>()
    expect(page).toEqual({ epoch: expect.stringMatching(/^[0-9a-f]{32}$/), schema: 1, minClientSchema: 1, items: [], cursor: expect.any(String), hasMore: false })
    expect(decodeCursor(page.cursor)).toEqual({ epoch: page.epoch, seq: 0, floor: 0 })
  })

  it('sends the short API headers, not the page ones', async () => {
    const response = await changes(app())
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['strict-transport-security']).toBeDefined()
    expect(response.headers['x-frame-options']).toBe('DENY')
    for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      expect(response.headers[name]).toBeUndefined()
    }
  })

  it('pages through the changes in seq order, and the cursor carries on where it stopped', async () => {
    const items = Array.from({ length: 25 }, (_, index) => policyItem(`page-${String(index).padStart(2, '0')}`))
    await ingestFeed('paging.json', [...items, questionItem('page-contest', { bank: 'contest' })], { complete: true })

    const seen: SyncedItem[] = []
    const pages: Page[] = []
    let since: string | undefined
    do {
      const response = await changes(app(), { since, limit: 10 })
      expect(response.statusCode).toBe(200)
      const page = response.json<Page>()
      pages.push(page)
      seen.push(...page.items)
      since = page.cursor
    } while (pages[pages.length - 1].hasMore)

    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5])
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, false])
    const seqs = seen.map((item) => item.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(25)
    expect(seen.map((item) => item.id)).toEqual(items.map((item) => item.id))
    expect(seen.every((item) => item.type === 'policy' && item.deleted === false && item.data !== undefined)).toBe(true)
    // Contest questions never appear, not even as ids.
    expect(JSON.stringify(pages)).not.toContain('page-contest')

    const again = (await changes(app(), { since })).json<Page>()
    expect(again).toMatchObject({ items: [], hasMore: false, cursor: since })
  })

  it('serves each id once, in its latest state, and deletions without data', async () => {
    const { cursor } = await syncAll(app())
    await ingestFeed('latest.json', [policyItem('latest-1'), policyItem('latest-2'), policyItem('latest-3')], { complete: true })
    await ingestFeed('latest.json', [policyItem('latest-1', { title: '第二版' }), policyItem('latest-3')], { complete: true })
    await ingestFeed('latest.json', [policyItem('latest-1', { title: '第三版' }), policyItem('latest-3')], { complete: true })

    const { items } = await syncAll(app(), { since: cursor })
    expect(items.map((item) => [item.id, item.deleted])).toEqual([
      ['latest-3', false],
      ['latest-2', true],
      ['latest-1', false],
    ])
    expect(items.find((item) => item.id === 'latest-1')?.data).toMatchObject({ title: '第三版' })
    expect(items.find((item) => item.id === 'latest-2')).toEqual({ id: 'latest-2', type: 'policy', seq: expect.any(Number), deleted: true })
  })

  it('answers 304 to a matching If-None-Match, until something changes', async () => {
    const { cursor } = await syncAll(app())
    const first = await changes(app(), { since: cursor })
    const etag = String(first.headers.etag)
    const url = `/api/v1/content/changes?since=${cursor}`
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await app().inject({ method: 'GET', url, headers: { 'if-none-match': header } })
      expect(response.statusCode).toBe(304)
      expect(response.body).toBe('')
      expect(response.headers.etag).toBe(etag)
    }
    expect((await app().inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200)

    await ingestFeed('etag.json', [policyItem('etag-new')])
    const changed = await app().inject({ method: 'GET', url, headers: { 'if-none-match': etag } })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(changed.json<Page>().items.map((item) => item.id)).toEqual(['etag-new'])
  })

  it('answers a conditional request early only when the handler would say the same', async () => {
    const { cursor } = await syncAll(app())
    const { epoch, seq, floor } = decodeCursor(cursor)!
    const conditional = (query: string, etag = '*') => app().inject({ method: 'GET', url: `/api/v1/content/changes${query}`, headers: { 'if-none-match': etag } })

    // The 304 carries the same short API headers as a page.
    const notModified = await conditional(`?since=${cursor}&limit=200&_=1`)
    expect(notModified.statusCode).toBe(304)
    expect(notModified.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(notModified.headers['cache-control']).toBe('no-cache')
    expect(notModified.headers['x-content-type-options']).toBe('nosniff')
    expect(notModified.headers['x-dns-prefetch-control']).toBeUndefined()
    // An explicit default limit and a leading zero are the same page as no limit.
    const etag = String(notModified.headers.etag)
    expect((await conditional(`?since=${cursor}`, etag)).statusCode).toBe(304)
    expect((await conditional(`?since=${cursor}&limit=0200`, etag)).statusCode).toBe(304)

    // Whatever the handler refuses is refused, even with If-None-Match: *.
    for (const query of ['?limit=abc', '?limit=0', '?limit=501', `?limit=10&limit=20`, '?since=nonsense', `?since=${cursor}&since=${cursor}`]) {
      const response = await conditional(query)
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 })
    }
    const foreign = await conditional(`?since=${encodeCursor({ epoch: 'f'.repeat(32), seq, floor })}`)
    expect(foreign.statusCode).toBe(410)
    const ahead = await conditional(`?since=${encodeCursor({ epoch, seq: seq + 1, floor })}`)
    expect(ahead.statusCode).toBe(410)
  })

  it('compresses pages for clients that accept gzip', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/v1/content/changes', headers: { 'accept-encoding': 'gzip' } })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers.etag).toBeDefined()
    const page = JSON.parse(gunzipSync(response.rawPayload).toString('utf8')) as Page
    expect(page.items.length).toBeGreaterThan(0)
  })

  it.each([
    ['garbage', 'not a cursor!'],
    ['base64 of something else', Buffer.from('hello world').toString('base64url')],
    ['a negative seq', Buffer.from('abc.-1.0').toString('base64url')],
    ['a huge seq', Buffer.from('abc.99999999999999999999.0').toString('base64url')],
    ['no floor', Buffer.from('abc.1').toString('base64url')],
  ])('answers 400 to a malformed cursor (%s)', async (_name, since) => {
    const response = await changes(app(), { since })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: { code: 'invalid_cursor', message: '同步位置无法识别，请从头重新同步内容', fields: { since: '同步位置无法识别，请从头重新同步内容' } } })
  })

  it('answers 400 to a page size out of range', async () => {
    for (const limit of ['0', '501', 'abc', '-3']) {
      const response = await app().inject({ method: 'GET', url: `/api/v1/content/changes?limit=${limit}` })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
    }
    expect((await changes(app(), { limit: 500 })).statusCode).toBe(200)
  })

  it('answers 410 to a cursor of another epoch, from before purged deletions, or ahead of the database', async () => {
    const { cursor } = await syncAll(app())
    const { epoch, seq, floor } = decodeCursor(cursor)!
    const gone = { error: { code: 'sync_reset', message: '服务器上的内容已重新整理，需要从头重新同步一次' } }

    const foreign = await changes(app(), { since: encodeCursor({ epoch: 'f'.repeat(32), seq, floor }) })
    expect(foreign.statusCode).toBe(410)
    expect(foreign.json()).toEqual(gone)

    const ahead = await changes(app(), { since: encodeCursor({ epoch, seq: seq + 1000, floor }) })
    expect(ahead.statusCode).toBe(410)

    await ingestFeed('purge.json', [policyItem('purged-1'), policyItem('purged-2')], { complete: true })
    const old = (await syncAll(app(), { since: cursor })).cursor
    await ingestFeed('purge.json', [policyItem('purged-1')], { complete: true })
    expect((await changes(app(), { since: old })).statusCode).toBe(200)
    await purgeTombstones(app().db, Date.now() + 1)
    const purged = await changes(app(), { since: old })
    expect(purged.statusCode).toBe(410)
    expect(purged.json()).toEqual(gone)
    // Starting again from nothing works, and the fresh cursor is good.
    const fresh = await syncAll(app())
    expect(fresh.items.map((item) => item.id)).not.toContain('purged-2')
    expect((await changes(app(), { since: fresh.cursor })).statusCode).toBe(200)
  })

  it('makes a second writer wait for the first, so a reader never sees a later seq before an earlier one', async () => {
    const before = (await syncAll(app())).cursor
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const row = (id: string, seq: number) => ({
      id,
      type: 'policy',
      source: 'lock-test',
      seq,
      deleted: 0,
      served: 1,
      listed: 1,
      data: JSON.stringify({ title: id }),
      hash: id,
      modified_at: null,
      updated_at: Date.now(),
    })
    const first = withContentWrite(app().db, async (trx, nextSeq) => {
      await trx.insertInto('content_items').values(row('lock-first', nextSeq())).execute()
      await sleep(300)
    })
    await sleep(50)
    const second = withContentWrite(app().db, async (trx, nextSeq) => {
      await trx.insertInto('content_items').values(row('lock-second', nextSeq())).execute()
    })
    await sleep(100)
    const during = await changes(app(), { since: before })
    await Promise.all([first, second])
    const after = (await syncAll(app(), { since: before })).items

    expect(after.map((item) => item.id)).toEqual(['lock-first', 'lock-second'])
    expect(after[0].seq).toBeLessThan(after[1].seq)
    const seenDuring = during.json<Page>().items.map((item) => item.id)
    expect([[], ['lock-first'], ['lock-first', 'lock-second']]).toContainEqual(seenDuring)
  })

  it('never skips or repeats a change for clients syncing while ingests write', async () => {
    const base = (await syncAll(app())).cursor
    const feedA = path.join(tempDir(), 'race-a.json')
    const feedB = path.join(tempDir(), 'race-b.json')
    const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, index) => `${prefix}-${from + index}`)
    const rounds = (prefix: string) => [
      [...ids(prefix, 0, 60).map((id) => policyItem(id)), questionItem(`${prefix}-q`)],
      // Updates, deletions (complete feed), additions, and a practice question moving to the contest bank.
      [
        ...ids(prefix, 0, 50).map((id, index) => policyItem(id, index % 2 === 0 ? { title: `${id} 第二版` } : {})),
        ...ids(prefix, 60, 75).map((id) => policyItem(id)),
        questionItem(`${prefix}-q`, { bank: 'contest' }),
      ],
      [...ids(prefix, 0, 40).map((id, index) => policyItem(id, { title: `${id} 第三版 ${index % 3}` })), ...ids(prefix, 60, 90).map((id) => policyItem(id))],
    ]
    const writer = async (file: string, prefix: string) => {
      for (const items of rounds(prefix)) {
        writeFileSync(file, jsonFeed(items, { complete: true }))
        const report = await ingestSource(app().db, fileSource(file), { batchSize: 4 })
        expect(report.outcome).toBe('ingested')
      }
    }

    interface Client {
      state: Map<string, SyncedItem>
      applied: { id: string; seq: number }[]
      position: number
      cursor: string
    }
    const clients: Client[] = Array.from({ length: 3 }, () => ({ state: new Map(), applied: [], position: decodeCursor(base)!.seq, cursor: base }))
    const problems: string[] = []

    const pull = async (client: Client): Promise<boolean> => {
      const response = await changes(app(), { since: client.cursor, limit: 7 })
      if (response.statusCode !== 200) {
        problems.push(`status ${response.statusCode}`)
        return false
      }
      const page = response.json<Page>()
      const pageIds = new Set<string>()
      for (const item of page.items) {
        if (item.seq <= client.position) problems.push(`${item.id}@${item.seq} is not after ${client.position}`)
        if (pageIds.has(item.id)) problems.push(`${item.id} twice in one page`)
        const previous = client.state.get(item.id)
        if (previous && previous.seq >= item.seq) problems.push(`${item.id}@${item.seq} applied again after @${previous.seq}`)
        pageIds.add(item.id)
        client.position = item.seq
        client.state.set(item.id, item)
        client.applied.push({ id: item.id, seq: item.seq })
      }
      client.cursor = page.cursor
      return page.hasMore
    }

    let writing = true
    const writers = Promise.all([writer(feedA, 'race-a'), writer(feedB, 'race-b')]).finally(() => {
      writing = false
    })
    const readers = clients.map(async (client) => {
      let requests = 0
      while (writing) {
        await pull(client)
        requests += 1
        await new Promise((resolve) => setImmediate(resolve))
      }
      return requests
    })
    await writers
    const requests = await Promise.all(readers)
    expect(requests.every((count) => count > 0)).toBe(true)

    // Every change at or before a client's position must have reached that client: a change
    // committed behind a reader's back would be missing here.
    const final = await storedItems(app().db)
    const listed = await app().db.selectFrom('content_items').select(['id', 'seq']).where('listed', '=', 1).execute()
    for (const client of clients) {
      for (const row of listed) {
        const seq = Number(row.seq)
        if (seq > decodeCursor(base)!.seq && seq <= client.position && !client.applied.some((applied) => applied.id === row.id && applied.seq === seq)) {
          problems.push(`${row.id}@${seq} skipped by a client at ${client.position}`)
        }
      }
      while (await pull(client));
      for (const [id, row] of final) {
        if (!id.startsWith('race-')) continue
        const synced = client.state.get(id)
        const visible = !row.deleted && row.served
        if (visible) {
          if (!synced || synced.deleted || JSON.stringify(synced.data) !== JSON.stringify(row.data)) problems.push(`${id} differs from the stored state`)
        } else if (synced && !synced.deleted) {
          problems.push(`${id} should be deleted on the phone`)
        }
      }
      for (const [id, synced] of client.state) {
        if (!synced.deleted && !final.has(id)) problems.push(`${id} is unknown to the server`)
      }
    }
    expect(problems).toEqual([])
    const visibleCount = [...final.values()].filter((row) => row.id.startsWith('race-') && !row.deleted && row.served).length
    expect(visibleCount).toBe(2 * 70)
    for (const client of clients) expect([...client.state.values()].filter((item) => !item.deleted).length).toBe(visibleCount)
  })
})
