// What the service keeps from the content (built pages of changes with their gzip and brotli bytes,
// the site and calendars) on SQLite and PostgreSQL: a conditional request is answered from the
// content state without reading a page, a kept page is served again without reading it, and a
// content write (through this instance or another one on the same database) is seen by the next
// request. Also the shared read of the state: each caller gets a read started after its call.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import type { FastifyInstance } from 'fastify'

import { FreshRead } from '../../server/content/content-cache'
import * as contentRepository from '../../server/content/content.repository'
import { ingestSource } from '../../server/ingest/ingest'
import { fileSource } from '../../server/ingest/sources'
import { createServer } from '../../server/server'
import { policyItem, syncAll, writeFeed, type Page } from './content-helpers'
import { storages, useApp, useTempDir } from './storage'

jest.setTimeout(60_000)

function siteItem(hotline: string) {
  return { id: 'site', _pufa: { type: 'site', schema: 1, cityName: '佛山', bureauName: '佛山市人力资源和社会保障局', hotline, districts: [{ code: '440604', name: '禅城区' }] } }
}

describe.each(storages())('what is kept from the content on $name', (storage) => {
  const { app, config } = useApp(storage)
  const tempDir = useTempDir()
  let feeds = 0

  async function ingestThrough(instance: FastifyInstance, items: unknown[]) {
    feeds += 1
    const report = await ingestSource(instance.db, fileSource(writeFeed(tempDir(), `feed-${feeds}.json`, items)))
    if (report.outcome !== 'ingested') throw new Error(`ingest failed: ${report.error}`)
  }

  /** The page, whatever encoding it came in (small ones are not compressed). */
  function pageOf(response: { rawPayload: Buffer; headers: Record<string, unknown> }): Page {
    const encoding = response.headers['content-encoding']
    const bytes = encoding === 'gzip' ? gunzipSync(response.rawPayload) : encoding === 'br' ? brotliDecompressSync(response.rawPayload) : response.rawPayload
    return JSON.parse(bytes.toString('utf8')) as Page
  }

  const get = (instance: FastifyInstance, url: string, headers: Record<string, string> = {}) => instance.inject({ method: 'GET', url, headers })

  afterEach(() => jest.restoreAllMocks())

  it('answers a conditional request from the content state, without reading the page, and serves a kept page again without reading it', async () => {
    await ingestThrough(app(), Array.from({ length: 30 }, (_, index) => policyItem(`kept-${index}`)))
    const url = '/api/v1/content/changes?limit=20'
    const first = await get(app(), url, { 'accept-encoding': 'gzip' })
    expect(first.statusCode).toBe(200)
    const etag = String(first.headers.etag)

    const reads = jest.spyOn(contentRepository, 'readChangesPage')
    for (let round = 0; round < 5; round += 1) {
      const notModified = await get(app(), url, { 'accept-encoding': 'gzip', 'if-none-match': etag })
      expect(notModified.statusCode).toBe(304)
      expect(notModified.body).toBe('')
      expect(notModified.headers.etag).toBe(etag)
      expect(notModified.headers['cache-control']).toBe('no-cache')
    }
    const again = await get(app(), url, { 'accept-encoding': 'gzip' })
    expect(again.statusCode).toBe(200)
    expect(again.headers.etag).toBe(etag)
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true)
    expect(reads).not.toHaveBeenCalled()

    // Another page is read once, then kept.
    await get(app(), '/api/v1/content/changes?limit=21')
    await get(app(), '/api/v1/content/changes?limit=21')
    expect(reads).toHaveBeenCalledTimes(1)
  })

  it('sends the kept gzip and brotli bytes of the same text, as @fastify/compress would choose them', async () => {
    await ingestThrough(app(), Array.from({ length: 10 }, (_, index) => policyItem(`encoded-${index}`)))
    const url = '/api/v1/content/changes'
    const plain = await get(app(), url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8')
    const text = plain.body
    expect(JSON.parse(text)).toMatchObject({ hasMore: false })

    const cases: [string, string | undefined, (bytes: Buffer) => Buffer][] = [
      ['gzip', 'gzip', gunzipSync],
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['br;q=0.5, gzip', 'gzip', gunzipSync],
      // compress reads * as gzip.
      ['*', 'gzip', gunzipSync],
      ['x-gzip', 'gzip', gunzipSync],
      ['deflate', 'deflate', (bytes) => bytes],
      ['identity', undefined, (bytes) => bytes],
    ]
    for (const [accept, encoding, decode] of cases) {
      const response = await get(app(), url, { 'accept-encoding': accept })
      expect([accept, response.statusCode, response.headers['content-encoding']]).toEqual([accept, 200, encoding])
      expect(response.headers.etag).toBe(plain.headers.etag)
      if (encoding === 'deflate') continue // compressed on the fly by @fastify/compress, as before
      expect(decode(response.rawPayload).toString('utf8')).toBe(text)
      if (encoding !== undefined) expect(response.headers.vary).toBe('accept-encoding')
    }
    // The client that asks not to have it compressed.
    expect((await get(app(), url, { 'accept-encoding': 'gzip', 'x-no-compression': '1' })).headers['content-encoding']).toBeUndefined()
  })

  it('serves the new page, ETag and site after a content write', async () => {
    await ingestThrough(app(), [siteItem('0757-11111')])
    const { cursor } = await syncAll(app())
    const url = `/api/v1/content/changes?since=${cursor}`
    const before = await get(app(), url, { 'accept-encoding': 'gzip' })
    expect(before.statusCode).toBe(200)
    expect((await get(app(), '/api/v1/site')).json()).toMatchObject({ hotline: '0757-11111' })

    await ingestThrough(app(), [siteItem('0757-22222'), policyItem('after-write')])
    const after = await get(app(), url, { 'accept-encoding': 'gzip', 'if-none-match': String(before.headers.etag) })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    const page = pageOf(after)
    expect(page.items.map((item) => item.id).sort()).toEqual(['after-write', 'site'])
    expect((await get(app(), '/api/v1/site')).json()).toMatchObject({ hotline: '0757-22222' })
  })

  it('serves what another instance on the same database wrote, though it kept the page before', async () => {
    const other = await createServer(config(), { logger: false })
    try {
      await other.ready()
      await ingestThrough(app(), [siteItem('0757-33333')])
      const { cursor } = await syncAll(other)
      const url = `/api/v1/content/changes?since=${cursor}`
      const before = await get(other, url, { 'accept-encoding': 'br' })
      expect(before.statusCode).toBe(200)
      const etag = String(before.headers.etag)
      expect((await get(other, url, { 'if-none-match': etag })).statusCode).toBe(304)
      expect((await get(other, '/api/v1/site')).json()).toMatchObject({ hotline: '0757-33333' })
      // Both instances give one page the same ETag.
      expect((await get(app(), url, { 'if-none-match': etag })).statusCode).toBe(304)

      await ingestThrough(app(), [siteItem('0757-44444'), policyItem('written-elsewhere')])

      const after = await get(other, url, { 'accept-encoding': 'br', 'if-none-match': etag })
      expect(after.statusCode).toBe(200)
      expect(after.headers.etag).not.toBe(etag)
      const page = pageOf(after)
      expect(page.items.map((item) => item.id).sort()).toEqual(['site', 'written-elsewhere'])
      expect((await get(other, '/api/v1/site')).json()).toMatchObject({ hotline: '0757-44444' })
      expect((await get(app(), url, { 'if-none-match': String(after.headers.etag) })).statusCode).toBe(304)
    } finally {
      await other.close()
    }
  })
})

describe('a fresh shared read', () => {
  function controlledLoad() {
    const pending: ((value: number) => void)[] = []
    let started = 0
    const load = () =>
      new Promise<number>((resolve) => {
        started += 1
        pending.push(resolve)
      })
    return { load, pending, started: () => started }
  }

  /** Lets the event loop go round twice: a read due to start has started. */
  async function turns() {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve))
  }

  it('shares a read with the callers that arrive before it starts, and starts the next one for those arriving while it runs', async () => {
    const { load, pending, started } = controlledLoad()
    const fresh = new FreshRead(load)
    // Arrived in the same turn of the event loop: one read, started after both calls.
    const first = fresh.read()
    const second = fresh.read()
    expect(second).toBe(first)
    expect(started()).toBe(0)
    await turns()
    expect(started()).toBe(1)
    // Arrived while the first read runs: a read of their own, after it, shared among them.
    const third = fresh.read()
    const fourth = fresh.read()
    expect(third).not.toBe(first)
    expect(fourth).toBe(third)
    await turns()
    expect(started()).toBe(1)
    pending[0](1)
    expect(await first).toBe(1)
    expect(await second).toBe(1)
    await turns()
    expect(started()).toBe(2)
    const fifth = fresh.read() // arrived while the second read runs
    pending[1](2)
    expect(await third).toBe(2)
    expect(await fourth).toBe(2)
    await turns()
    expect(started()).toBe(3)
    pending[2](3)
    expect(await fifth).toBe(3)
    // Idle again: the next caller's read starts within the turn.
    const sixth = fresh.read()
    await turns()
    expect(started()).toBe(4)
    pending[3](4)
    expect(await sixth).toBe(4)
  })

  it('lets a failed read fail its callers only', async () => {
    let calls = 0
    const fresh = new FreshRead(async () => {
      calls += 1
      if (calls === 1) throw new Error('database gone')
      return calls
    })
    await expect(fresh.read()).rejects.toThrow('database gone')
    expect(await fresh.read()).toBe(2)
  })
})
