/**
 * The synced content as pages read it, and the runner that keeps it up to date: on launch, on
 * pull-down refresh and when the network comes back. Each page of changes is applied and saved
 * (shards, then the manifest with the new cursor) before the next one is requested, so an
 * interrupted sync resumes where it stopped and a failed one leaves the content as it was.
 */
import type { WorkCalendar } from '../core/calendar/working-days'
import { CONTENT_SCHEMA, CONTENT_TYPES, type ContentByType, type ContentType, type Site } from '../core/content/model'
import { DEFAULT_SITE } from '../core/site'
import { nextRequest, step, type LocalContent } from '../core/sync/engine'
import type { ContentEntry } from '../core/sync/state'
import { describeSync, type SyncCondition, type SyncPhase, type SyncProblem, type SyncStatus } from '../core/sync/status'
import { workCalendarOf } from '../core/sync/work-calendar'
import { fetchChanges } from './content-changes'
import { loadContent, saveContent, type Persisted } from './content-persistence'
import { onReconnect } from './network-status'
import { UPDATE_HINT } from './update-hint'

export type { SyncPhase, SyncStatus } from '../core/sync/status'

export interface ContentItem<T extends ContentType> {
  readonly id: string
  readonly data: ContentByType[T]
}

export type SyncReason = 'launch' | 'pull' | 'reconnect'

export interface ContentStoreOptions {
  /** Items asked for per request. */
  pageSize?: number
  /** Requests per run at most; a longer download continues on the next run from its saved cursor. */
  maxPagesPerRun?: number
  now?: () => Date
}

export interface ContentStore {
  listContent<T extends ContentType>(type: T): readonly ContentItem<T>[]
  getContent<T extends ContentType>(type: T, id: string): ContentItem<T> | null
  subscribeContent(listener: () => void): () => void
  getSyncStatus(): SyncStatus
  subscribeSyncStatus(listener: () => void): () => void
  syncNow(reason: SyncReason): Promise<SyncStatus>
  /** Loads what is stored, syncs, and syncs again whenever the network comes back. */
  start(): void
  /** Stops listening to the network and cancels planned retries. */
  stop(): void
  site(): Site
  workCalendar(): WorkCalendar
}

const RETRY_OFFLINE_MS = 5 * 60_000
const RETRY_FIRST_MS = 60_000
const RETRY_MAX_MS = 30 * 60_000
// Phones on weak networks reconnect often; a sync that just succeeded needs no repeat.
const RECONNECT_QUIET_MS = 60_000
const MAX_RESETS_PER_RUN = 3

export function createContentStore({ pageSize = 200, maxPagesPerRun = 100, now = () => new Date() }: ContentStoreOptions = {}): ContentStore {
  let local: LocalContent | null = null
  let persisted: Persisted = { generation: 0, pool: [], keys: new Set() }
  let condition: SyncCondition = { phase: 'never', lastSyncedAt: null }
  let status: SyncStatus = describeSync(condition, now(), UPDATE_HINT)
  let running: Promise<SyncStatus> | null = null
  let started = false
  let stopListening: (() => void) | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryDelay = RETRY_FIRST_MS
  let lastSuccessAt = 0
  const contentListeners = new Set<() => void>()
  const statusListeners = new Set<() => void>()

  function loaded(): LocalContent {
    if (local === null) {
      const restored = loadContent()
      local = restored.local
      persisted = restored.persisted
      const { blockedSchema, main } = local
      const phase = blockedSchema !== null && blockedSchema > CONTENT_SCHEMA ? 'outdated' : main.lastSyncedAt ? 'ok' : 'never'
      // No one is told: this runs inside the first read, possibly while React renders.
      condition = { phase, lastSyncedAt: main.lastSyncedAt }
      status = describeSync(condition, now(), UPDATE_HINT)
    }
    return local
  }

  function setCondition(next: SyncCondition): SyncStatus {
    condition = next
    const described = describeSync(next, now(), UPDATE_HINT)
    if (described.text !== status.text || described.phase !== status.phase || described.lastSyncedAt !== status.lastSyncedAt) {
      status = described
      statusListeners.forEach((listener) => listener())
    }
    return status
  }

  /** Saves `next` and makes it current; on failure the content stays as it was, on the device and on screen. */
  function commit(next: LocalContent): { ok: true } | { ok: false; problem: SyncProblem | undefined } {
    const current = loaded()
    if (next === current) return { ok: true }
    const saved = saveContent(next, persisted)
    if (!saved.ok) return { ok: false, problem: saved.problem === 'storage-full' ? 'storage-full' : undefined }
    persisted = saved.persisted
    local = next
    if (CONTENT_TYPES.some((type) => next.main.items[type] !== current.main.items[type])) contentListeners.forEach((listener) => listener())
    return { ok: true }
  }

  function finish(phase: SyncPhase, problem?: SyncProblem): SyncStatus {
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
    if (phase === 'ok') {
      lastSuccessAt = now().getTime()
      retryDelay = RETRY_FIRST_MS
    } else if (started && (phase === 'offline' || phase === 'error')) {
      // Coming back online triggers a sync by itself; the timer covers networks that never say so.
      const delay = phase === 'offline' ? RETRY_OFFLINE_MS : retryDelay
      if (phase === 'error') retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS)
      retryTimer = setTimeout(() => void syncNow('reconnect'), delay)
    }
    return setCondition({ phase, lastSyncedAt: loaded().main.lastSyncedAt, problem })
  }

  async function run(): Promise<SyncStatus> {
    setCondition({ phase: 'syncing', lastSyncedAt: loaded().main.lastSyncedAt })
    let resets = 0
    for (let pages = 0; pages < maxPagesPerRun; pages += 1) {
      const request = nextRequest(loaded())
      const response = await fetchChanges(request.since, request.etag, pageSize)
      const { action, local: next } = step(loaded(), request, response, { clientSchema: CONTENT_SCHEMA, now: now().toISOString() })
      if (action.type === 'retry-later') return finish(action.reason === 'offline' ? 'offline' : 'error')
      if (action.type === 'reset' && ++resets > MAX_RESETS_PER_RUN) return finish('error')
      const saved = commit(next)
      // The server's verdict stands even if it could not be saved: this run applies nothing either way.
      if (action.type === 'outdated') return finish('outdated')
      if (!saved.ok) return finish('error', saved.problem)
      if (action.type === 'done' || (action.type === 'apply' && !action.page.hasMore)) return finish('ok')
    }
    // Everything fetched so far is saved; the next run continues from its cursor.
    return finish('error')
  }

  function syncNow(reason: SyncReason): Promise<SyncStatus> {
    if (running !== null) return running
    if (reason === 'reconnect' && condition.phase === 'ok' && now().getTime() - lastSuccessAt < RECONNECT_QUIET_MS) {
      return Promise.resolve(status)
    }
    // Nothing below is meant to throw; if something does, the status must not stay at "正在更新…".
    running = run()
      .catch(() => finish('error'))
      .finally(() => {
        running = null
      })
    return running
  }

  const lists = new Map<ContentType, { source: ReadonlyMap<string, ContentEntry>; list: readonly ContentItem<ContentType>[] }>()
  // One object per stored entry, so that an item that did not change keeps its identity.
  const itemsByEntry = new WeakMap<ContentEntry, ContentItem<ContentType>>()

  function itemOf<T extends ContentType>(id: string, entry: ContentEntry<T>): ContentItem<T> {
    let item = itemsByEntry.get(entry)
    if (item === undefined) {
      item = { id, data: entry.data }
      itemsByEntry.set(entry, item)
    }
    return item as ContentItem<T>
  }

  function listContent<T extends ContentType>(type: T): readonly ContentItem<T>[] {
    const source = loaded().main.items[type] as ReadonlyMap<string, ContentEntry<T>>
    const cached = lists.get(type)
    if (cached?.source === source) return cached.list as readonly ContentItem<T>[]
    const list = [...source].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, entry]) => itemOf(id, entry))
    lists.set(type, { source, list })
    return list
  }

  let calendarCache: { source: readonly ContentItem<'calendar'>[]; calendar: WorkCalendar } | null = null

  return {
    listContent,
    getContent<T extends ContentType>(type: T, id: string): ContentItem<T> | null {
      const entry = (loaded().main.items[type] as ReadonlyMap<string, ContentEntry<T>>).get(id)
      return entry === undefined ? null : itemOf(id, entry)
    },
    subscribeContent(listener) {
      contentListeners.add(listener)
      return () => contentListeners.delete(listener)
    },
    getSyncStatus() {
      loaded()
      return status
    },
    subscribeSyncStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    syncNow,
    start() {
      if (started) return
      started = true
      loaded()
      stopListening = onReconnect(() => void syncNow('reconnect'))
      void syncNow('launch')
    },
    stop() {
      started = false
      stopListening?.()
      stopListening = null
      if (retryTimer !== null) clearTimeout(retryTimer)
      retryTimer = null
    },
    site() {
      return listContent('site')[0]?.data ?? DEFAULT_SITE
    },
    workCalendar() {
      const source = listContent('calendar')
      if (calendarCache?.source !== source) calendarCache = { source, calendar: workCalendarOf(source.map((item) => item.data)) }
      return calendarCache.calendar
    },
  }
}

const store = createContentStore()

export const listContent = store.listContent
export const getContent = store.getContent
export const subscribeContent = store.subscribeContent
export const getSyncStatus = store.getSyncStatus
export const subscribeSyncStatus = store.subscribeSyncStatus
export const syncNow = store.syncNow
export const startContentSync = store.start
export const stopContentSync = store.stop
export const getSite = store.site
export const workCalendar = store.workCalendar
