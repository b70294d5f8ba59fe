/**
 * The content store against a real HTTP server (sync-server.ts) and Taro's H5 storage, which is
 * jsdom's localStorage here. A "restart" is a second store over the same storage.
 */
import Taro from '@tarojs/taro'
import { utf8Bytes } from '../../src/core/sync/shards'
import { createContentStore, type ContentStore, type ContentStoreOptions } from '../../src/services/content-store'
import { policy } from '../core/sync/feed'
import { ChangesServer } from './sync-server'

const MANIFEST = 'pufa.content.manifest'
const SHARD = 'pufa.content.shard.'

let server: ChangesServer
const stores: ContentStore[] = []

function store(options: ContentStoreOptions = {}): ContentStore {
  const created = createContentStore({ pageSize: 3, ...options })
  stores.push(created)
  return created
}

function publish(count: number, from = 1): void {
  for (let n = from; n < from + count; n += 1) server.feed.put('policy', `p${n}`, policy(`政策${n}`))
}

// About 50 KB of UTF-8 each: 16 of them fill an 800 KB shard.
const LONG_BODY = '劳动者依法享有获得劳动报酬的权利。'.repeat(1000)

function publishLong(count: number): void {
  for (let n = 1; n <= count; n += 1) server.feed.put('policy', `long${String(n).padStart(2, '0')}`, policy(`长篇政策${n}`, { body: [{ type: 'text', text: LONG_BODY }] }))
}

const titles = (s: ContentStore) => s.listContent('policy').map((item) => item.data.title)
const shardKeys = () => Object.keys(localStorage).filter((key) => key.startsWith(SHARD))
/** The value as Taro's H5 storage keeps it: JSON of `{ data }`. */
const storedValue = (key: string): unknown => (JSON.parse(localStorage.getItem(key) ?? 'null') as { data: unknown } | null)?.data

beforeEach(async () => {
  localStorage.clear()
  server = await new ChangesServer().start()
})

afterEach(async () => {
  stores.splice(0).forEach((s) => s.stop())
  jest.restoreAllMocks()
  await server.stop()
})

describe('a first sync', () => {
  it('downloads every page, saves it, and says it is up to date', async () => {
    publish(7)
    server.feed.put('site', 'site', { cityName: '广州', bureauName: '广州市人力资源和社会保障局', hotline: '12333', districts: [{ code: '440103', name: '荔湾区' }] })
    server.feed.put('calendar', '2026', { year: 2026, source: '国办发明电〔2025〕7号', holidays: ['2026-10-01'], workdays: ['2026-10-10'] })
    const s = store()
    expect(s.getSyncStatus()).toMatchObject({ phase: 'never', text: '还没有下载内容，连上网络后会自动更新' })

    const status = await s.syncNow('launch')
    expect(status.phase).toBe('ok')
    expect(status.text).toMatch(/^已是最新，更新于 \d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    expect(server.requests.map((r) => [r.since, r.limit, r.status])).toEqual([
      [null, 3, 200],
      ['e1:3', 3, 200],
      ['e1:6', 3, 200],
    ])
    expect(titles(s)).toEqual(['政策1', '政策2', '政策3', '政策4', '政策5', '政策6', '政策7'])
    expect(s.getContent('policy', 'p4')?.data.title).toBe('政策4')
    expect(s.getContent('policy', 'nope')).toBeNull()
    expect(s.site().districts).toEqual([{ code: '440103', name: '荔湾区' }])
    expect(s.workCalendar()).toEqual({ years: [2026], holidays: ['2026-10-01'], workdays: ['2026-10-10'] })

    // Read back with no network at all, as after a restart in a lift.
    await server.stop()
    const offline = store()
    expect(titles(offline)).toEqual(titles(s))
    expect(offline.getSyncStatus()).toMatchObject({ phase: 'ok', lastSyncedAt: status.lastSyncedAt })
    const again = await offline.syncNow('launch')
    expect(again.phase).toBe('offline')
    expect(again.text).toMatch(/^网络不可用，显示的是 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 更新的内容$/)
    expect(titles(offline)).toHaveLength(7)
  })

  it('shares one run between calls that overlap', async () => {
    publish(4)
    const s = store()
    const [a, b] = await Promise.all([s.syncNow('launch'), s.syncNow('pull')])
    expect(a).toBe(b)
    expect(server.requests).toHaveLength(2)
  })

  it('tells listeners once per saved page, and keeps the snapshot the same between changes', async () => {
    publish(5)
    const s = store()
    const seen: number[] = []
    s.subscribeContent(() => seen.push(s.listContent('policy').length))
    expect(s.listContent('policy')).toBe(s.listContent('policy'))
    await s.syncNow('launch')
    expect(seen).toEqual([3, 5])
    const before = s.listContent('policy')
    const p1 = s.getContent('policy', 'p1')
    server.feed.put('policy', 'p2', policy('政策2（修订）'))
    await s.syncNow('pull')
    expect(s.listContent('policy')).not.toBe(before)
    expect(s.getContent('policy', 'p1')).toBe(p1)
    expect(s.getContent('policy', 'p2')?.data.title).toBe('政策2（修订）')
  })
})

describe('a sync with nothing new', () => {
  it('asks with the last ETag and takes 304 as "up to date"', async () => {
    publish(2)
    const s = store()
    await s.syncNow('launch')
    const first = s.getSyncStatus().lastSyncedAt
    await s.syncNow('pull')
    await new Promise((resolve) => setTimeout(resolve, 5))
    const status = await s.syncNow('pull')
    expect(server.requests.slice(1).map((r) => [r.since, r.ifNoneMatch !== null, r.status])).toEqual([
      ['e1:2', false, 200],
      ['e1:2', true, 304],
    ])
    expect(status.phase).toBe('ok')
    expect(Date.parse(status.lastSyncedAt ?? '')).toBeGreaterThan(Date.parse(first ?? ''))
    expect(titles(s)).toEqual(['政策1', '政策2'])

    publish(1, 3)
    await s.syncNow('pull')
    expect(server.requests.at(-1)).toMatchObject({ since: 'e1:2', status: 200 })
    expect(titles(s)).toEqual(['政策1', '政策2', '政策3'])
  })
})

describe('a failure in the middle of saving', () => {
  function failManifestWrite({ cleanUp }: { cleanUp: boolean }): jest.SpyInstance {
    const realSet = Taro.setStorageSync
    let failed = false
    if (!cleanUp) jest.spyOn(Taro, 'removeStorageSync').mockImplementation(() => undefined)
    return jest.spyOn(Taro, 'setStorageSync').mockImplementation((key, data) => {
      if (key === MANIFEST && !failed) {
        failed = true
        throw new Error('setStorageSync:fail (simulated crash)')
      }
      return realSet(key, data)
    })
  }

  it('leaves the old content whole when the manifest cannot be written, and the next sync completes', async () => {
    publish(3)
    const s = store()
    await s.syncNow('launch')
    const manifestBefore = localStorage.getItem(MANIFEST)
    const shardsBefore = shardKeys()

    server.feed.put('policy', 'p1', policy('政策1（修订）')).remove('policy', 'p2')
    publish(2, 4)
    failManifestWrite({ cleanUp: true })
    const failed = await s.syncNow('pull')
    expect(failed).toMatchObject({ phase: 'error', text: '内容同步失败，稍后会自动重试' })
    expect(titles(s)).toEqual(['政策1', '政策2', '政策3'])
    expect(localStorage.getItem(MANIFEST)).toBe(manifestBefore)
    expect(shardKeys().sort()).toEqual(shardsBefore.sort())
    expect(titles(store())).toEqual(['政策1', '政策2', '政策3'])

    const done = await s.syncNow('pull')
    expect(done.phase).toBe('ok')
    expect(titles(s)).toEqual(['政策1（修订）', '政策3', '政策4', '政策5'])
    expect(titles(store())).toEqual(titles(s))
  })

  it('survives a crash that leaves new shards behind: the restart shows the old content and clears them', async () => {
    publish(3)
    await store().syncNow('launch')
    const shardsBefore = shardKeys()

    publish(3, 4)
    // The app dies right after the new shards: nothing gets to run its clean-up.
    failManifestWrite({ cleanUp: false })
    await store().syncNow('pull')
    jest.restoreAllMocks()
    expect(shardKeys().length).toBeGreaterThan(shardsBefore.length)

    const restarted = store()
    expect(titles(restarted)).toEqual(['政策1', '政策2', '政策3'])
    expect(shardKeys().sort()).toEqual(shardsBefore.sort())
    expect((await restarted.syncNow('launch')).phase).toBe('ok')
    expect(titles(restarted)).toHaveLength(6)
  })

  it('resumes an interrupted download from the last saved page', async () => {
    publish(8)
    const first = store({ maxPagesPerRun: 2 })
    expect((await first.syncNow('launch')).phase).toBe('error')
    expect(titles(first)).toHaveLength(6)

    const restarted = store()
    expect(titles(restarted)).toHaveLength(6)
    expect((await restarted.syncNow('launch')).phase).toBe('ok')
    expect(server.requests.map((r) => r.since)).toEqual([null, 'e1:3', 'e1:6'])
    expect(titles(restarted)).toEqual(['政策1', '政策2', '政策3', '政策4', '政策5', '政策6', '政策7', '政策8'])
  })

  it('repairs a shard lost from storage: what remains is shown until a full download replaces it', async () => {
    publishLong(24)
    const s = store({ pageSize: 10 })
    await s.syncNow('launch')
    const manifest = storedValue(MANIFEST) as { main: { shards: { key: string; count: number }[] } }
    expect(manifest.main.shards.length).toBe(3)
    // A value cut short, as a full disk or a killed process may leave it.
    const damaged = manifest.main.shards[1]
    localStorage.setItem(damaged.key, localStorage.getItem(damaged.key)!.slice(0, 1000))

    const restarted = store({ pageSize: 10 })
    expect(titles(restarted)).toHaveLength(24 - damaged.count)
    const before = server.requests.length
    expect((await restarted.syncNow('launch')).phase).toBe('ok')
    expect(server.requests[before].since).toBeNull()
    expect(titles(restarted)).toHaveLength(24)
    expect(titles(store())).toHaveLength(24)
  })
})

describe('sharded storage', () => {
  it('spreads content over several keys, each within WeChat’s 1 MB, and keeps count of the total', async () => {
    publishLong(30)
    const s = store({ pageSize: 10 })
    expect((await s.syncNow('launch')).phase).toBe('ok')

    const manifest = storedValue(MANIFEST) as { main: { shards: { key: string; bytes: number; count: number }[] } }
    const { shards } = manifest.main
    expect(shards.length).toBeGreaterThanOrEqual(2)
    expect(shardKeys().sort()).toEqual(shards.map((shard) => shard.key).sort())
    let total = 0
    for (const shard of shards) {
      const text = storedValue(shard.key) as string
      expect(utf8Bytes(text)).toBe(shard.bytes)
      expect(shard.bytes).toBeLessThanOrEqual(800 * 1024)
      expect(utf8Bytes(localStorage.getItem(shard.key) ?? '')).toBeLessThan(1024 * 1024)
      total += shard.bytes
    }
    expect(total).toBeGreaterThan(1_400_000)
    expect(shards.reduce((sum, shard) => sum + shard.count, 0)).toBe(30)

    // A later edit rewrites a shard, not the whole 1.5 MB.
    const written: string[] = []
    const realSet = Taro.setStorageSync
    jest.spyOn(Taro, 'setStorageSync').mockImplementation((key, data) => {
      written.push(key)
      return realSet(key, data)
    })
    server.feed.put('policy', 'long30', policy('长篇政策30（修订）'))
    await s.syncNow('pull')
    expect(written.filter((key) => key.startsWith(SHARD)).length).toBeLessThan(shards.length)
    expect(written.at(-1)).toBe(MANIFEST)
    expect(titles(store())).toContain('长篇政策30（修订）')
  })
})

describe('when the server cannot help', () => {
  it('keeps the content on a server error and says a retry will follow', async () => {
    publish(2)
    const s = store()
    await s.syncNow('launch')
    server.failures.push(500)
    const status = await s.syncNow('pull')
    expect(status).toMatchObject({ phase: 'error', text: '内容同步失败，稍后会自动重试' })
    expect(titles(s)).toEqual(['政策1', '政策2'])
  })

  it('says plainly that there is no network before anything was ever downloaded', async () => {
    await server.stop()
    const status = await store().syncNow('launch')
    expect(status).toMatchObject({ phase: 'offline', lastSyncedAt: null, text: '网络不可用，连上网络后会自动更新' })
  })

  it('syncs again by itself when the network comes back', async () => {
    publish(2)
    await server.stop()
    const s = store()
    s.start()
    await waitFor(() => s.getSyncStatus().phase === 'offline')
    await server.start()
    window.dispatchEvent(new Event('online'))
    await waitFor(() => s.getSyncStatus().phase === 'ok')
    expect(titles(s)).toEqual(['政策1', '政策2'])
  })
})

describe('410: the server no longer knows our cursor', () => {
  it('downloads everything again and replaces the content only once the download is complete', async () => {
    publish(6)
    await store().syncNow('launch')
    server.feed.remove('policy', 'p1').put('policy', 'p9', policy('政策9')).newEpoch('e2')

    // Two requests per run: the 410, then one page of the new epoch.
    const first = store({ maxPagesPerRun: 2 })
    await first.syncNow('launch')
    expect(server.requests.slice(-2).map((r) => [r.since, r.status])).toEqual([
      ['e1:6', 410],
      [null, 200],
    ])
    expect(titles(first)).toEqual(['政策1', '政策2', '政策3', '政策4', '政策5', '政策6'])

    const restarted = store()
    expect(titles(restarted)).toEqual(['政策1', '政策2', '政策3', '政策4', '政策5', '政策6'])
    expect((await restarted.syncNow('launch')).phase).toBe('ok')
    expect(server.requests.at(-1)?.since).toBe('e2:3')
    expect(titles(restarted)).toEqual(['政策2', '政策3', '政策4', '政策5', '政策6', '政策9'])
    expect(titles(store())).toEqual(titles(restarted))
  })

  it('treats 400 (a cursor the server cannot read) the same way', async () => {
    publish(2)
    const s = store()
    await s.syncNow('launch')
    server.failures.push(400)
    expect((await s.syncNow('pull')).phase).toBe('ok')
    expect(server.requests.slice(-2).map((r) => [r.since, r.status])).toEqual([
      ['e1:2', 400],
      [null, 200],
    ])
    expect(titles(s)).toEqual(['政策1', '政策2'])
  })
})

describe('a server that needs a newer app', () => {
  it('keeps the content as it is, asks for an update, and still says so after a restart', async () => {
    publish(2)
    await store().syncNow('launch')
    server.feed.minClientSchema = 2
    publish(1, 3)

    const s = store()
    const status = await s.syncNow('pull')
    expect(status).toMatchObject({ phase: 'outdated', text: '请更新到最新版本后查看新内容：刷新一下页面即可' })
    expect(titles(s)).toEqual(['政策1', '政策2'])
    expect(store().getSyncStatus().phase).toBe('outdated')
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
