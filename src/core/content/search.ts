/**
 * Search over the explainers a phone has synced, in the words people type. Chinese has no spaces
 * between words, so text is matched by characters:
 * - a query term found whole scores most; otherwise a document still matches when most of the
 *   term's character pairs (bigrams) occur in it, so that 「工伤认定条件」 finds 「工伤认定的条件」;
 * - a term is also read with the glossary (glossary.ts and the bureau's feed): a glossary word
 *   finds its synonyms (社保 → 社会保险), and a term that holds glossary words is also read as those
 *   words (社保断缴 → 社保 and 断缴, each with its synonyms), leaving out filler words (怎么办, 吗);
 * - every term of the query must match somewhere in a document, whichever way it was read;
 * - where it matches counts most in the title, then the tags, the 一问一答, the summary, the body.
 * The first search folds the text and builds a compact signature of each document's pairs of
 * characters; a search then reads only the documents whose signature says they may match.
 */
import { BASE_GLOSSARY, FILLER_WORDS } from './glossary'
import type { Glossary, GlossaryGroup, Policy, QuestionAnswer } from './model'
import { plainText } from './rich-text'

export interface SearchDocument {
  id: string
  title: string
  summary: string
  tags: string[]
  qa: QuestionAnswer[]
  body: string
}

export interface Range {
  start: number
  end: number
}

/** Where a snippet comes from: a Q&A question or answer (its text starts with 问： or 答：), the summary or the body. */
export type SnippetSource = 'question' | 'answer' | 'summary' | 'body'

export interface Snippet {
  text: string
  ranges: Range[]
  source: SnippetSource
}

export interface SearchHit {
  id: string
  score: number
  /** Where the query (or a word it stands for) occurs in the title, for highlighting. */
  titleRanges: Range[]
  /** A short piece of the text that matches most of the query, with its highlights. */
  snippet: Snippet
}

/** An explainer that comes nearest a query that found nothing, with its Q&A nearest the query first. */
export interface NearbyExplainer {
  id: string
  qa: QuestionAnswer[]
}

const FIELD_KINDS = ['title', 'tags', 'question', 'answer', 'summary', 'body'] as const
type FieldKind = (typeof FIELD_KINDS)[number]

// Far enough apart that a match in a higher field outweighs many in a lower one.
const FIELD_WEIGHTS: Record<FieldKind, number> = { title: 100, tags: 70, question: 35, answer: 25, summary: 12, body: 5 }
const REPEAT_BONUS = 0.25
const SNIPPET_PREFIX: Record<SnippetSource, string> = { question: '问：', answer: '答：', summary: '', body: '' }
const PARTIAL_MATCH_SHARE = 0.6
const SNIPPET_CONTEXT = 24

/** What a match of each kind of word counts: the word typed, a synonym, a wider word. */
const TYPED = 1
const EQUIVALENT = 0.9
const WIDER = 0.8

interface Field {
  /** Its place in FIELD_KINDS. */
  kind: number
  original: string
  /** Where the field lies in the document's text. */
  start: number
  end: number
}

interface IndexedDocument {
  original: SearchDocument
  /** The fields folded for matching, one after the other, a line break between two. */
  text: string
  /** Title, tags, the questions, the answers, summary, body: snippets prefer the earlier of equals. */
  fields: Field[]
  /** The bits of the text's pairs of characters (see `pairBit`). */
  signature: Uint32Array
}

/** The glossary as the search uses it: each word folded, with the words it finds. */
interface Lexicon {
  finds: Map<string, { text: string; weight: number }[]>
  fillers: Set<string>
  longest: number
}

interface Prepared {
  documents: IndexedDocument[]
  lexicon: Lexicon
  /** Turns a pair of characters into a bit of the signatures. */
  shift: number
}

export interface SearchIndex {
  /**
   * What searches read, built once: by the first search, so that a page that is only browsed never
   * pays for it, or earlier by a page that expects a search (its search box got focus).
   */
  prepare(): Prepared
}

/** A text to look for, with the signature bits of its pairs (none for a single character). */
interface Probe {
  text: string
  bits: number[]
}

/** A probe and what finding it counts. */
interface Needle extends Probe {
  weight: number
}

/** One thing a document must contain: any of its needles whole, or else most of its bigrams (when it has them). */
interface Piece {
  needles: Needle[]
  grams: Probe[]
}

/** One way of reading a query term: every piece must match. */
type Reading = Piece[]

/** A query term matches when any of its readings does. */
type TermPlan = Reading[]

// Full-width forms other than the punctuation that separates query terms anyway (，：；！？（）
// and the ideographic space): leaving those be keeps folding a Chinese text cheap.
const FULL_WIDTH = /[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e]/g

// Every letter with a case that a bureau's text may hold (Latin, Greek, Cyrillic, Roman numerals,
// circled letters…), and the full-width forms: a text without any (most Chinese text) is left as it is.
const FOLDABLE = /[A-Z\u00c0-\u024f\u0370-\u058f\u10a0-\u10ff\u1e00-\u1fff\u2160-\u216f\u24b6-\u24cf\u2c00-\u2c7f\ua640-\ua7ff\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e]/

/**
 * Folds what should not matter: full-width letters, digits and signs, letter case. Keeps string
 * length unchanged so that ranges found in the folded text apply to the original.
 */
export function fold(text: string): string {
  if (!FOLDABLE.test(text)) return text
  const narrow = text.replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
  const lower = narrow.toLowerCase()
  if (lower.length === narrow.length) return lower
  // A few letters (İ) lower-case to two characters: those keep their case.
  return Array.from(narrow, (char) => {
    const folded = char.toLowerCase()
    return folded.length === char.length ? folded : char
  }).join('')
}

const SEPARATORS = /[\s,，。、；;：:！!？?"'“”‘’()（）《》〈〉【】[\]]+/

export function queryTerms(query: string): string[] {
  return fold(query)
    .split(SEPARATORS)
    .filter((term) => term.length > 0)
}

function bigrams(term: string): string[] {
  const result: string[] = []
  for (let i = 0; i < term.length - 1; i += 1) result.push(term.slice(i, i + 2))
  return result
}

/** The text of an explainer that search reads. */
function policySearchDocument(id: string, policy: Policy): SearchDocument {
  return { id, title: policy.title, summary: policy.summary, tags: policy.tags, qa: policy.qa, body: plainText(policy.body) }
}

function compileGlossary(groups: readonly GlossaryGroup[]): Lexicon {
  const finds = new Map<string, Map<string, number>>()
  for (const { terms, also } of groups) {
    const equivalents = terms.map(fold)
    const wider = also.map(fold)
    for (const term of equivalents) {
      const needles = finds.get(term) ?? new Map<string, number>()
      const add = (word: string, weight: number) => needles.set(word, Math.max(needles.get(word) ?? 0, weight))
      wider.forEach((word) => add(word, WIDER))
      equivalents.forEach((word) => add(word, EQUIVALENT))
      add(term, TYPED)
      finds.set(term, needles)
    }
  }
  const fillers = new Set(FILLER_WORDS.map(fold))
  return {
    finds: new Map([...finds].map(([term, needles]) => [term, [...needles].map(([text, weight]) => ({ text, weight }))])),
    fillers,
    longest: Math.max(1, ...[...finds.keys(), ...fillers].map((word) => word.length)),
  }
}

/**
 * An index of `documents` (or of what a function gives on first use, when making them costs
 * something), reading queries with `glossary` (the base table unless told otherwise).
 */
export function buildSearchIndex(
  documents: readonly SearchDocument[] | (() => readonly SearchDocument[]),
  glossary: readonly GlossaryGroup[] = BASE_GLOSSARY,
): SearchIndex {
  let prepared: Prepared | null = null
  return {
    prepare() {
      prepared ??= prepare(typeof documents === 'function' ? documents() : documents, glossary)
      return prepared
    },
  }
}

/** What the policies tab searches: the synced explainers, read with the base glossary and the bureau's. */
export function policySearchIndex(policies: readonly { id: string; data: Policy }[], glossaries: readonly Glossary[] = []): SearchIndex {
  return buildSearchIndex(
    () => policies.map(({ id, data }) => policySearchDocument(id, data)),
    [...BASE_GLOSSARY, ...glossaries.flatMap((glossary) => glossary.groups)],
  )
}

// Signatures -------------------------------------------------------------------------------------
//
// Each document's pairs of characters are hashed into a fixed number of bits (a Bloom filter with
// one hash). A text whose pairs' bits are not all set cannot occur in the document; one whose bits
// are set usually does, and reading the document says for sure. One pass over a typed array
// builds them, cheap enough for the first search.

const GOLDEN = 0x9e3779b1

function pairBit(first: number, second: number, shift: number): number {
  return Math.imul((first << 16) | second, GOLDEN) >>> shift
}

function probe(text: string, shift: number): Probe {
  const bits: number[] = []
  for (let i = 1; i < text.length; i += 1) bits.push(pairBit(text.charCodeAt(i - 1), text.charCodeAt(i), shift))
  return { text, bits }
}

function hasBit(doc: IndexedDocument, bit: number): boolean {
  return (doc.signature[bit >>> 5] & (1 << (bit & 31))) !== 0
}

/** Whether the signature allows the probe: every bit set (a single character has none, and always may). */
function mayHold(doc: IndexedDocument, { bits }: Probe): boolean {
  return bits.every((bit) => hasBit(doc, bit))
}

function holds(doc: IndexedDocument, probe: Probe): boolean {
  return mayHold(doc, probe) && doc.text.includes(probe.text)
}

/** Whether `fold` may change a character: FOLDABLE's test, made cheap for the characters of Chinese text. */
function foldable(code: number): boolean {
  if (code < 0xc0) return code >= 65 && code <= 90
  // Full-width forms but the punctuation FULL_WIDTH leaves be (，is in every sentence).
  if (code >= 0xff02) return code <= 0xff5e && code !== 0xff08 && code !== 0xff09 && code !== 0xff0c && code !== 0xff1a && code !== 0xff1b && code !== 0xff1f
  // General punctuation (“” — …) and the CJK blocks hold no letter with a case.
  if ((code >= 0x2000 && code <= 0x206f) || (code >= 0x3000 && code < 0xa640) || code > 0xa7ff) return false
  return FOLDABLE.test(String.fromCharCode(code))
}

/**
 * Sets the bits of a text's pairs in `signature`. With `checkFolded`, stops and says false at the
 * first character that folding would change: folding each text first would read every text twice.
 */
function sign(text: string, signature: Uint32Array, shift: number, checkFolded: boolean): boolean {
  let previous = text.charCodeAt(0)
  if (checkFolded && foldable(previous)) return false
  for (let i = 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (checkFolded && foldable(code)) return false
    const bit = pairBit(previous, code, shift)
    signature[bit >>> 5] |= 1 << (bit & 31)
    previous = code
  }
  return true
}

function prepare(originals: readonly SearchDocument[], glossary: readonly GlossaryGroup[]): Prepared {
  const texts = originals.map(documentText)
  // About 4 bits for each character of the average document: a pair not in a document passes its
  // signature about one time in ten (measured on the sample and on bench:search's explainers; 1,000
  // documents of 1,500 characters take 1 MB). Eight bits were no faster.
  const average = texts.reduce((sum, { text }) => sum + text.length, 0) / Math.max(1, texts.length)
  const log2Bits = Math.min(16, Math.max(10, Math.ceil(Math.log2(average * 4))))
  const shift = 32 - log2Bits
  const words = (1 << log2Bits) >>> 5
  const all = new Uint32Array(words * texts.length)
  const documents = texts.map(({ text, fields }, position) => {
    const signature = all.subarray(position * words, (position + 1) * words)
    if (sign(text, signature, shift, true)) return { original: originals[position], text, fields, signature }
    signature.fill(0)
    const folded = fold(text)
    sign(folded, signature, shift, false)
    return { original: originals[position], text: folded, fields, signature }
  })
  return { documents, lexicon: compileGlossary(glossary), shift }
}

function documentText(doc: SearchDocument): { text: string; fields: Field[] } {
  const fields: Field[] = []
  let text = ''
  const add = (kind: FieldKind, original: string) => {
    // A needle never holds a line break, so no match spans two fields.
    if (fields.length > 0) text += '\n'
    fields.push({ kind: FIELD_KINDS.indexOf(kind), original, start: text.length, end: text.length + original.length })
    text += original
  }
  add('title', doc.title)
  add('tags', doc.tags.join(' '))
  doc.qa.forEach((pair) => add('question', pair.question))
  doc.qa.forEach((pair) => add('answer', pair.answer))
  add('summary', doc.summary)
  add('body', doc.body)
  return { text, fields }
}

// Reading the query ------------------------------------------------------------------------------

class Planner {
  constructor(
    private readonly lexicon: Lexicon,
    private readonly shift: number,
  ) {}

  /** A piece with `needles`, or most of `partial`'s bigrams (when it has two or more) standing in for them. */
  private piece(needles: { text: string; weight: number }[], partial: string | null): Piece {
    const grams = partial === null ? [] : bigrams(partial)
    return {
      needles: needles.map(({ text, weight }) => ({ ...probe(text, this.shift), weight })),
      grams: grams.length >= 2 ? grams.map((gram) => probe(gram, this.shift)) : [],
    }
  }

  /**
   * The term cut into glossary words, filler words and what lies between, or null when the cut
   * finds no glossary word and no filler of several characters (then it says nothing new).
   */
  private cut(term: string): Reading | null {
    const { finds, fillers, longest } = this.lexicon
    const pieces: Piece[] = []
    let between = ''
    let found = false
    const flush = () => {
      if (between !== '') pieces.push(this.piece([{ text: between, weight: TYPED }], between))
      between = ''
    }
    for (let at = 0; at < term.length; ) {
      let word = ''
      for (let length = Math.min(longest, term.length - at); length >= 1 && word === ''; length -= 1) {
        const candidate = term.slice(at, at + length)
        if (finds.has(candidate) || fillers.has(candidate)) word = candidate
      }
      if (word === '') {
        between += term[at]
        at += 1
        continue
      }
      flush()
      const needles = finds.get(word)
      if (needles !== undefined) pieces.push(this.piece(needles, null))
      found ||= needles !== undefined || word.length > 1
      at += word.length
    }
    flush()
    if (!found || pieces.length === 0) return null
    if (pieces.length === 1 && pieces[0].needles[0].text === term) return null
    return pieces
  }

  term(term: string): TermPlan {
    const whole = this.piece(this.lexicon.finds.get(term) ?? [{ text: term, weight: TYPED }], term)
    const cut = this.cut(term)
    return cut === null ? [[whole]] : [[whole], cut]
  }
}

function planQuery(terms: string[], { lexicon, shift }: Prepared): TermPlan[] {
  const planner = new Planner(lexicon, shift)
  return terms.map((term) => planner.term(term))
}

// Matching ---------------------------------------------------------------------------------------

/** Whether a piece occurs in a document at all: cheaper than finding where, and most documents fail here. */
function occursIn(doc: IndexedDocument, { needles, grams }: Piece): boolean {
  if (needles.some((needle) => holds(doc, needle))) return true
  return grams.length > 0 && grams.filter((gram) => holds(doc, gram)).length / grams.length >= PARTIAL_MATCH_SHARE
}

type Report = (field: number, weight: number, start: number, length: number) => void

/**
 * Reports each place where a piece matches in a document (field, weight, place within the field):
 * its needles wherever they occur; only when none occurs anywhere, its bigrams in each field that
 * holds most of them.
 */
function scanPiece(doc: IndexedDocument, piece: Piece, report: Report): void {
  const { text, fields } = doc
  let any = false
  for (const needle of piece.needles) {
    if (!mayHold(doc, needle)) continue
    const { length } = needle.text
    let field = 0
    for (let at = text.indexOf(needle.text); at >= 0; at = text.indexOf(needle.text, at + length)) {
      while (at > fields[field].end) field += 1
      report(field, needle.weight, at - fields[field].start, length)
      any = true
    }
  }
  const { grams } = piece
  if (any || grams.length === 0) return
  const found = fields.map(() => 0)
  const places: number[] = []
  for (const gram of grams) {
    if (!mayHold(doc, gram)) continue
    let field = 0
    let counted = -1
    for (let at = text.indexOf(gram.text); at >= 0; at = text.indexOf(gram.text, at + 2)) {
      while (at > fields[field].end) field += 1
      if (counted !== field) found[field] += 1
      counted = field
      places.push(field, at - fields[field].start)
    }
  }
  for (let i = 0; i < places.length; i += 2) {
    const share = found[places[i]] / grams.length
    if (share >= PARTIAL_MATCH_SHARE) report(places[i], share, places[i + 1], 2)
  }
}

// Scratch space for scorePiece: searches run one at a time.
const kindWeight = new Float64Array(FIELD_KINDS.length)
const kindCount = new Float64Array(FIELD_KINDS.length)

/** A piece's score in a document: in each kind of field, the best weight found, with a little for repeats. */
function scorePiece(doc: IndexedDocument, piece: Piece): number {
  kindWeight.fill(0)
  kindCount.fill(0)
  scanPiece(doc, piece, (field, weight) => {
    const kind = doc.fields[field].kind
    kindWeight[kind] = Math.max(kindWeight[kind], weight)
    kindCount[kind] += 1
  })
  let score = 0
  kindWeight.forEach((weight, kind) => {
    if (weight > 0) score += FIELD_WEIGHTS[FIELD_KINDS[kind]] * weight * (1 + REPEAT_BONUS * Math.log(kindCount[kind]))
  })
  return score
}

/** Where a piece matches in each field of a document. */
function placesOf(doc: IndexedDocument, piece: Piece): Range[][] {
  const places: Range[][] = doc.fields.map(() => [])
  scanPiece(doc, piece, (field, _weight, start, length) => places[field].push({ start, end: start + length }))
  return places
}

interface Evaluated {
  score: number
  /** The pieces of the readings that matched best. */
  pieces: Piece[]
}

/** How well `doc` answers the query, or null when some term does not match it at all. */
function evaluate(doc: IndexedDocument, plans: TermPlan[]): Evaluated | null {
  // First whether every term can match at all, which rules out most documents cheaply.
  const possible: Reading[][] = []
  for (const readings of plans) {
    const left = readings.filter((reading) => reading.every((piece) => occursIn(doc, piece)))
    if (left.length === 0) return null
    possible.push(left)
  }
  let score = 0
  const pieces: Piece[] = []
  for (const readings of possible) {
    let best = 0
    let bestReading: Reading = []
    for (const reading of readings) {
      let sum = 0
      for (const piece of reading) {
        const pieceScore = scorePiece(doc, piece)
        if (pieceScore === 0) {
          sum = 0
          break
        }
        sum += pieceScore
      }
      // A term read as several words scores their average, as one word would.
      if (sum / reading.length > best) {
        best = sum / reading.length
        bestReading = reading
      }
    }
    if (best === 0) return null
    score += best
    pieces.push(...bestReading)
  }
  return { score, pieces }
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

function isSnippetSource(kind: FieldKind): kind is SnippetSource {
  return kind !== 'title' && kind !== 'tags'
}

/** The part of the field that matches the most pieces, around the first match of the piece it has least of. */
function snippetOf(doc: IndexedDocument, places: Range[][][]): Snippet {
  let best = -1
  let bestCount = 0
  doc.fields.forEach((field, index) => {
    if (!isSnippetSource(FIELD_KINDS[field.kind])) return
    const count = places.filter((perField) => perField[index].length > 0).length
    if (count > bestCount) {
      best = index
      bestCount = count
    }
  })
  if (best < 0) {
    // Only the title matched: the summary says what the explainer is about.
    const { summary } = doc.original
    const length = SNIPPET_CONTEXT * 3
    return { text: summary.length > length ? `${summary.slice(0, length)}…` : summary, ranges: [], source: 'summary' }
  }
  const field = doc.fields[best]
  const source = FIELD_KINDS[field.kind] as SnippetSource
  const matched = places.map((perField) => perField[best]).filter((ranges) => ranges.length > 0)
  // 社保断缴 in a text that says 社会保险 often and 欠缴 once: the snippet shows 欠缴.
  const rarest = matched.reduce((fewest, ranges) => (ranges.length < fewest.length ? ranges : fewest))
  const anchor = rarest.reduce((first, range) => (range.start < first.start ? range : first))
  const ranges = mergeRanges(matched.flat())
  const from = Math.max(0, anchor.start - SNIPPET_CONTEXT)
  const to = Math.min(field.original.length, anchor.end + SNIPPET_CONTEXT * 2)
  const prefix = SNIPPET_PREFIX[source] + (from > 0 ? '…' : '')
  const suffix = to < field.original.length ? '…' : ''
  return {
    text: prefix + field.original.slice(from, to) + suffix,
    ranges: ranges
      .filter((range) => range.start >= from && range.end <= to)
      .map((range) => ({ start: range.start - from + prefix.length, end: range.end - from + prefix.length })),
    source,
  }
}

/** Ranks documents by the query. Every term must match somewhere in a document (itself, a word it stands for, or mostly). */
export function search(index: SearchIndex, query: string, limit = 50): SearchHit[] {
  const terms = queryTerms(query)
  if (terms.length === 0) return []
  const prepared = index.prepare()
  const plans = planQuery(terms, prepared)
  const found: { doc: IndexedDocument; evaluated: Evaluated }[] = []
  for (const doc of prepared.documents) {
    const evaluated = evaluate(doc, plans)
    if (evaluated !== null) found.push({ doc, evaluated })
  }
  return found
    .sort((a, b) => b.evaluated.score - a.evaluated.score || a.doc.original.id.localeCompare(b.doc.original.id))
    .slice(0, limit)
    .map(({ doc, evaluated }) => {
      // Where it matched, only for the hits shown.
      const places = evaluated.pieces.map((piece) => placesOf(doc, piece))
      return {
        id: doc.original.id,
        score: evaluated.score,
        titleRanges: mergeRanges(places.flatMap((perField) => perField[0])),
        snippet: snippetOf(doc, places),
      }
    })
}

// Nearest explainers -----------------------------------------------------------------------------

/** A word of the query as the nearest explainers are measured by: its pairs, each counted by how rare it is. */
interface NearWord {
  weight: number
  /** The word itself when it is a single character (which the signatures do not hold). */
  char: string | null
  grams: string[]
  bits: number[]
  rarity: number[]
  total: number
}

/** A query term as its readings, each a list of pieces, each the words any of which would do. */
type NearTerm = NearWord[][][]

/**
 * What a text has of the query: for each term, its best reading, which has the average of its
 * pieces, each of which has its nearest word (the share of the word's pairs held, by rarity).
 */
function nearness(terms: NearTerm[], holds: (word: NearWord, gram: number) => boolean): number {
  let total = 0
  for (const readings of terms) {
    let bestReading = 0
    for (const pieces of readings) {
      let sum = 0
      for (const words of pieces) {
        let best = 0
        for (const word of words) {
          if (word.weight <= best || word.total === 0) continue
          let found = 0
          if (word.char !== null) found = holds(word, -1) ? word.total : 0
          else for (let i = 0; i < word.bits.length; i += 1) if (holds(word, i)) found += word.rarity[i]
          best = Math.max(best, (word.weight * found) / word.total)
        }
        sum += best
      }
      bestReading = Math.max(bestReading, sum / pieces.length)
    }
    total += bestReading
  }
  return total
}

// The signatures overrate a few documents: this many times the wanted number are read to rank them.
const NEAREST_SHORTLIST = 4
// What the title and the nearest Q&A pair add to the whole text's nearness.
const NEAR_BONUS = 0.5

/**
 * For a query that found nothing: the explainers that come nearest it, however little (pairs of
 * characters of the query or of the words it stands for, the rarer among the explainers the more
 * they count: 工资 is everywhere, 养老 is not), each with its Q&A pairs, those nearest the query
 * first (at most `pairs`).
 */
export function nearest(index: SearchIndex, query: string, limit = 3, pairs = 2): NearbyExplainer[] {
  const terms = queryTerms(query)
  if (terms.length === 0) return []
  const prepared = index.prepare()
  const { documents } = prepared
  const counted = new Map<number, number>()
  const rarityOf = (bit: number) => {
    let rarity = counted.get(bit)
    if (rarity === undefined) {
      let holding = 0
      for (const doc of documents) if (hasBit(doc, bit)) holding += 1
      rarity = Math.log((documents.length + 1) / (holding + 1))
      counted.set(bit, rarity)
    }
    return rarity
  }
  const nearWord = ({ text, weight, bits }: Needle): NearWord => {
    const rarity = bits.map(rarityOf)
    const single = text.length === 1
    return { weight, char: single ? text : null, grams: bigrams(text), bits, rarity, total: single ? 1 : rarity.reduce((sum, value) => sum + value, 0) }
  }
  const measured: NearTerm[] = planQuery(terms, prepared).map((readings) => readings.map((reading) => reading.map((piece) => piece.needles.map(nearWord))))
  const roughly = (doc: IndexedDocument) => nearness(measured, (word, i) => i >= 0 && hasBit(doc, word.bits[i]))
  const exactly = (text: string) => nearness(measured, (word, i) => text.includes(i < 0 ? (word.char as string) : word.grams[i]))

  type Scored = { doc: IndexedDocument; score: number }
  const byScore = (a: Scored, b: Scored) => b.score - a.score || a.doc.original.id.localeCompare(b.doc.original.id)
  const shortlist: Scored[] = []
  for (const doc of documents) {
    if (doc.original.qa.length === 0) continue
    const score = roughly(doc)
    if (score > 0) shortlist.push({ doc, score })
  }
  return shortlist
    .sort(byScore)
    .slice(0, limit * NEAREST_SHORTLIST)
    .map(({ doc }) => {
      const title = doc.text.slice(doc.fields[0].start, doc.fields[0].end)
      const qa = doc.original.qa
        .map((pair, order) => ({ pair, order, score: exactly(fold(`${pair.question}\n${pair.answer}`)) }))
        .sort((a, b) => b.score - a.score || a.order - b.order)
      // An explainer whose title or Q&A speaks of the query helps more than one that mentions it in passing.
      return { doc, qa, score: exactly(doc.text) + NEAR_BONUS * (exactly(title) + qa[0].score) }
    })
    .filter(({ score }) => score > 0)
    .sort(byScore)
    .slice(0, limit)
    .map(({ doc, qa }) => {
      // The pairs that have something of the query; the first pair when none has.
      const near = qa.filter(({ score }) => score > 0)
      return { id: doc.original.id, qa: (near.length > 0 ? near : qa).slice(0, pairs).map(({ pair }) => pair) }
    })
}
