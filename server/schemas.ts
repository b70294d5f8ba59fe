import { Type, type SchemaOptions, type TSchema, type TString, type TUnsafe } from '@sinclair/typebox'

import { ITEM_ID_PATTERN } from './ingest/feed-item'
import { READABLE_TEXT_PATTERN, readableTextPattern } from '../src/core/text-rules'

/**
 * A string from a fixed list, as a plain JSON Schema `enum`: TypeBox's own unions of literals
 * become `anyOf` lists that AJV reports as one error per literal.
 */
export function StringEnum<const Values extends readonly string[]>(values: Values, options: SchemaOptions = {}): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ ...options, type: 'string', enum: [...values] })
}

/** Text that meets the one character rule of core/text-rules (tab and newline allowed), as a JSON Schema pattern. */
export const NO_CONTROL_CHARACTERS = READABLE_TEXT_PATTERN

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/**
 * The shape of each kind of id the service makes or takes, as a JSON Schema pattern with an
 * example: one definition each, so that no malformed id (a NUL byte, a quote, 3,000 letters)
 * reaches a query. A well-formed id that names nothing is the route's own 404.
 */
export const ID_SHAPES = {
  /** Made with crypto.randomUUID(): reports, feedback, staff, contests, participants, attempts. */
  uuid: { pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', example: '3f0c6a2e-8d1b-4c57-9a3e-2b6f1d0e7c45' },
  /** A contest: a UUID, or a word id such as the sample contest's (sample-contest). */
  contest: { pattern: '^[a-z0-9]+(?:-[a-z0-9]+){0,9}$', example: 'sample-contest' },
  /** An evidence photo: 24 random bytes in base64url. */
  upload: { pattern: '^[A-Za-z0-9_-]{32}$', example: 'q8Vt3nX0bK2mZ7yH1wE5rJ9cL4dF6gA0' },
  /** A content item (explainer, question) as the CMS feed names it (ITEM_ID_PATTERN of ingest/feed-item.ts). */
  contentItem: { pattern: ITEM_ID_PATTERN.source, example: 'policy-wage-payment-on-time' },
  /**
   * A code a person reads or types (tracking code, enrolment code): readable text of a bounded
   * length. Its route tells a code from anything else before any query, and answers every wrong
   * code alike (404), so that nothing is learnt from the difference.
   */
  typedCode: { pattern: readableTextPattern(1, 200), example: 'K7QF-3MZP-9XRD-2WT8' },
  /** The sync cursor: base64url (see content/cursor.ts). */
  cursor: { pattern: '^[A-Za-z0-9_-]{0,160}$', example: 'MTIzLjQ1LjA' },
} as const satisfies Record<string, { pattern: string; example: string }>

export type IdKind = keyof typeof ID_SHAPES

/** A path or query parameter, or a body field, holding an id of this kind. */
export function IdString(kind: IdKind, title: string, options: SchemaOptions = {}): TString {
  const { pattern, example } = ID_SHAPES[kind]
  return Type.String({ title, examples: [example], ...options, pattern, errorMessages: { pattern: `${title}的格式不对`, ...options.errorMessages } })
}
