/**
 * Feed text → JSON Feed items. JSON Feed 1.1 is taken as it is (its items are checked later, one
 * by one); RSS 2.0 and Atom entries become `policy` items in the same JSON Feed shape, as
 * assets/feed/FORMAT.md describes. Anything else, and anything hostile, fails the whole source.
 */
import { createHash } from 'node:crypto'

import { XMLParser } from 'fast-xml-parser'

import { parseFeedDateTime } from './dates'
import { POLICY_CATEGORIES, VALIDITIES, CONTENT_SCHEMA } from '../../src/core/content/model'
import { plainText } from '../../src/core/content/rich-text'
import { htmlToNodes } from './html'
import type { ContentSource } from './sources'
import { idPrefix } from './sources'
import { SourceError } from './source-error'
import { decodeXmlText } from './xml-text'

export type FeedFormat = 'json_feed' | 'rss' | 'atom'

export interface ParsedFeed {
  format: FeedFormat
  /** The feed lists everything its source publishes: what is missing from it is deleted. */
  complete: boolean
  /** Sample content written for this project, not published by a bureau. */
  sample: boolean
  homePageUrl?: string
  /** Items in JSON Feed shape, still unchecked. */
  items: unknown[]
}

type Json = Record<string, unknown>

const JSON_FEED_VERSION = /^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/
const HTTP_URL = /^https?:\/\//i
const SUMMARY_LENGTH = 300

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function tooManyItems(count: number, maxItems: number): SourceError {
  return new SourceError(`订阅源有 ${count} 条内容，超过 ${maxItems} 条的上限，未处理`)
}

function parseJsonFeed(text: string, maxItems: number): ParsedFeed {
  let feed: unknown
  try {
    feed = JSON.parse(text)
  } catch (error) {
    throw new SourceError('订阅源的 JSON 格式有误，无法读取', { cause: error })
  }
  if (!isObject(feed) || typeof feed.version !== 'string' || !JSON_FEED_VERSION.test(feed.version)) {
    throw new SourceError('订阅源不是 JSON Feed（version 应为 https://jsonfeed.org/version/1.1）')
  }
  if (!Array.isArray(feed.items)) throw new SourceError('JSON Feed 缺少 items 列表')
  if (feed.items.length > maxItems) throw tooManyItems(feed.items.length, maxItems)
  const extension = isObject(feed._pufa) ? feed._pufa : {}
  const homePageUrl = typeof feed.home_page_url === 'string' && HTTP_URL.test(feed.home_page_url) ? feed.home_page_url : undefined
  return {
    format: 'json_feed',
    complete: extension.complete === true,
    sample: extension.sample === true,
    ...(homePageUrl ? { homePageUrl } : {}),
    items: feed.items,
  }
}

const STOP_NODES = [
  'rss.channel.item.title',
  'rss.channel.item.description',
  'rss.channel.item.content:encoded',
  'feed.entry.title',
  'feed.entry.summary',
  'feed.entry.content',
]
const ARRAYS = new Set(['rss.channel', 'rss.channel.item', 'rss.channel.item.category', 'feed.link', 'feed.entry', 'feed.entry.link', 'feed.entry.category'])

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Only the predefined entities and character references: documents with DTDs are refused before
  // parsing, so no declared entity can expand.
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  stopNodes: STOP_NODES,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
})

/** The text of a parsed element: a string, or `#text` of one with attributes. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return textOf(value[0])
  if (isObject(value)) return textOf(value['#text'])
  return ''
}

function attributeOf(value: unknown, name: string): string | undefined {
  if (Array.isArray(value)) return attributeOf(value[0], name)
  return isObject(value) && typeof value[`@_${name}`] === 'string' ? (value[`@_${name}`] as string) : undefined
}

function looksLikeHtml(text: string): boolean {
  return /<[A-Za-z!/]/.test(text) || /&[A-Za-z]+;|&#/.test(text)
}

function htmlText(html: string): string {
  return plainText(htmlToNodes(html)).replace(/\s+/g, ' ').trim()
}

function truncate(text: string, length: number): string {
  const chars = Array.from(text)
  return chars.length <= length ? text : `${chars.slice(0, length).join('')}…`
}

function resolveUrl(value: string, base: string | undefined): string | undefined {
  if (value === '') return undefined
  try {
    const url = base ? new URL(value, base) : new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

function isoDate(value: string): string | undefined {
  return value === '' ? undefined : parseFeedDateTime(value)?.iso
}

/** A stable id of our kind for an entry that has only a guid, a link or a title. */
function entryId(prefix: string, key: string): string | undefined {
  if (key === '') return undefined
  if (/^[A-Za-z0-9._-]{1,100}$/.test(key)) return `${prefix}:${key}`
  return `${prefix}:${createHash('sha256').update(key).digest('hex').slice(0, 20)}`
}

/**
 * Category and validity from the entry's `<category>` elements; the rest are tags. Without a
 * category of ours the source's configured default applies, and without either the item goes
 * without one (and is rejected, saying why). Validity is never guessed.
 */
function classify(categories: string[], defaultCategory: string | undefined): { category?: string; validity?: string; tags: string[] } {
  const named = categories.find((name) => (POLICY_CATEGORIES as readonly string[]).includes(name))
  const validity = categories.find((name) => (VALIDITIES as readonly string[]).includes(name))
  const tags = categories.filter((name) => name !== '' && name !== named && name !== validity)
  const category = named ?? defaultCategory
  return { ...(category !== undefined ? { category } : {}), ...(validity !== undefined ? { validity } : {}), tags: [...new Set(tags)] }
}

function policyItem(fields: {
  id: string | undefined
  title: string
  summary?: string
  contentHtml?: string
  contentText?: string
  url?: string
  published?: string
  modified?: string
  categories: string[]
  defaultCategory: string | undefined
}): Json {
  const { tags, ...classified } = classify(fields.categories, fields.defaultCategory)
  const item: Json = { id: fields.id, title: fields.title, tags, _pufa: { type: 'policy', schema: CONTENT_SCHEMA, ...classified } }
  if (fields.summary) item.summary = fields.summary
  if (fields.contentHtml) item.content_html = fields.contentHtml
  else if (fields.contentText) item.content_text = fields.contentText
  if (fields.url) item.external_url = fields.url
  if (fields.published) item.date_published = fields.published
  if (fields.modified) item.date_modified = fields.modified
  return item
}

/** What every entry of one source shares: its id prefix and its configured default category. */
interface EntryOrigin {
  prefix: string
  defaultCategory: string | undefined
}

function rssItem(entry: unknown, channelLink: string | undefined, origin: EntryOrigin): Json {
  const item = isObject(entry) ? entry : {}
  const rawTitle = decodeXmlText(textOf(item.title))
  const title = looksLikeHtml(rawTitle) ? htmlText(rawTitle) : rawTitle
  const description = decodeXmlText(textOf(item.description))
  const encoded = decodeXmlText(textOf(item['content:encoded']))
  const link = resolveUrl(textOf(item.link), channelLink)
  const guid = textOf(item.guid)
  const published = isoDate(textOf(item.pubDate)) ?? isoDate(textOf(item['dc:date']))
  const categories = (Array.isArray(item.category) ? item.category : []).map(textOf)
  return policyItem({
    id: entryId(origin.prefix, guid || link || (title ? `${title}|${published ?? ''}` : '')),
    title,
    summary: encoded && description ? truncate(htmlText(description), SUMMARY_LENGTH) : undefined,
    contentHtml: encoded || description,
    url: link,
    published,
    categories,
    defaultCategory: origin.defaultCategory,
  })
}

/** An Atom text construct: HTML for type html and xhtml, plain text otherwise. */
function atomText(value: unknown): { html?: string; text?: string } {
  const raw = textOf(value)
  const type = (attributeOf(value, 'type') ?? 'text').toLowerCase()
  if (type === 'xhtml') return { html: raw }
  if (type === 'html' || type === 'text/html') return { html: decodeXmlText(raw) }
  return { text: decodeXmlText(raw) }
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined
  const alternate = links.find((link) => {
    const rel = attributeOf(link, 'rel')
    return rel === undefined || rel === 'alternate'
  })
  return alternate === undefined ? undefined : attributeOf(alternate, 'href')
}

function atomEntry(value: unknown, feedLink: string | undefined, origin: EntryOrigin): Json {
  const entry = isObject(value) ? value : {}
  const title = atomText(entry.title)
  const summary = atomText(entry.summary)
  const content = atomText(entry.content)
  const href = atomLink(entry.link)
  const link = href === undefined ? undefined : resolveUrl(href, feedLink)
  const published = isoDate(textOf(entry.published))
  const updated = isoDate(textOf(entry.updated))
  const categories = (Array.isArray(entry.category) ? entry.category : []).map((category) => attributeOf(category, 'term') ?? textOf(category))
  const hasContent = Boolean(content.html || content.text)
  const summaryText = summary.html ? htmlText(summary.html) : summary.text
  return policyItem({
    id: entryId(origin.prefix, textOf(entry.id) || link || ''),
    title: title.html ? htmlText(title.html) : (title.text ?? ''),
    summary: hasContent && summaryText ? truncate(summaryText, SUMMARY_LENGTH) : undefined,
    contentHtml: content.html ?? (hasContent ? undefined : summary.html),
    contentText: content.text ?? (hasContent ? undefined : summary.text),
    url: link,
    published: published ?? updated,
    modified: updated,
    categories,
    defaultCategory: origin.defaultCategory,
  })
}

function refuseHostileXml(text: string): void {
  const head = text.slice(0, 4096)
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype\s+html/i.test(head) || /^\s*<html[\s>]/i.test(head)) {
    throw new SourceError('订阅源地址返回的是网页，不是订阅源（请检查地址是否正确）')
  }
  // Entity declarations are what billion-laughs and external-entity attacks are made of; no real
  // RSS or Atom feed needs an internal DTD subset.
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>[]*\[/i.test(text)) {
    throw new SourceError('订阅源含有 DTD 实体声明，出于安全考虑不予处理')
  }
}

function parseXmlFeed(text: string, source: ContentSource, maxItems: number): ParsedFeed {
  refuseHostileXml(text)
  let document: Json
  try {
    document = xmlParser.parse(text) as Json
  } catch (error) {
    throw new SourceError('订阅源不是有效的 XML，无法读取', { cause: error })
  }
  const origin: EntryOrigin = { prefix: idPrefix(source), defaultCategory: source.defaultCategory }
  const rss = isObject(document.rss) ? document.rss : undefined
  if (rss) {
    const channels = Array.isArray(rss.channel) ? rss.channel : []
    const channel = isObject(channels[0]) ? channels[0] : {}
    const entries = Array.isArray(channel.item) ? channel.item : []
    if (entries.length > maxItems) throw tooManyItems(entries.length, maxItems)
    const channelLink = resolveUrl(textOf(channel.link), undefined)
    return {
      format: 'rss',
      complete: false,
      sample: false,
      ...(channelLink ? { homePageUrl: channelLink } : {}),
      items: entries.map((entry) => rssItem(entry, channelLink, origin)),
    }
  }
  const feed = isObject(document.feed) ? document.feed : undefined
  if (feed) {
    const entries = Array.isArray(feed.entry) ? feed.entry : []
    if (entries.length > maxItems) throw tooManyItems(entries.length, maxItems)
    const feedLink = resolveUrl(atomLink(feed.link) ?? '', undefined)
    return {
      format: 'atom',
      complete: false,
      sample: false,
      ...(feedLink ? { homePageUrl: feedLink } : {}),
      items: entries.map((entry) => atomEntry(entry, feedLink, origin)),
    }
  }
  if ('html' in document || 'HTML' in document) throw new SourceError('订阅源地址返回的是网页，不是订阅源（请检查地址是否正确）')
  throw new SourceError('订阅源不是可识别的 JSON Feed、RSS 2.0 或 Atom 格式')
}

/** Parses a decoded feed; fails the whole source with a SourceError when it cannot be used. */
export function parseFeed(text: string, source: ContentSource, maxItems: number): ParsedFeed {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start === '') throw new SourceError('订阅源是空的')
  if (start.startsWith('{') || start.startsWith('[')) return parseJsonFeed(start, maxItems)
  if (start.startsWith('<')) return parseXmlFeed(start, source, maxItems)
  throw new SourceError('订阅源不是可识别的 JSON Feed、RSS 2.0 或 Atom 格式')
}
