/** A scripted server for the pure engine: the sync contract of DESIGN.md section 3, in memory. */
import type { ContentByType, ContentType, Policy } from '../../../src/core/content/model'
import type { ChangeItem, ChangesPage, ChangesResponse } from '../../../src/core/sync/protocol'
import { nextRequest, step, type LocalContent, type StepResult } from '../../../src/core/sync/engine'

export function policy(title: string, extra: Partial<Policy> = {}): Policy {
  return {
    title,
    summary: `${title}的要点。`,
    category: '劳动关系',
    validity: '有效',
    body: [{ type: 'text', text: `${title}的正文。` }],
    qa: [],
    tags: [],
    related: [],
    ...extra,
  }
}

export class Feed {
  epoch = 'e1'
  minClientSchema = 1
  private seq = 0
  private rows = new Map<string, ChangeItem>()

  put<T extends ContentType>(type: T, id: string, data: ContentByType[T]): this {
    this.rows.set(`${type}:${id}`, { id, type, seq: ++this.seq, deleted: false, data } as ChangeItem)
    return this
  }

  remove(type: ContentType, id: string): this {
    this.rows.set(`${type}:${id}`, { id, type, seq: ++this.seq, deleted: true } as ChangeItem)
    return this
  }

  /** A new epoch: seqs start again, and only what exists now is served. */
  newEpoch(epoch: string): this {
    const live = [...this.rows.values()]
    this.epoch = epoch
    this.seq = 0
    this.rows = new Map()
    for (const row of live) if (!row.deleted) this.put(row.type, row.id, row.data)
    return this
  }

  respond(since: string | null, limit = 2): ChangesResponse {
    let after = 0
    if (since !== null) {
      const [epoch, seq] = since.split(':')
      if (epoch !== this.epoch) return { kind: 'gone' }
      after = Number(seq)
    }
    // From the beginning, tombstones are of no use: only live items are sent.
    const newer = [...this.rows.values()]
      .filter((row) => row.seq > after && (since !== null || !row.deleted))
      .sort((a, b) => a.seq - b.seq)
    const items = newer.slice(0, limit)
    const last = items.length > 0 ? items[items.length - 1].seq : since === null ? this.seq : after
    const page: ChangesPage = {
      epoch: this.epoch,
      schema: 1,
      minClientSchema: this.minClientSchema,
      items,
      cursor: `${this.epoch}:${newer.length > limit ? last : Math.max(last, this.seq)}`,
      hasMore: newer.length > limit,
    }
    return { kind: 'page', page, etag: null }
  }
}

export const at = (minute: number) => `2026-11-28T06:${String(minute).padStart(2, '0')}:00.000Z`

/** Runs the engine against the feed for at most `maxSteps` answers; every step's state is "saved". */
export function sync(local: LocalContent, feed: Feed, { maxSteps = 50, limit = 2, now = at(5) } = {}): { local: LocalContent; steps: StepResult[] } {
  const steps: StepResult[] = []
  for (let i = 0; i < maxSteps; i += 1) {
    const request = nextRequest(local)
    const result = step(local, request, feed.respond(request.since, limit), { clientSchema: 1, now })
    steps.push(result)
    local = result.local
    const { action } = result
    if (action.type === 'done' || action.type === 'outdated' || action.type === 'retry-later') break
    if (action.type === 'apply' && !action.page.hasMore) break
  }
  return { local, steps }
}

export function ids(local: LocalContent, type: ContentType = 'policy'): string[] {
  return [...local.main.items[type].keys()].sort()
}
