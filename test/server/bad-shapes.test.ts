// Every route of the API document, with hostile and malformed values in each path parameter and
// each query string parameter, signed in where the route needs it: always a 4xx in the documented
// shape, never a 5xx, never an error in the log, on SQLite and PostgreSQL.
import type { FastifyInstance, InjectOptions } from 'fastify'

import { migrate } from '../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { createServer } from '../../server/server'
import { complaintPayload } from '../support/report-fixtures'
import { asSession, createStaffAccount, enrol } from './staff-helpers'
import { storages, useStorage } from './storage'

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema: { type?: string; pattern?: string; enum?: string[]; format?: string; example?: unknown; default?: unknown }
}

interface Operation {
  method: string
  path: string
  parameters: Parameter[]
}

/** Values no id, cursor or filter can be, as they appear in a URL. */
const HOSTILE = [
  '%00',
  'a%00b',
  '%00'.repeat(40),
  '%C0%80',
  '%E0%A4%A',
  '%FF%FE',
  '%ED%A0%80',
  '%E2%80%AEabc',
  '%0A%0D',
  "1'%20OR%20'1'%3D'1",
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%98%80',
  'x'.repeat(3000),
  '-1',
  '1e400',
]

const CHINESE = /[\u4e00-\u9fff]/

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: Parameter[] }>> }): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({ method: method.toUpperCase(), path, parameters: (operation.parameters ?? []).filter((parameter) => parameter.in === 'path' || parameter.in === 'query') })
    }
  }
  return operations
}

/** A value of the parameter's declared shape, for the parameters not under test. */
function validValue(parameter: Parameter): string {
  const { schema } = parameter
  if (schema.example !== undefined) return String(schema.example)
  if (schema.enum?.length) return schema.enum[0]
  if (schema.default !== undefined) return String(schema.default)
  if (schema.type === 'integer' || schema.type === 'number') return '1'
  if (schema.type === 'boolean') return 'true'
  return 'abc'
}

function urlOf(operation: Operation, underTest: Parameter, value: string): string {
  let path = operation.path
  const query: string[] = []
  for (const parameter of operation.parameters) {
    const text = parameter === underTest ? value : validValue(parameter)
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, text)
    else if (parameter === underTest || parameter.required) query.push(`${parameter.name}=${text}`)
  }
  return query.length > 0 ? `${path}?${query.join('&')}` : path
}

describe.each(storages())('hostile path and query parameters on $name', (storage) => {
  const { config } = useStorage(storage, { RATE_LIMITS: 'false' })
  const logged: Array<{ level: number; msg?: string }> = []
  let app: FastifyInstance
  let staffCookie: string
  let participantToken: string

  beforeAll(async () => {
    app = await createServer(config(), { logger: { level: 'warn', destination: { write: (line) => logged.push(JSON.parse(line) as { level: number }) } } })
    await app.ready()
    await migrate(app.db)
    await loadSampleContentIfEmpty(app.db)
    const account = await createStaffAccount(config(), { name: '王督导', login: 'supervisor', role: 'supervisor' })
    staffCookie = (await enrol(app, account.enrolmentCode)).cookie
    const registered = await app.inject({ method: 'POST', url: '/api/v1/quiz/participants', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ districtCode: '440103' }) })
    participantToken = registered.json().participantToken as string
    // Migrating, loading the sample and hashing a password take more than jest's 5 s on a busy machine.
  }, 60_000)
  afterAll(() => app.close())

  function request(operation: Operation, url: string): InjectOptions {
    const hasBody = operation.method === 'POST' || operation.method === 'PUT'
    const base: InjectOptions = {
      method: operation.method as InjectOptions['method'],
      url,
      headers: {
        authorization: operation.path.startsWith('/api/v1/quiz/') ? `Bearer ${participantToken}` : '',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      ...(hasBody ? { payload: '{}' } : {}),
    }
    return operation.path.startsWith('/api/v1/admin/') || operation.path.startsWith('/api/v1/staff/') ? asSession(staffCookie, base) : base
  }

  it('declares a shape (pattern, enum, format or a non-text type) for every path and query parameter', () => {
    const shapeless: string[] = []
    for (const operation of operationsOf(app.swagger() as never)) {
      for (const parameter of operation.parameters) {
        const { schema } = parameter
        if (schema.type === 'string' && schema.pattern === undefined && schema.enum === undefined && schema.format === undefined) {
          shapeless.push(`${operation.method} ${operation.path} ${parameter.in}:${parameter.name}`)
        }
      }
    }
    expect(shapeless).toEqual([])
  })

  it('answers every hostile value with a 4xx in the error shape, and logs no error', async () => {
    const failures: string[] = []
    const operations = operationsOf(app.swagger() as never)
    expect(operations.filter((operation) => operation.parameters.length > 0).length).toBeGreaterThan(30)
    for (const operation of operations) {
      for (const parameter of operation.parameters) {
        for (const value of HOSTILE) {
          const url = urlOf(operation, parameter, value)
          const response = await app.inject(request(operation, url))
          const where = `${operation.method} ${operation.path} ${parameter.in}:${parameter.name}=${value.slice(0, 24)}`
          if (response.statusCode < 400 || response.statusCode >= 500) {
            // A query filter may legitimately match nothing; only a path parameter must never lead to a 2xx.
            if (parameter.in === 'path' || response.statusCode >= 500) failures.push(`${where}: ${response.statusCode}`)
            continue
          }
          const body = response.json() as { error?: { code?: unknown; message?: unknown } }
          if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || !CHINESE.test(body.error.message)) {
            failures.push(`${where}: body ${response.body.slice(0, 120)}`)
          }
          if (response.headers['x-content-type-options'] !== 'nosniff') failures.push(`${where}: no security headers`)
        }
      }
    }
    expect(failures).toEqual([])
    expect(logged.filter((line) => line.level >= 50)).toEqual([])
  })
})

interface BodySchema {
  type?: string
  properties?: Record<string, BodySchema>
  anyOf?: BodySchema[]
  oneOf?: BodySchema[]
}

/** The paths of the string fields of a documented body (through unions and nested objects). */
function stringPaths(schema: BodySchema | undefined, prefix: string[] = []): string[][] {
  if (!schema) return []
  const branches = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]
  const paths: string[][] = []
  for (const branch of branches) {
    if (branch.type === 'string' && prefix.length > 0) paths.push(prefix)
    for (const [name, property] of Object.entries(branch.properties ?? {})) paths.push(...stringPaths(property, [...prefix, name]))
  }
  return paths
}

/** `base` (deep-copied) with `value` at `path`. */
function bodyWith(path: string[], value: string, base: Record<string, unknown> = {}): Record<string, unknown> {
  const body = JSON.parse(JSON.stringify(base)) as Record<string, unknown>
  let node = body
  path.forEach((segment, index) => {
    if (index === path.length - 1) node[segment] = value
    else node = (node[segment] = typeof node[segment] === 'object' && node[segment] !== null ? node[segment] : {}) as Record<string, unknown>
  })
  return body
}

describe.each(storages())('characters no text may hold, in every field of every JSON body, on $name', (storage) => {
  const { config } = useStorage(storage, { RATE_LIMITS: 'false' })
  let app: FastifyInstance
  let staffCookie: string

  beforeAll(async () => {
    app = await createServer(config(), { logger: false })
    await app.ready()
    await migrate(app.db)
    await loadSampleContentIfEmpty(app.db)
    const account = await createStaffAccount(config(), { name: '王督导', login: 'supervisor', role: 'supervisor' })
    staffCookie = (await enrol(app, account.enrolmentCode)).cookie
  })
  afterAll(() => app.close())

  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['a bidi override', '司公\u202e限有'],
    ['a C1 control', '欠\u0085薪'],
    ['a lone surrogate', '欠薪\ud83d'],
  ])('refuses %s with 400 naming the field', async (_name, value) => {
    const document = app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: BodySchema }> } }>> }
    const failures: string[] = []
    let fields = 0
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema
        for (const field of stringPaths(schema)) {
          fields += 1
          const url = path.replace(/\{[^}]+\}/g, 'sample-contest')
          const headers = { 'content-type': 'application/json', 'idempotency-key': `bad-shapes-${fields}-abcdef` }
          const base: InjectOptions = { method: method.toUpperCase() as InjectOptions['method'], url, headers, payload: JSON.stringify(bodyWith(field, value, path === '/api/v1/tips' ? complaintPayload() : {})) }
          const response = await app.inject(url.startsWith('/api/v1/admin/') || url.startsWith('/api/v1/staff/') ? asSession(staffCookie, base) : base)
          const where = `${method.toUpperCase()} ${path} ${field.join('.')}`
          if (response.statusCode !== 400) {
            failures.push(`${where}: ${response.statusCode}`)
            continue
          }
          const error = (response.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error
          const message = error.fields?.[field.join('.')]
          // A report (a valid one but for this field) is judged field by field by core: a coded field (a mobile, a month) says what it should be instead.
          const judgedByCore = path === '/api/v1/tips'
          if (message === undefined || !(judgedByCore || /无法识别的字符/.test(message))) failures.push(`${where}: ${JSON.stringify(error)}`)
        }
      }
    }
    expect(fields).toBeGreaterThan(30)
    expect(failures).toEqual([])
  })
})
