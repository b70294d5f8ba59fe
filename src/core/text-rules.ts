// The one set of rules for text a person types (feedback, reports, replies, nicknames, staff notes,
// contest titles…), shared by the app's forms and the service's verdict.
import { type Check, fail, pass } from './check'

// Code points no typed text may hold: control characters other than tab and newline (C0, DEL, C1),
// and the invisible direction marks, embeddings, overrides and isolates that make text read
// differently to staff than it was written (U+202E turns 司公 into 公司).
const UNREADABLE_RANGES = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069'

// Plus lone surrogates, which no database can store as UTF-8. No lookbehind and no u flag: older
// iOS mini-program engines cannot parse them.
const UNREADABLE = new RegExp(`[${UNREADABLE_RANGES}]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?:^|[^\\ud800-\\udbff])[\\udc00-\\udfff]`)

/**
 * The same rule as a JSON Schema pattern. AJV compiles patterns with the u flag, where a lone
 * surrogate is a code point of its own and a pair is one code point above U+FFFF.
 */
export const READABLE_TEXT_PATTERN = readableTextPattern()

/** READABLE_TEXT_PATTERN for text of `min` to `max` characters. */
export function readableTextPattern(min = 0, max?: number): string {
  return `^[^${UNREADABLE_RANGES}\\ud800-\\udfff]{${min},${max ?? ''}}$`
}

// What shows nothing on screen: white space, zero-width characters, the soft hyphen, fillers, and
// the marks that only join or shape their neighbours (outside the class: lint reads them as combining).
const INVISIBLE = /^(?:[\s\u00ad\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff\uffa0]|\u034f|\u17b4|\u17b5)*$/

export function hasUnreadableCharacters(text: string): boolean {
  return UNREADABLE.test(text)
}

/** Whether the text shows nothing at all: only white space and invisible characters. */
export function isBlankText(text: string): boolean {
  return INVISIBLE.test(text)
}

/** Text as it is stored: NFC, and Windows line breaks (CR LF) as \n. A CR alone stays, and is unreadable. */
export function normaliseText(input: string): string {
  return input.normalize('NFC').replace(/\r\n/g, '\n')
}

/**
 * Text as the checks read it: NFKC, so full-width digits and letters (１３８, ＡＢＣ), circled and
 * other compatibility forms read as their plain twins, and no filter is bypassed by typing them.
 */
export function foldForChecks(text: string): string {
  return text.normalize('NFKC')
}

export interface TextRule {
  /** The field's name for people: 内容, 昵称, 评价的话. */
  label: string
  /** Characters (code points) after normalising. */
  max: number
  /** At least this many characters; 1 unless said (a blank text is always refused). */
  min?: number
  /** Whether line breaks are kept; otherwise every run of white space becomes one space. */
  multiline?: boolean
  /** What the person does next, for the messages: 提交 (default), 填写, 发送. */
  action?: string
}

/** The message for text with unreadable characters, the same wherever it is refused. */
export function unreadableMessage(label: string, action = '提交'): string {
  return `${label}中有无法识别的字符，请删除后再${action}`
}

/**
 * The characters of a free-text field: fails with the unreadable message, or passes the text as it
 * is stored (normalised, trimmed, white space runs as one space unless multiline); '' when it shows
 * nothing (zero-width characters alone show nothing). Length rules are the caller's.
 */
export function cleanText(input: string, { label, multiline = true, action = '提交' }: Omit<TextRule, 'max' | 'min'>): Check<string> {
  const normalised = normaliseText(input)
  if (hasUnreadableCharacters(normalised)) return fail(unreadableMessage(label, action))
  return pass(visibleText(multiline ? normalised : normalised.replace(/\s+/g, ' ')))
}

/**
 * The text as stored, trimmed; '' when it shows nothing. For text whose characters the service has
 * already checked (every string of a request is: server/request-text.ts).
 */
export function visibleText(input: string): string {
  const text = normaliseText(input).trim()
  return isBlankText(text) ? '' : text
}

/** The one check of a free-text field: readable, not blank, within its length; passes the text as stored. */
export function checkText(input: string, rule: TextRule): Check<string> {
  const { label, max, min = 1 } = rule
  const cleaned = cleanText(input, rule)
  if (!cleaned.ok) return cleaned
  const length = Array.from(cleaned.value).length
  if (length === 0) return fail(`请填写${label}`)
  if (length < min) return fail(`${label}至少要写${min}个字`)
  if (length > max) return fail(`${label}请不超过${max}个字`)
  return cleaned
}
