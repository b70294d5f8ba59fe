/**
 * Search over the explainers a phone has synced. Chinese has no spaces between words, so text is
 * matched by characters: a query term found whole scores most; otherwise a document still
 * matches when most of the term's character pairs (bigrams) occur in it, so that 「工伤认定条件」
 * finds a text that says 「工伤认定的条件」. Title hits rank first.
 */

export interface SearchDocument {
  id: string
  title: string
  summary: string
  tags: string[]
  body: string
}

export interface Range {
  start: number
  end: number
}

export interface SearchHit {
  id: string
  score: number
  /** Where the query occurs in the title, for highlighting. */
  titleRanges: Range[]
  /** A short piece of the summary or body around the first match, with its highlights. */
  snippet: { text: string; ranges: Range[] }
}

interface IndexedDocument {
  original: SearchDocument
  /** The fields folded for matching (same lengths as the originals). */
  title: string
  summary: string
  tags: string
  body: string
}

export interface SearchIndex {
  documents: IndexedDocument[]
}

const FIELD_WEIGHTS = { title: 10, tags: 4, summary: 3, body: 1 } as const
const PARTIAL_MATCH_SHARE = 0.6
const SNIPPET_CONTEXT = 24

/**
 * Folds what should not matter: full-width forms, letter case. Keeps string length unchanged so
 * that ranges found in the folded text apply to the original.
 */
export function fold(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.charCodeAt(0)
    if (char.length === 1 && code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0)
    else if (code === 0x3000) out += ' '
    else out += char
  }
  return out.toLowerCase()
}

const SEPARATORS = /[\s,，。、；;：:！!？?"'“”‘’()（）《》〈〉【】[\]]+/

export function queryTerms(query: string): string[] {
  return fold(query)
    .split(SEPARATORS)
    .filter((term) => term.length > 0)
}

function bigrams(term: string): string[] {
  const chars = Array.from(term)
  if (chars.length < 2) return chars
  const result: string[] = []
  for (let i = 0; i < chars.length - 1; i += 1) result.push(chars[i] + chars[i + 1])
  return result
}

export function buildSearchIndex(documents: SearchDocument[]): SearchIndex {
  return {
    documents: documents.map((doc) => ({
      original: doc,
      title: fold(doc.title),
      summary: fold(doc.summary),
      tags: fold(doc.tags.join(' ')),
      body: fold(doc.body),
    })),
  }
}

function occurrences(haystack: string, needle: string): Range[] {
  const ranges: Range[] = []
  let from = 0
  for (;;) {
    const start = haystack.indexOf(needle, from)
    if (start < 0) return ranges
    ranges.push({ start, end: start + needle.length })
    from = start + needle.length
  }
}

/** Ranges of a term in a field: the whole term if present, else its bigrams if most are. */
function termRanges(field: string, term: string): { ranges: Range[]; share: number } {
  const whole = occurrences(field, term)
  if (whole.length > 0) return { ranges: whole, share: 1 }
  const grams = bigrams(term)
  if (grams.length < 2) return { ranges: [], share: 0 }
  const found = grams.map((gram) => occurrences(field, gram))
  const share = found.filter((ranges) => ranges.length > 0).length / grams.length
  return share >= PARTIAL_MATCH_SHARE ? { ranges: found.flat(), share } : { ranges: [], share: 0 }
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const merged: Range[] = []
  for (const range of sorted) {
    const last = merged[merged.length - 1]
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

function snippetOf(original: string, folded: string, terms: string[]): { text: string; ranges: Range[] } {
  const ranges = mergeRanges(terms.flatMap((term) => termRanges(folded, term).ranges))
  if (ranges.length === 0) return { text: original.slice(0, SNIPPET_CONTEXT * 2), ranges: [] }
  const from = Math.max(0, ranges[0].start - SNIPPET_CONTEXT)
  const to = Math.min(original.length, ranges[0].end + SNIPPET_CONTEXT * 2)
  const prefix = from > 0 ? '…' : ''
  const suffix = to < original.length ? '…' : ''
  return {
    text: prefix + original.slice(from, to) + suffix,
    ranges: ranges
      .filter((range) => range.start >= from && range.end <= to)
      .map((range) => ({ start: range.start - from + prefix.length, end: range.end - from + prefix.length })),
  }
}

/** Ranks documents by the query. Every term must match somewhere in a document (whole or mostly). */
export function search(index: SearchIndex, query: string, limit = 50): SearchHit[] {
  const terms = queryTerms(query)
  if (terms.length === 0) return []
  const hits: SearchHit[] = []
  for (const doc of index.documents) {
    let score = 0
    let everyTerm = true
    for (const term of terms) {
      let termScore = 0
      for (const field of ['title', 'tags', 'summary', 'body'] as const) {
        const { ranges, share } = termRanges(doc[field], term)
        if (ranges.length > 0) termScore += FIELD_WEIGHTS[field] * share * (1 + Math.log(ranges.length))
      }
      if (termScore === 0) {
        everyTerm = false
        break
      }
      score += termScore
    }
    if (!everyTerm) continue
    const { original } = doc
    const titleRanges = mergeRanges(terms.flatMap((term) => termRanges(doc.title, term).ranges))
    const inSummary = terms.some((term) => termRanges(doc.summary, term).ranges.length > 0)
    const snippet = inSummary || !doc.body ? snippetOf(original.summary, doc.summary, terms) : snippetOf(original.body, doc.body, terms)
    hits.push({ id: original.id, score, titleRanges, snippet })
  }
  return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit)
}
