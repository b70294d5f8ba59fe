import Taro from '@tarojs/taro'
import type { ErrorResponse } from '../../server/errors.schemas'

// Set at build time (config/index.ts): '' on H5, where the app and the API share an origin.
declare const API_BASE: string

export interface HttpSuccess<T> {
  ok: true
  status: number
  data: T
  /** Response headers, names in lower case (WeChat keeps the server's spelling, browsers do not). */
  headers: Record<string, string>
}

export interface HttpFailure {
  ok: false
  /** null when no answer arrived at all (offline, timeout). */
  status: number | null
  code: string
  /** A sentence for the user, in Chinese. */
  message: string
  /** Per-field messages from the server's validation, keyed by field name. */
  fields: Record<string, string>
  /** Response headers (e.g. Retry-After), names in lower case; empty when no answer arrived. */
  headers: Record<string, string>
}

export type HttpResult<T> = HttpSuccess<T> | HttpFailure

interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  body?: unknown
  headers?: Record<string, string>
  timeoutMs?: number
}

const NETWORK_FAILURE: Omit<HttpFailure, 'status'> = {
  ok: false,
  code: 'network',
  message: '网络连接失败，请检查网络后再试。',
  fields: {},
  headers: {},
}

function isErrorBody(data: unknown): data is ErrorResponse {
  const error = (data as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined
  return typeof error?.code === 'string' && typeof error.message === 'string'
}

function lowerCaseHeaders(header: Record<string, unknown> | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(header ?? {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value
  }
  return headers
}

/** The app's one HTTP adapter: every answer becomes a typed result; it never throws, navigates or toasts. */
export async function request<T>({ method, path, body, headers, timeoutMs = 15000 }: RequestOptions): Promise<HttpResult<T>> {
  let response: Taro.request.SuccessCallbackResult
  try {
    response = await Taro.request({
      url: `${API_BASE}${path}`,
      method,
      data: body as Taro.request.Option['data'],
      header: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      timeout: timeoutMs,
      dataType: 'json',
    })
  } catch {
    return { ...NETWORK_FAILURE, status: null }
  }
  const { statusCode: status, data } = response
  const responseHeaders = lowerCaseHeaders(response.header)
  if (status >= 200 && status < 300) return { ok: true, status, data: data as T, headers: responseHeaders }
  if (isErrorBody(data)) {
    return { ok: false, status, code: data.error.code, message: data.error.message, fields: data.error.fields ?? {}, headers: responseHeaders }
  }
  return { ok: false, status, code: `http_${status}`, message: '服务暂时不可用，请稍后再试。', fields: {}, headers: responseHeaders }
}
