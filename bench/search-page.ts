/**
 * What bench:search runs inside Chromium: the app's own search over synced explainers, bundled for
 * the page by esbuild. The explainers arrive as the sync API serves them; the first query pays for
 * what the policies tab pays for on its first search (the searchable text and the index).
 */
import type { Policy } from '../src/core/content/model'
import { nearest, policySearchIndex, search, type SearchIndex } from '../src/core/content/search'

export interface QueryTiming {
  ms: number
  hits: number
  /** Explainers suggested when nothing was found, as the no-result page does. */
  nearby: number
}

export interface SearchBench {
  load(json: string): void
  run(query: string): QueryTiming
}

let index: SearchIndex | null = null

const bench: SearchBench = {
  load(json) {
    const items = JSON.parse(json) as { id: string; data: Policy }[]
    index = policySearchIndex(items)
  },
  run(query) {
    if (index === null) throw new Error('load the explainers first')
    const started = performance.now()
    const hits = search(index, query)
    const nearby = hits.length === 0 ? nearest(index, query) : []
    return { ms: performance.now() - started, hits: hits.length, nearby: nearby.length }
  },
}

;(globalThis as unknown as { searchBench: SearchBench }).searchBench = bench
