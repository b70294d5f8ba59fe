/**
 * One ingest of one source: fetch (within limits) → decode → parse → check every item → write in
 * batches → tombstones for a complete feed. Everything that can fail the source as a whole
 * happens before the first write, so a failing or hostile source changes nothing; the failure
 * is recorded for /api/v1/health. A rejected item never overwrites its stored good version.
 */
import { createHash } from 'node:crypto'

import type { Kysely } from 'kysely'

import { checkFeedItem, feedItemId, itemLabel, type CheckedItem } from './feed-item'
import { POLICY_CATEGORIES } from '../../src/core/content/model'
import {
  decide,
  findItems,
  liveIdsOfSource,
  readSourceValidators,
  recordSourceFailure,
  recordSourceSuccess,
  tombstoneMissing,
  writeItems,
  type PreparedItem,
} from '../content/content.repository'
import type { Database } from '../db/schema'
import { holidayCalendarVersion, recomputeDueDates } from '../tips/due-dates'
import { decodeFeed } from './decode'
import { fetchSource, type FetchLimits } from './fetch'
import { htmlToNodes } from './html'
import { parseFeed, type FeedFormat } from './parse-feed'
import type { ContentSource } from './sources'
import { SourceError } from './source-error'

export interface IngestLimits extends FetchLimits {
  /** Most items a feed may list. */
  maxItems: number
  /** Longest HTML body of one item, in UTF-8 bytes. */
  maxBodyBytes: number
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxFeedBytes: 20 * 1024 * 1024,
  maxItems: 5000,
  maxBodyBytes: 200 * 1024,
  timeoutMs: 30_000,
}

// An RSS or Atom entry is filed only under a category someone chose: the feed's or the operator's.
const MISSING_XML_CATEGORY =
  `没有分类：条目的 <category> 中没有 ${POLICY_CATEGORIES.join('、')} 之一，` +
  '也没有为这个订阅源设置默认分类（环境变量 CONTENT_SOURCE_CATEGORIES）'

/** Items written per transaction: short transactions keep sync readers from waiting long. */
export const WRITE_BATCH_SIZE = 200

export interface IngestOptions {
  /** Check and count, write nothing (not even the source's status). */
  dryRun?: boolean
  /** Send the stored ETag / Last-Modified (polling); a manual ingest reads everything. */
  conditional?: boolean
  limits?: Partial<IngestLimits>
  /** Aborts a fetch in flight (the service is stopping). */
  signal?: AbortSignal
  /** Called after each batch: items checked and written so far, of `total`. */
  onProgress?: (done: number, total: number) => void
  now?: () => number
  batchSize?: number
}

/** An item left out, with the reason in plain Chinese ("第3条（id: q-001）：…"). */
export interface SkippedItem {
  position: number
  id?: string
  reason: string
}

export interface IngestReport {
  source: string
  outcome: 'ingested' | 'not_modified' | 'failed'
  /** Why the source failed as a whole (plain Chinese). */
  error?: string
  format?: FeedFormat
  complete: boolean
  sample: boolean
  dryRun: boolean
  /** Items the feed lists. */
  total: number
  added: number
  updated: number
  deleted: number
  unchanged: number
  rejected: SkippedItem[]
  /** Items of a type this version does not know. */
  ignored: SkippedItem[]
}

function emptyReport(source: ContentSource, dryRun: boolean): IngestReport {
  return { source: source.name, outcome: 'failed', complete: false, sample: false, dryRun, total: 0, added: 0, updated: 0, deleted: 0, unchanged: 0, rejected: [], ignored: [] }
}

function prepare(item: CheckedItem): PreparedItem {
  const data = JSON.stringify(item.data)
  const hash = createHash('sha256').update(item.type).update('\n').update(data).digest('base64url')
  // Contest questions stay on the server: they are never served to phones, not even as ids.
  const served = !(item.type === 'quiz_question' && item.data.bank === 'contest')
  return { id: item.id, type: item.type, data, hash, served, modifiedAt: item.modifiedAt ?? null }
}

function baseUrlOf(raw: unknown, homePageUrl: string | undefined): string | undefined {
  if (typeof raw !== 'object' || raw === null) return homePageUrl
  const { external_url: externalUrl, url } = raw as { external_url?: unknown; url?: unknown }
  for (const candidate of [externalUrl, url]) {
    if (typeof candidate === 'string' && /^https?:\/\//i.test(candidate)) return candidate
  }
  return homePageUrl
}

/**
 * Reads `source` and brings the stored content in line with it. Never throws for a bad source:
 * the report says what happened. Database failures are thrown (after recording the failure).
 */
export async function ingestSource(db: Kysely<Database>, source: ContentSource, options: IngestOptions = {}): Promise<IngestReport> {
  const limits: IngestLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const now = options.now ?? Date.now
  const dryRun = options.dryRun ?? false
  const report = emptyReport(source, dryRun)

  let prepared: PreparedItem[]
  let present: Set<string>
  let validators: { etag?: string; lastModified?: string } | undefined
  try {
    const fetched = await fetchSource(source, limits, options.conditional ? await readSourceValidators(db, source.name) : undefined, options.signal)
    if (fetched.status === 'not_modified') {
      if (!dryRun) await recordSourceSuccess(db, source.name, now())
      return { ...report, outcome: 'not_modified' }
    }
    validators = fetched.validators
    const feed = parseFeed(decodeFeed(fetched.bytes, fetched.contentType).text, source, limits.maxItems)
    Object.assign(report, { format: feed.format, complete: feed.complete, sample: feed.sample, total: feed.items.length })

    prepared = []
    present = new Set<string>()
    const firstPosition = new Map<string, number>()
    feed.items.forEach((raw, index) => {
      const position = index + 1
      const id = feedItemId(raw)
      if (id !== undefined && firstPosition.has(id)) {
        report.rejected.push({ position, id, reason: `${itemLabel(position, id)}：id 与第${firstPosition.get(id)}条重复` })
        return
      }
      // Even an item that is rejected now is still published: it must not be deleted.
      if (id !== undefined) {
        present.add(id)
        firstPosition.set(id, position)
      }
      const baseUrl = baseUrlOf(raw, feed.homePageUrl)
      const check = checkFeedItem(raw, {
        position,
        maxBodyBytes: limits.maxBodyBytes,
        htmlToNodes: (html) => htmlToNodes(html, { baseUrl }),
        ...(feed.format === 'json_feed' ? {} : { missingCategory: MISSING_XML_CATEGORY }),
      })
      if (check.status === 'valid') prepared.push(prepare(check.item))
      else report[check.status === 'ignored' ? 'ignored' : 'rejected'].push({ position, ...(check.id ? { id: check.id } : {}), reason: check.reason })
    })

    if (feed.complete && feed.items.length === 0 && (await liveIdsOfSource(db, source.name)).length > 0) {
      throw new SourceError('完整订阅源一条内容都没有，可能是导出出错；为稳妥起见，已保留现有内容')
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error
    if (!dryRun) await recordSourceFailure(db, source.name, now(), error.message)
    return { ...report, outcome: 'failed', error: error.message }
  }

  const batchSize = options.batchSize ?? WRITE_BATCH_SIZE
  // A changed holiday calendar moves the legal deadlines of open reports (tips.due_on).
  const calendarBefore = dryRun ? undefined : await holidayCalendarVersion(db)
  try {
    for (let start = 0; start < prepared.length; start += batchSize) {
      const batch = prepared.slice(start, start + batchSize)
      const outcome = dryRun ? await plan(db, batch) : await writeItems(db, source.name, batch, now())
      report.added += outcome.added
      report.updated += outcome.updated
      report.unchanged += outcome.unchanged
      options.onProgress?.(Math.min(start + batchSize, prepared.length), prepared.length)
    }
    if (report.complete) {
      report.deleted = dryRun
        ? (await liveIdsOfSource(db, source.name)).filter((id) => !present.has(id)).length
        : (await tombstoneMissing(db, source.name, present, now())).length
    }
    if (calendarBefore !== undefined && (await holidayCalendarVersion(db)) !== calendarBefore) await recomputeDueDates(db)
    if (!dryRun) await recordSourceSuccess(db, source.name, now(), { validators, rejected: report.rejected.map((item) => item.reason) })
  } catch (error) {
    if (!dryRun) await recordSourceFailure(db, source.name, now(), '写入数据库时出错，已写入的部分保持不变，下次读取时会继续').catch(() => undefined)
    throw error
  }
  return { ...report, outcome: 'ingested' }
}

async function plan(db: Kysely<Database>, batch: readonly PreparedItem[]) {
  const stored = await findItems(db, batch.map((item) => item.id))
  const outcome = { added: 0, updated: 0, unchanged: 0 }
  for (const item of batch) outcome[decide(stored.get(item.id), item)] += 1
  return outcome
}
