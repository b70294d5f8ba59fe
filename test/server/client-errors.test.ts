// Requests refused before any route runs (a malformed URL, a request Node's HTTP parser rejects),
// sent over a raw socket to a listening server: the documented error shape and the security
// headers, and nothing of the request echoed back.
import net from 'node:net'

import type { FastifyInstance } from 'fastify'

import { createServer } from '../../server/server'
import { SQLITE, useStorage } from './storage'

interface RawAnswer {
  statusLine: string
  status: number
  headers: Record<string, string>
  body: string
}

function parse(raw: Buffer): RawAnswer {
  const text = raw.toString('utf8')
  const end = text.indexOf('\r\n\r\n')
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { statusLine, status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) }
}

/** Writes `request` as bytes and reads until the server closes the connection (or 5 s pass). */
function exchange(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request))
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')))
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      if (chunks.length === 0) reject(new Error('the server closed the connection without an answer'))
      else resolve(parse(Buffer.concat(chunks)))
    })
  })
}

const CHINESE = /[\u4e00-\u9fff]/

function expectErrorShape(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body))
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } }
  expect(body).toEqual({ error: { code, message: expect.stringMatching(CHINESE) } })
  expect(answer.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'strict-transport-security': expect.stringContaining('max-age='),
    'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  })
}

describe('answers refused before routing, over a raw socket', () => {
  const { config } = useStorage(SQLITE)
  let app: FastifyInstance
  let port: number

  beforeAll(async () => {
    app = await createServer(config(), { logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no port')
    port = address.port
  })
  afterAll(() => app.close())

  it.each(['/api/v1/tips/%E0%A4%A', '/api/v1/tips/%C0%80', '/api/v1/quiz/contests/%FF/stats', '/%E0%A4%A'])(
    'answers a URL with bad percent-encoding (%s) in the error shape, without echoing it',
    async (url) => {
      const answer = await exchange(port, `GET ${url} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
      expectErrorShape(answer, 400, 'bad_url')
      expect(answer.body).not.toContain(url)
      expect(answer.body).not.toContain('FST_ERR')
    },
  )

  const feedback = '{"kind":"suggestion","content":"希望增加更多题目"}'
  it.each([
    ['a Content-Length that is not a number', `POST /api/v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n${feedback}`, 400, 'bad_request'],
    [
      'Transfer-Encoding with Content-Length',
      `POST /api/v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"a"\r\n0\r\n\r\n`,
      400,
      'bad_request',
    ],
    ['two different Content-Lengths', `POST /api/v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\n${feedback}`, 400, 'bad_request'],
    ['a bad chunk size', `POST /api/v1/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400, 'bad_request'],
    ['a request line that is not HTTP', 'HELLO?\r\n\r\n', 400, 'bad_request'],
    ['headers too large', `GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
  ])('answers %s in the error shape', async (_name, request, status, code) => {
    expectErrorShape(await exchange(port, request), status, code)
  })

  it('still answers a well-formed request on the same server', async () => {
    const answer = await exchange(port, 'GET /api/v1/no-such-route HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
    expectErrorShape(answer, 404, 'not_found')
  })
})
