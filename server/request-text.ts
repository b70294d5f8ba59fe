import type { FastifyRequest } from 'fastify'

import { hasUnreadableCharacters, normaliseText, unreadableMessage } from '../src/core/text-rules'
import { validationFailed, type FieldProblem } from './errors'

type Node = Record<string, unknown>

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null
}

/** Only what JSON.parse and the query string parser make: plain objects and arrays (not a multipart stream). */
function isPlain(value: unknown): value is Node | unknown[] {
  if (Array.isArray(value)) return true
  if (!isNode(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** The schema of `segment` inside `schema`, looking through unions (Nullable, discriminated actions). */
function schemaOf(schema: unknown, segment: string): unknown {
  if (!isNode(schema)) return undefined
  const branches = [schema, ...(['anyOf', 'oneOf', 'allOf'] as const).flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []))]
  for (const branch of branches) {
    if (!isNode(branch)) continue
    if (isNode(branch.properties) && segment in branch.properties) return branch.properties[segment]
    if (/^\d+$/.test(segment) && isNode(branch.items)) return branch.items
  }
  return undefined
}

function titleOf(schema: unknown): string | undefined {
  if (!isNode(schema)) return undefined
  if (typeof schema.title === 'string') return schema.title
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key]
    if (!Array.isArray(branches)) continue
    for (const branch of branches) if (isNode(branch) && typeof branch.title === 'string') return branch.title
  }
  return undefined
}

/** Where a value sits, as a chain up to the root (a body may be nested 100,000 deep). */
interface Place {
  key: string
  parent: Place | undefined
}

function pathOf(place: Place): string {
  const keys: string[] = []
  for (let at: Place | undefined = place; at !== undefined; at = at.parent) keys.push(at.key)
  return keys.reverse().join('.')
}

interface Container {
  value: Node | unknown[]
  place: Place | undefined
  schema: unknown
}

/**
 * Normalises every string inside `root` in place, and names those that hold unreadable characters.
 * A loop, not recursion, and no path copied per level: a body may be nested 100,000 deep.
 */
function sweep(root: Node | unknown[], rootSchema: unknown, problems: FieldProblem[]): void {
  const pending: Container[] = [{ value: root, place: undefined, schema: rootSchema }]
  for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
    const { value, place, schema } = container
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value)
    for (const [key, item] of entries) {
      const itemPlace = { key, parent: place }
      const itemSchema = schemaOf(schema, key)
      if (typeof item === 'string') {
        const text = normaliseText(item)
        if (text !== item) (value as Node)[key] = text
        if (hasUnreadableCharacters(text)) {
          const path = pathOf(itemPlace)
          const label = titleOf(itemSchema) ?? `“${path}”`
          problems.push({ path, label, message: unreadableMessage(label) })
        }
      } else if (isPlain(item)) {
        pending.push({ value: item, place: itemPlace, schema: itemSchema })
      }
    }
  }
}

/**
 * The one character rule (core/text-rules) for every string a request brings, whatever field it is
 * in (JSON body, query string, path): refused with the field named when it holds a character no
 * text may hold (a NUL byte, which PostgreSQL cannot store, a bidi override, a lone surrogate),
 * and otherwise normalised as the service stores text (NFC), before validation and any query.
 */
export function checkRequestText(request: FastifyRequest): void {
  const schema = request.routeOptions.schema
  const problems: FieldProblem[] = []
  const parts: Array<[unknown, unknown]> = [
    [request.params, schema?.params],
    [request.query, schema?.querystring],
    // A body its handler judges (a report) is read field by field by core, with the same rule,
    // so that every bad field is named in one answer.
    [schema?.judgedByHandler?.body === undefined ? request.body : undefined, schema?.body],
  ]
  for (const [part, partSchema] of parts) if (isPlain(part)) sweep(part, partSchema, problems)
  if (problems.length > 0) throw validationFailed(problems)
}
