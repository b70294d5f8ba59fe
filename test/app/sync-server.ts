/**
 * A real HTTP server that speaks the content-sync contract (DESIGN.md section 3) over a scripted
 * feed: pages with ETags and 304, 410 for a foreign cursor, and scripted failures. The app's own
 * HTTP adapter talks to it through Taro's H5 request, as it would to the product.
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Feed } from '../core/sync/feed'

export interface SeenRequest {
  since: string | null
  limit: number
  ifNoneMatch: string | null
  status: number
}

export class ChangesServer {
  readonly feed = new Feed()
  readonly requests: SeenRequest[] = []
  /** Statuses to answer the next requests with, instead of the feed. */
  readonly failures: number[] = []
  private server: http.Server | null = null
  private port = 0

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => this.handle(req, res))
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as AddressInfo).port
    this.server = server
    ;(globalThis as { API_BASE?: string }).API_BASE = this.url
    return this
  }

  /** Stops answering: requests then fail as they do without a network. The port is kept for a restart. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url)
    const since = url.searchParams.get('since')
    const limit = Number(url.searchParams.get('limit') ?? '100')
    const ifNoneMatch = typeof req.headers['if-none-match'] === 'string' ? req.headers['if-none-match'] : null
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ since, limit, ifNoneMatch, status })
      res.writeHead(status, body === undefined ? headers : { 'Content-Type': 'application/json; charset=utf-8', ...headers })
      res.end(body === undefined ? undefined : JSON.stringify(body))
    }
    if (url.pathname !== '/api/v1/content/changes') return answer(404, { error: { code: 'not_found', message: '没有这个地址' } })
    const failure = this.failures.shift()
    if (failure !== undefined) return answer(failure, { error: { code: 'internal', message: '服务暂时不可用，请稍后再试。' } })
    const response = this.feed.respond(since, limit)
    if (response.kind === 'gone') return answer(410, { error: { code: 'cursor_expired', message: '内容已更新，请重新同步。' } })
    if (response.kind !== 'page') throw new Error(`the feed answered ${response.kind}`)
    const etag = `"${createHash('sha256').update(JSON.stringify(response.page)).digest('hex').slice(0, 16)}"`
    if (ifNoneMatch === etag) return answer(304, undefined, { ETag: etag })
    answer(200, response.page, { ETag: etag })
  }
}
