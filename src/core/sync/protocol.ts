/**
 * The wire format of `GET /api/v1/content/changes` (DESIGN.md section 3), and how an answer is
 * classified before the engine acts on it. Answers arrive as untyped JSON, so the page is checked
 * here: a malformed page is never applied.
 */
import { isContentType, type ContentByType, type ContentType } from '../content/model'

export type ChangeItem = {
  [T in ContentType]:
    | { id: string; type: T; seq: number; deleted: false; data: ContentByType[T] }
    | { id: string; type: T; seq: number; deleted: true }
}[ContentType]

export interface ChangesPage {
  epoch: string
  schema: number
  minClientSchema: number
  items: ChangeItem[]
  cursor: string
  hasMore: boolean
}

/** What came back from one request, as the engine needs to know it. */
export type ChangesResponse =
  | { kind: 'page'; page: ChangesPage; etag: string | null }
  /** 304: nothing new since the cursor sent. */
  | { kind: 'not-modified' }
  /** 410 or 400: the cursor is no longer valid (another epoch, purged tombstones, malformed). */
  | { kind: 'gone' }
  /** No answer at all: no network, DNS, timeout. */
  | { kind: 'unreachable' }
  /** An answer that cannot be used: 5xx, an unexpected status, a malformed page. */
  | { kind: 'failed'; status: number | null }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * The page, or null when it breaks the contract. Items of a type this app does not know are
 * dropped (a newer server may add types without raising minClientSchema); the rest of the page
 * still applies.
 */
export function parseChangesPage(body: unknown): ChangesPage | null {
  if (!isRecord(body)) return null
  const { epoch, schema, minClientSchema, items, cursor, hasMore } = body
  if (typeof epoch !== 'string' || epoch === '') return null
  if (!isSeq(schema) || !isSeq(minClientSchema)) return null
  if (typeof cursor !== 'string' || cursor === '' || typeof hasMore !== 'boolean') return null
  if (!Array.isArray(items)) return null
  const parsed: ChangeItem[] = []
  for (const item of items) {
    if (!isRecord(item)) return null
    const { id, type, seq, deleted, data } = item
    if (typeof id !== 'string' || id === '' || typeof type !== 'string' || !isSeq(seq) || typeof deleted !== 'boolean') return null
    if (!deleted && !isRecord(data)) return null
    if (!isContentType(type)) continue
    parsed.push(
      deleted
        ? ({ id, type, seq, deleted: true } as ChangeItem)
        : // The server validates each item's shape at ingest against the same model (src/core/content).
          ({ id, type, seq, deleted: false, data } as ChangeItem),
    )
  }
  return { epoch, schema, minClientSchema, items: parsed, cursor, hasMore }
}
