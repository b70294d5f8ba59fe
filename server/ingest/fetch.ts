/**
 * Reads a source's bytes within limits: a URL with a timeout over the whole exchange and a size
 * cap enforced while the body streams in (a hostile server cannot make us buffer more), and
 * conditional GET so an unchanged feed costs a 304; a file with the same size cap.
 */
import { stat, readFile } from 'node:fs/promises'

import { version } from '../../package.json'
import type { ContentSource } from './sources'
import { SourceError } from './source-error'

export interface FetchLimits {
  /** Largest feed accepted, in bytes (after decompression). */
  maxFeedBytes: number
  /** Longest a fetch may take, headers and body together. */
  timeoutMs: number
}

/** What the previous successful fetch answered, for a conditional request. */
export interface Validators {
  etag?: string
  lastModified?: string
}

export type Fetched =
  | { status: 'not_modified' }
  | { status: 'ok'; bytes: Buffer; contentType?: string; validators: Validators }

const ACCEPT = 'application/feed+json, application/json;q=0.9, application/rss+xml, application/atom+xml, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1'
const USER_AGENT = `pufa-ingest/${version}`

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`
}

function tooLarge(limits: FetchLimits): SourceError {
  return new SourceError(`订阅源超过 ${megabytes(limits.maxFeedBytes)} 的上限，未处理`)
}

interface ErrorLike {
  name?: unknown
  code?: unknown
  cause?: unknown
}

function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return []
  const { name, code, cause } = error as ErrorLike
  return [...(typeof name === 'string' ? [name] : []), ...(typeof code === 'string' ? [code] : []), ...errorCodes(cause, depth + 1)]
}

const NETWORK_FAILURES: Record<string, string> = {
  ENOTFOUND: '找不到订阅源的主机名',
  EAI_AGAIN: '暂时无法解析订阅源的主机名',
  ECONNREFUSED: '订阅源的服务器拒绝连接',
  ECONNRESET: '订阅源的服务器中断了连接',
  EHOSTUNREACH: '订阅源的服务器不可达',
  ENETUNREACH: '网络不可达',
  ETIMEDOUT: '连接订阅源超时',
  UND_ERR_CONNECT_TIMEOUT: '连接订阅源超时',
  UND_ERR_SOCKET: '订阅源的服务器中断了连接',
  CERT_HAS_EXPIRED: '订阅源网站的证书已过期',
  DEPTH_ZERO_SELF_SIGNED_CERT: '订阅源网站的证书不受信任',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '订阅源网站的证书不受信任',
  ERR_TLS_CERT_ALTNAME_INVALID: '订阅源网站的证书与域名不符',
}

function describeNetworkFailure(error: unknown, limits: FetchLimits, stopped: AbortSignal | undefined): SourceError {
  if (error instanceof SourceError) return error
  const codes = errorCodes(error)
  if (stopped?.aborted) return new SourceError('服务正在停止，本次读取已取消', { cause: error })
  if (codes.includes('TimeoutError')) {
    return new SourceError(`订阅源在 ${Number((limits.timeoutMs / 1000).toFixed(1))} 秒内没有返回完整内容`, { cause: error })
  }
  const known = codes.find((code) => code in NETWORK_FAILURES)
  return new SourceError(known ? `无法读取订阅源：${NETWORK_FAILURES[known]}` : '无法读取订阅源：网络错误', { cause: error })
}

async function readCapped(body: ReadableStream<Uint8Array>, limits: FetchLimits): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > limits.maxFeedBytes) throw tooLarge(limits)
      chunks.push(value)
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return Buffer.concat(chunks, total)
}

async function fetchUrl(url: string, limits: FetchLimits, validators: Validators | undefined, stop: AbortSignal | undefined): Promise<Fetched> {
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': USER_AGENT }
  if (validators?.etag) headers['if-none-match'] = validators.etag
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified
  const timeout = AbortSignal.timeout(limits.timeoutMs)
  const signal = stop ? AbortSignal.any([timeout, stop]) : timeout
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' })
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined)
      return { status: 'not_modified' }
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      throw new SourceError(`订阅源返回了错误（HTTP ${response.status}）`)
    }
    const declaredLength = Number(response.headers.get('content-length'))
    if (Number.isFinite(declaredLength) && declaredLength > limits.maxFeedBytes && !response.headers.get('content-encoding')) {
      await response.body?.cancel().catch(() => undefined)
      throw tooLarge(limits)
    }
    const bytes = response.body ? await readCapped(response.body, limits) : Buffer.alloc(0)
    return {
      status: 'ok',
      bytes,
      contentType: response.headers.get('content-type') ?? undefined,
      validators: {
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      },
    }
  } catch (error) {
    throw describeNetworkFailure(error, limits, stop)
  }
}

async function readSourceFile(file: string, limits: FetchLimits, validators: Validators | undefined): Promise<Fetched> {
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new SourceError('订阅源路径不是文件')
    if (info.size > limits.maxFeedBytes) throw tooLarge(limits)
    // A file has no ETag; its size and modification time serve the same purpose.
    const etag = `${info.size}-${Math.floor(info.mtimeMs)}`
    if (validators?.etag === etag) return { status: 'not_modified' }
    const bytes = await readFile(file)
    if (bytes.length > limits.maxFeedBytes) throw tooLarge(limits)
    return { status: 'ok', bytes, validators: { etag } }
  } catch (error) {
    if (error instanceof SourceError) throw error
    const code = (error as { code?: unknown }).code
    if (code === 'ENOENT') throw new SourceError('找不到订阅源文件', { cause: error })
    if (code === 'EACCES' || code === 'EPERM') throw new SourceError('没有权限读取订阅源文件', { cause: error })
    throw new SourceError('无法读取订阅源文件', { cause: error })
  }
}

/** The source's bytes; `validators` (from the last success) make the request conditional. */
export function fetchSource(source: ContentSource, limits: FetchLimits, validators?: Validators, stop?: AbortSignal): Promise<Fetched> {
  return source.kind === 'url' ? fetchUrl(source.url, limits, validators, stop) : readSourceFile(source.path, limits, validators)
}
