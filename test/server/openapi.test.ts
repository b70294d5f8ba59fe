// The API document (/api/v1/openapi.json) against the routes the service really registers, and
// against what OpenAPI 3.0 requires; the docs page that shows it; the POST /tips body it documents.
import Fastify, { type FastifyInstance } from 'fastify'

import { app as pufaApp } from '../../server/app'
import { migrate } from '../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { readSite } from '../../server/content/content.repository'
import { TipReportBody } from '../../server/tips/tips.schemas'
import { serverOptions } from '../../server/server'
import { validateReport, type ReportContext } from '../../src/core/tips/report'
import { anonymousTipPayload, complaintPayload } from '../support/report-fixtures'
import { openApiProblems } from './openapi-structure'
import { SQLITE, useStorage } from './storage'

type Json = Record<string, unknown>
interface Operation extends Json {
  summary?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  requestBody?: { content: Record<string, { schema: Json; example?: unknown }> }
}
interface ApiDocument {
  info: { title: string; description?: string }
  servers?: { url: string; description?: string }[]
  tags: { name: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, Json> }
}

const CHINESE = /[\u4e00-\u9fff]/
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']

// Not operations of the API: built files served as they are (@fastify/static's wildcards: the H5
// app's, and any other build's) and the docs page's own files.
const isStaticFile = (url: string) => url === '/*' || url.endsWith('/*')
const isDocsPageAsset = (url: string) => url === '/api/v1/docs' || url.startsWith('/api/v1/docs/')

const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

function operations(document: ApiDocument): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => ({ method, path, operation: item[method] })),
  )
}

describe('the API document', () => {
  const registered: { method: string; url: string }[] = []
  let server: FastifyInstance | undefined
  let document: ApiDocument
  // Declared before useStorage's own: the app lets go of its database before the folder goes.
  afterAll(async () => {
    await server?.close()
  })
  const storage = useStorage(SQLITE)

  // The service as createServer builds it, with every route seen as it is registered: the list the
  // document must cover does not come from the document's own plugin.
  beforeAll(async () => {
    server = Fastify(serverOptions(storage.config(), { logger: false }))
    server.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url })
    })
    await server.register(pufaApp, { config: storage.config() })
    await server.ready()
    const response = await server.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    expect(response.statusCode).toBe(200)
    document = response.json()
  })

  const app = () => {
    if (!server) throw new Error('the service did not start')
    return server
  }

  it('describes every route the service registers, and nothing else', () => {
    const routes = registered.filter(({ url }) => !isStaticFile(url) && !isDocsPageAsset(url))
    // Fastify answers HEAD for every GET; the GET's operation describes both.
    const hasGet = (url: string) => routes.some((route) => route.method === 'GET' && route.url === url)
    const operationsOfRoutes = routes
      .filter(({ method, url }) => !(method === 'HEAD' && hasGet(url)))
      .map(({ method, url }) => `${method} ${openApiPath(url)}`)
    expect(operationsOfRoutes.length).toBeGreaterThan(20)
    const documented = operations(document).map(({ method, path }) => `${method.toUpperCase()} ${path}`)
    expect(operationsOfRoutes.filter((operation) => !documented.includes(operation))).toEqual([])
    expect(documented.filter((operation) => !operationsOfRoutes.includes(operation))).toEqual([])
  })

  it('is a valid OpenAPI 3.0 document', () => {
    expect(openApiProblems(document)).toEqual([])
  })

  describe('the structure check', () => {
    const broken = (change: (copy: ApiDocument & Json) => void) => {
      const copy = structuredClone(document) as ApiDocument & Json
      change(copy)
      return openApiProblems(copy)
    }

    it.each<[string, (copy: ApiDocument & Json) => void, string]>([
      ['no OpenAPI version', (copy) => delete copy.openapi, '$.openapi: must be an OpenAPI 3.0.x version'],
      ['a path parameter left out', (copy) => delete copy.paths['/api/v1/tips/{code}'].get.parameters, 'path parameter {code} is not declared'],
      [
        'a reference to nothing',
        (copy) => {
          copy.paths['/api/v1/health'].get.responses = { 200: { description: '成功', content: { 'application/json': { schema: { $ref: '#/components/schemas/无' } } } } }
        },
        '$ref #/components/schemas/无 points at nothing',
      ],
      [
        'a JSON Schema type OpenAPI 3.0 does not have',
        (copy) => {
          const schema = copy.paths['/api/v1/privacy-terms'].get.responses as Record<string, { content: Record<string, { schema: { properties: Json } }> }>
          schema[200].content['application/json'].schema.properties.tipsRetentionDays = { type: 'null' }
        },
        'type "null" is not an OpenAPI 3.0 type',
      ],
      ['an undeclared security scheme', (copy) => void (copy.paths['/api/v1/admin/tips'].get.security = [{ cookie: [] }]), 'security scheme "cookie" is not declared'],
      ['a response without words', (copy) => void (copy.paths['/api/v1/health'].get.responses = { 200: {} }), 'responses.200.description: must be a string'],
      ['an AJV keyword', (copy) => void ((copy.paths['/api/v1/feedback'].post.requestBody as Json).content = { 'application/json': { schema: { type: 'string', errorMessages: {} } } }), 'unknown field "errorMessages"'],
    ])('finds %s', (_name, change, expected) => {
      expect(broken(change).join('\n')).toContain(expected)
    })
  })

  it('is in Chinese: title, description, server, and every operation with a summary in a declared section', () => {
    expect(document.info.title).toMatch(CHINESE)
    expect(document.info.description).toMatch(CHINESE)
    expect(document.servers?.map((server) => server.description)).toEqual([expect.stringMatching(CHINESE)])
    const sections = document.tags.map((tag) => tag.name)
    const unexplained = operations(document).filter(
      ({ operation }) => !CHINESE.test(operation.summary ?? '') || operation.tags?.length !== 1 || !sections.includes(operation.tags[0]),
    )
    expect(unexplained.map(({ method, path }) => `${method} ${path}`)).toEqual([])
  })

  it('describes every error answer by the one shape { error: { code, message, fields? } }', () => {
    const errorShape = expect.objectContaining({
      type: 'object',
      required: ['error'],
      properties: { error: expect.objectContaining({ required: ['code', 'message'], properties: expect.objectContaining({ fields: expect.anything() }) }) },
    })
    const apiOperations = operations(document).filter(({ path }) => path.startsWith('/api/v1/') && path !== '/api/v1/openapi.json' && path !== '/api/v1/health')
    for (const { operation } of apiOperations) {
      const responses = operation.responses as Record<string, { content?: Record<string, { schema: Json }> }>
      expect(responses['4XX']?.content?.['application/json']?.schema).toEqual(errorShape)
    }
  })

  it('asks a staff token or the console session cookie (pufa_staff) of every staff route, and the participant token of answering', () => {
    expect(document.components.securitySchemes.staffToken).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(document.components.securitySchemes.pufa_staff).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'pufa_staff' })
    expect(document.components.securitySchemes.participantToken).toMatchObject({ type: 'http', scheme: 'bearer' })

    const staffRoutes = operations(document).filter(({ path }) => path.startsWith('/api/v1/admin/'))
    expect(staffRoutes.length).toBeGreaterThan(5)
    for (const { operation } of staffRoutes) expect(operation.security).toEqual([{ staffToken: [] }, { pufa_staff: [] }])

    const withParticipant = operations(document)
      .filter(({ operation }) => operation.security?.some((requirement) => 'participantToken' in requirement))
      .map(({ method, path }) => `${method} ${path}`)
    expect(withParticipant.sort()).toEqual([
      'get /api/v1/quiz/attempts/{id}',
      'post /api/v1/quiz/attempts/{id}/answers',
      'post /api/v1/quiz/attempts/{id}/finish',
      'post /api/v1/quiz/contests/{id}/attempts',
    ])
    const publicRoutes = operations(document).filter(({ path }) => ['/api/v1/tips', '/api/v1/feedback', '/api/v1/content/changes'].includes(path))
    for (const { operation } of publicRoutes) expect(operation.security).toBeUndefined()
  })

  describe('the POST /tips body, documented but judged by core', () => {
    let context: ReportContext
    // The service's own AJV settings, given the documented schema as if it were the route's: what
    // it would say of a body, for comparing the document with the judge.
    let probe: FastifyInstance | undefined
    afterAll(async () => {
      await probe?.close()
    })

    beforeAll(async () => {
      probe = Fastify(serverOptions(storage.config(), { logger: false }))
      probe.post('/', { schema: { body: TipReportBody } }, async () => 'ok')
      await migrate(app().db)
      await loadSampleContentIfEmpty(app().db)
      const site = await readSite(app().db)
      if (!site) throw new Error('the sample site did not load')
      context = { districts: site.districts, today: new Date() }
    })

    it('documents every field with its Chinese name, and an example the judge accepts', () => {
      const media = document.paths['/api/v1/tips'].post.requestBody?.content['application/json']
      const properties = (media?.schema.properties ?? {}) as Record<string, { title?: string }>
      expect(Object.keys(properties).sort()).toEqual(Object.keys(TipReportBody.properties).sort())
      for (const property of Object.values(properties)) expect(property.title).toMatch(CHINESE)
      expect(validateReport(media?.example, context)).toMatchObject({ ok: true })
    })

    it.each([
      ['a complaint', complaintPayload()],
      ['an anonymous tip', anonymousTipPayload()],
      ['numbers written as people write them', complaintPayload({ workersOwed: '12人', amountYuan: '约5万', evidenceIds: null })],
    ])('describes %s that the judge accepts', async (_name, payload) => {
      expect(validateReport(payload, context)).toMatchObject({ ok: true })
      if (!probe) throw new Error('the probe did not start')
      const bySchema = await probe.inject({ method: 'POST', url: '/', payload })
      expect([bySchema.statusCode, bySchema.body]).toEqual([200, 'ok'])
    })

    it('leaves the verdict to core, in its words: the schema never answers first', async () => {
      const body = { ...complaintPayload(), workersOwed: true, employer: { name: '某' }, surprise: 1 }
      const verdict = validateReport(body, context)
      if (verdict.ok) throw new Error('the body was meant to be refused')
      const response = await app().inject({
        method: 'POST',
        url: '/api/v1/tips',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'openapi-test-0001' },
        payload: JSON.stringify(body),
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toMatchObject({ code: 'validation_failed', fields: verdict.fields })
    })
  })

  describe('the docs page', () => {
    it('is served with a policy that lets only its own scripts, styles and images run, never framed', async () => {
      const response = await app().inject({ method: 'GET', url: '/api/v1/docs' })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toMatch(/^text\/html/)
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none';",
      )
      expect(response.headers['x-frame-options']).toBe('DENY')
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.body).toContain('<title>法治人社 服务接口文档</title>')
      // Its scripts by the path the page names, under the API's prefix.
      for (const script of response.body.matchAll(/<script src="([^"]+)"/g)) {
        const asset = await app().inject({ method: 'GET', url: script[1] })
        expect([script[1], asset.statusCode, asset.headers['content-type']]).toEqual([script[1], 200, expect.stringMatching(/javascript/)])
      }
    })

    it('shows the same document as /api/v1/openapi.json', async () => {
      const response = await app().inject({ method: 'GET', url: '/api/v1/docs/json' })
      expect(response.json()).toEqual(document)
    })
  })
})
