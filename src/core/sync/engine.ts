/**
 * The sync state machine (DESIGN.md section 3): what to request next, and what an answer does to
 * the content the phone holds. IO (HTTP, storage, timers) stays outside; the runner in
 * src/services/content-store.ts performs one request, calls `step`, persists the result, repeats.
 */
import type { ChangesPage, ChangesResponse } from './protocol'
import { applyPage, emptyState, hasItems, type ContentState } from './state'

export interface LocalContent {
  /** What the app shows. */
  readonly main: ContentState
  /**
   * A re-sync from the beginning (after a 410, or after damaged storage) that replaces `main`
   * only once it has reached the end, so that the old content stays readable until then.
   */
  readonly pending: ContentState | null
  /** The minClientSchema of a server that needs a newer app than this one; null when none did. */
  readonly blockedSchema: number | null
}

export function emptyLocal(): LocalContent {
  return { main: emptyState(), pending: null, blockedSchema: null }
}

export interface ChangesRequest {
  since: string | null
  /** If-None-Match, only when it was given for this same `since`. */
  etag: string | null
}

/** The state that the next page advances: the pending re-sync when there is one. */
function target(local: LocalContent): ContentState {
  return local.pending ?? local.main
}

export function nextRequest(local: LocalContent): ChangesRequest {
  const { cursor, etag } = target(local)
  return { since: cursor, etag: etag && etag.since === cursor ? etag.value : null }
}

export type SyncAction =
  | { type: 'apply'; page: ChangesPage; etag: string | null }
  | { type: 'done' }
  | { type: 'reset' }
  | { type: 'outdated'; minClientSchema: number }
  | { type: 'retry-later'; reason: 'offline' | 'error' }

/** What an answer to `request` calls for, given the state it would advance and this app's schema. */
export function decide(response: ChangesResponse, request: ChangesRequest, state: ContentState, clientSchema: number): SyncAction {
  switch (response.kind) {
    case 'unreachable':
      return { type: 'retry-later', reason: 'offline' }
    case 'failed':
      return { type: 'retry-later', reason: 'error' }
    case 'not-modified':
      return { type: 'done' }
    case 'gone':
      // A server that rejects the very beginning is broken; starting over again would loop.
      return request.since === null ? { type: 'retry-later', reason: 'error' } : { type: 'reset' }
    case 'page': {
      const { page } = response
      if (page.minClientSchema > clientSchema) return { type: 'outdated', minClientSchema: page.minClientSchema }
      // The server answers 410 for a foreign cursor; this guards against one that does not.
      if (request.since !== null && state.epoch !== null && page.epoch !== state.epoch) return { type: 'reset' }
      // "More" with a cursor that did not move would ask for the same page forever.
      if (page.hasMore && page.cursor === request.since) return { type: 'retry-later', reason: 'error' }
      return { type: 'apply', page, etag: response.etag }
    }
  }
}

export interface StepContext {
  clientSchema: number
  /** ISO instant of the answer, recorded as lastSyncedAt when the sync reaches the end. */
  now: string
}

export interface StepResult {
  action: SyncAction
  /** The content after the answer: to be persisted before the next request is made. */
  local: LocalContent
}

/** One answer applied to the local content. Pure: the same inputs always give the same result. */
export function step(local: LocalContent, request: ChangesRequest, response: ChangesResponse, { clientSchema, now }: StepContext): StepResult {
  const state = target(local)
  const action = decide(response, request, state, clientSchema)
  switch (action.type) {
    case 'retry-later':
      return { action, local }
    case 'outdated':
      return { action, local: { ...local, blockedSchema: action.minClientSchema } }
    case 'reset':
      return { action, local: startOver(local) }
    case 'done':
      return { action, local: advance(local, { ...state, lastSyncedAt: now }, true) }
    case 'apply': {
      const { page } = action
      // Only an answer whose cursor did not move can be matched by a later If-None-Match.
      const etag = action.etag !== null && page.cursor === request.since ? { since: request.since, value: action.etag } : null
      return { action, local: advance(local, { ...applyPage(state, page, now), etag }, !page.hasMore) }
    }
  }
}

/** The target replaced by `next`; a pending re-sync that reached the end becomes what the app shows. */
function advance(local: LocalContent, next: ContentState, finished: boolean): LocalContent {
  const unblocked = { ...local, blockedSchema: null }
  if (local.pending === null) return { ...unblocked, main: next }
  return finished ? { ...unblocked, main: next, pending: null } : { ...unblocked, pending: next }
}

/**
 * Forget the cursor and fetch everything again. With content on the phone, the download goes to
 * a pending state and the current content stays visible until it completes; without any, there is
 * nothing to keep and the download fills `main` directly.
 */
export function startOver(local: LocalContent): LocalContent {
  if (!hasItems(local.main)) return { ...local, main: { ...emptyState(), lastSyncedAt: local.main.lastSyncedAt }, pending: null }
  return { ...local, main: { ...local.main, cursor: null, etag: null }, pending: emptyState() }
}
