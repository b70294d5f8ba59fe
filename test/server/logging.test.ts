import type { FastifyInstance } from 'fastify'

import { createServer } from '../../server/server'
import { SQLITE, useStorage } from './storage'

const PHONE = '13812345678'
const NAME = '张三丰'
const CLIENT_IP = '198.51.100.7'
const FORWARDED_IP = '203.0.113.9'

describe('logs', () => {
  const { config } = useStorage(SQLITE, { TRUST_PROXY: 'true' })
  const lines: string[] = []
  let app: FastifyInstance

  beforeAll(async () => {
    app = await createServer(config(), { logger: { level: 'info', destination: { write: (line) => lines.push(line) } } })
    app.get('/api/v1/test/tips/:code', async () => ({ ok: true }))
    app.get('/api/v1/test/crash', async () => {
      throw new Error('boom')
    })
    await app.ready()
    const { migrate } = await import('../../server/db/migrations')
    await migrate(app.db)

    const headers = { 'x-forwarded-for': FORWARDED_IP, 'user-agent': `Phone ${NAME}`, authorization: 'Bearer staff-secret-token' }
    await app.inject({ method: 'GET', url: `/api/v1/health?phone=${PHONE}`, headers, remoteAddress: CLIENT_IP })
    await app.inject({
      method: 'POST',
      url: `/api/v1/feedback?name=${encodeURIComponent(NAME)}`,
      headers,
      remoteAddress: CLIENT_IP,
      payload: { kind: 'complaint', content: `我是${NAME}，电话${PHONE}，老板欠薪三个月` },
    })
    await app.inject({ method: 'POST', url: '/api/v1/feedback', headers, remoteAddress: CLIENT_IP, payload: { kind: 'complaint', content: PHONE, extra: NAME } })
    await app.inject({ method: 'GET', url: '/api/v1/test/tips/GZ-SECRET-CODE-7?k=1', headers, remoteAddress: CLIENT_IP })
    await app.inject({ method: 'GET', url: `/no/such/page?phone=${PHONE}`, headers, remoteAddress: CLIENT_IP })
    await app.inject({ method: 'GET', url: '/api/v1/test/crash', headers, remoteAddress: CLIENT_IP })
  })
  afterAll(() => app.close())

  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  const requestEntries = () => entries().filter((entry) => entry.msg === 'request')

  it('logs one line per request: method, path, status and time', () => {
    expect(requestEntries().map(({ method, path, statusCode }) => [method, path, statusCode])).toEqual([
      ['GET', '/api/v1/health', 200],
      ['POST', '/api/v1/feedback', 201],
      ['POST', '/api/v1/feedback', 400],
      ['GET', '/api/v1/test/tips/:code', 200],
      ['GET', '/no/such/page', 404],
      ['GET', '/api/v1/test/crash', 500],
    ])
    for (const entry of requestEntries()) {
      expect(Object.keys(entry).sort()).toEqual(['hostname', 'level', 'method', 'msg', 'path', 'pid', 'reqId', 'responseTimeMs', 'statusCode', 'time'])
      expect(entry.responseTimeMs).toEqual(expect.any(Number))
    }
  })

  it('never logs query strings, bodies, headers, IP addresses or route parameters', () => {
    const text = lines.join('')
    for (const secret of [PHONE, NAME, CLIENT_IP, FORWARDED_IP, 'staff-secret-token', 'GZ-SECRET-CODE-7', '欠薪', 'phone=', '?']) {
      expect(text).not.toContain(secret)
    }
  })

  it('logs an internal error for the operator, with its stack', () => {
    const failure = entries().find((entry) => entry.msg === 'request failed')
    expect(failure).toBeDefined()
    expect(failure?.err).toMatchObject({ type: 'Error', message: 'boom', stack: expect.stringContaining('Error: boom') })
  })
})
