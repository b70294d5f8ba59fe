import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'

import { AppError } from '../../server/errors'
import { createServer } from '../../server/server'
import { SQLITE, useStorage } from './storage'

const GENERIC = '服务暂时不可用，请稍后再试'

describe('error answers', () => {
  const { config } = useStorage(SQLITE)
  let app: FastifyInstance

  beforeAll(async () => {
    app = await createServer(config(), { logger: false })
    app.get('/api/v1/test/crash', async () => {
      throw new Error('SQLITE_ERROR: no such column: secret in SELECT secret FROM feedback (/work/main/server/x.ts:12)')
    })
    app.get('/api/v1/test/conflict', async () => {
      throw new AppError(409, 'already_handled', '这条反馈已经处理过了')
    })
    app.get('/api/v1/test/unavailable', async () => {
      throw new AppError(503, 'unavailable', 'connection pool exhausted on db-3')
    })
    app.post(
      '/api/v1/test/shapes',
      {
        schema: {
          body: Type.Object(
            {
              email: Type.String({ format: 'email', title: '邮箱' }),
              count: Type.Integer({ minimum: 1, maximum: 9, title: '人数' }),
              tags: Type.Array(Type.String(), { maxItems: 2, title: '标签' }),
              code: Type.String({ pattern: '^[0-9]{6}$', title: '验证码' }),
              worker: Type.Object({ name: Type.String({ minLength: 2, title: '姓名' }) }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async () => ({ ok: true }),
    )
    app.get(
      '/api/v1/test/items/:id',
      {
        schema: {
          params: Type.Object({ id: Type.Integer({ title: '编号' }) }),
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, title: '条数' }), all: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => ({ params: request.params, query: request.query }),
    )
    await app.ready()
  })
  afterAll(() => app.close())

  it('answers an unknown API route with 404 in the error shape', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/v2/health', '/api', '/api/v1/feedback/123?x=1']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({ error: { code: 'not_found', message: '没有这个接口，请检查地址' } })
    }
    const post = await app.inject({ method: 'DELETE', url: '/api/v1/health' })
    expect(post.statusCode).toBe(404)
    expect(post.json().error.code).toBe('not_found')
  })

  it('answers an internal error with a generic 500 and nothing of the cause', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/crash' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ error: { code: 'internal_error', message: GENERIC } })
    expect(response.body).not.toMatch(/SQLITE|SELECT|secret|\.ts|stack/)
  })

  it('keeps the code of a 5xx AppError but not its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/unavailable' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ error: { code: 'unavailable', message: GENERIC } })
  })

  it('passes a 4xx AppError through', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/conflict' })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ error: { code: 'already_handled', message: '这条反馈已经处理过了' } })
  })

  it('describes each failing schema keyword in Chinese, naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test/shapes',
      payload: { email: 'not-an-email', count: 0, tags: ['a', 'b', 'c'], code: '12ab', worker: { name: '张' } },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({
      email: '邮箱应为有效的电子邮箱地址',
      count: '人数不能小于1',
      tags: '标签最多只能有2项',
      code: '验证码的格式不对',
      'worker.name': '姓名至少要写2个字',
    })
  })

  it('names missing nested fields by their path and title', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test/shapes',
      payload: { email: 'a@example.cn', count: 10, tags: [], code: '123456', worker: {} },
    })
    expect(response.json().error).toEqual({
      code: 'validation_failed',
      message: '人数不能大于9；请填写姓名',
      fields: { count: '人数不能大于9', 'worker.name': '请填写姓名' },
    })
  })

  it('does not coerce JSON bodies: a number is not text', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test/shapes',
      payload: { email: 'a@example.cn', count: '3', tags: [], code: 123456, worker: { name: '张三' } },
    })
    expect(response.json().error.fields).toEqual({ count: '人数应为整数', code: '验证码应为文字' })
  })

  it('converts query strings and path parameters to their declared types', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/items/42?limit=10&all=true' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ params: { id: 42 }, query: { limit: 10, all: true } })
  })

  it('rejects query strings that do not convert', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/items/42?limit=lots' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({ limit: '条数应为整数' })
    const tooMany = await app.inject({ method: 'GET', url: '/api/v1/test/items/42?limit=1000' })
    expect(tooMany.json().error.fields).toEqual({ limit: '条数不能大于100' })
  })
})
