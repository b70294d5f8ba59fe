// A local HTTP server playing the bureau's CMS for ingest tests: answers per path, ETag handling,
// slow and endless answers. Everything it opens is closed by `close()`.
import http from 'node:http'
import type net from 'node:net'

export interface FeedAnswer {
  status?: number
  headers?: Record<string, string>
  body?: Buffer | string
  /** Answer 304 to a request whose If-None-Match is this. */
  etag?: string
  /** Wait this long before answering at all. */
  delayMs?: number
  /** Answer only once this settles (a test holds the answer while it checks something meanwhile). */
  until?: Promise<unknown>
  /** Send the headers, then one chunk of the body every interval, forever. */
  trickle?: { chunk: string; intervalMs: number }
  /** Send the body in chunks without a Content-Length (chunked), as a streaming exporter does. */
  chunked?: boolean
}

export interface SeenRequest {
  path: string
  headers: http.IncomingHttpHeaders
}

export interface FeedServer {
  url(path: string): string
  answer(path: string, answer: FeedAnswer): void
  requests: SeenRequest[]
  close(): Promise<void>
}

export async function startFeedServer(): Promise<FeedServer> {
  const answers = new Map<string, FeedAnswer>()
  const requests: SeenRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<net.Socket>()

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, ms)
    timers.add(timer)
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]
    requests.push({ path, headers: request.headers })
    const answer = answers.get(path) ?? { status: 404, body: 'not found' }
    const respond = () => {
      if (answer.etag !== undefined && request.headers['if-none-match'] === answer.etag) {
        response.writeHead(304, { etag: answer.etag }).end()
        return
      }
      const headers: Record<string, string> = { ...(answer.etag ? { etag: answer.etag } : {}), ...answer.headers }
      if (answer.trickle) {
        const { chunk, intervalMs } = answer.trickle
        response.writeHead(answer.status ?? 200, headers)
        const tick = () => {
          if (response.destroyed) return
          response.write(chunk)
          later(intervalMs, tick)
        }
        tick()
        return
      }
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : (answer.body ?? Buffer.alloc(0))
      if (answer.chunked) {
        response.writeHead(answer.status ?? 200, headers)
        const size = 16 * 1024
        let offset = 0
        const next = () => {
          if (response.destroyed) return
          if (offset >= body.length) {
            response.end()
            return
          }
          response.write(body.subarray(offset, offset + size))
          offset += size
          setImmediate(next)
        }
        next()
        return
      }
      response.writeHead(answer.status ?? 200, { 'content-length': String(body.length), ...headers }).end(body)
    }
    if (answer.until) void answer.until.finally(respond)
    else if (answer.delayMs) later(answer.delayMs, respond)
    else respond()
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo

  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    answer: (path, answer) => answers.set(path, answer),
    requests,
    async close() {
      for (const timer of timers) clearTimeout(timer)
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/**
 * For a describe block: a feed server started before its tests and closed after them. The value
 * stands for the running server, so tests call `server.url(…)` as they would on the real one.
 */
export function useFeedServer(): FeedServer {
  let running: FeedServer | undefined
  beforeAll(async () => {
    running = await startFeedServer()
  })
  afterAll(async () => {
    await running?.close()
  })
  return new Proxy({} as FeedServer, {
    get(_target, key: keyof FeedServer) {
      if (!running) throw new Error('the feed server is used outside its describe block')
      const value = running[key]
      return typeof value === 'function' ? value.bind(running) : value
    },
  })
}
