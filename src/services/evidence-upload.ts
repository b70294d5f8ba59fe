import Taro from '@tarojs/taro'
import type { UploadReceived } from '../../server/uploads/uploads.schemas'
import { deviceHeader } from './device-id'
import type { HttpResult } from './http'

// Set at build time (config/index.ts): '' on H5, where the app and the API share an origin.
declare const API_BASE: string

const UPLOAD_TIMEOUT_MS = 120_000
// Taro's H5 upload reads the file before its own timeout starts, and never settles if it cannot.
const GUARD_MS = UPLOAD_TIMEOUT_MS + 10_000

const NETWORK_FAILURE = {
  ok: false,
  status: null,
  code: 'network',
  message: '网络连接失败，请检查网络后再试。',
  fields: {},
  headers: {},
} as const

/** One evidence photo to POST /api/v1/uploads (multipart, part `file`); never throws. */
export async function uploadEvidence(filePath: string): Promise<HttpResult<UploadReceived>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let response: Taro.uploadFile.SuccessCallbackResult
  try {
    response = await Promise.race([
      Taro.uploadFile({
        url: `${API_BASE}/api/v1/uploads`,
        filePath,
        name: 'file',
        header: { Accept: 'application/json', ...deviceHeader() },
        timeout: UPLOAD_TIMEOUT_MS,
      }),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('upload timed out')), GUARD_MS)
      }),
    ])
  } catch {
    return { ...NETWORK_FAILURE }
  } finally {
    clearTimeout(timer)
  }
  const status = response.statusCode
  const data = parseJson(response.data)
  if (status >= 200 && status < 300) {
    const receipt = data as Partial<UploadReceived> | null
    if (typeof receipt?.uploadId === 'string') return { ok: true, status, data: receipt as UploadReceived, headers: {} }
    return { ok: false, status: 502, code: 'bad_answer', message: '服务暂时不可用，请稍后再试。', fields: {}, headers: {} }
  }
  const error = (data as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    const fields = typeof error.fields === 'object' && error.fields !== null ? (error.fields as Record<string, string>) : {}
    return { ok: false, status, code: error.code, message: error.message, fields, headers: {} }
  }
  return { ok: false, status, code: `http_${status}`, message: '服务暂时不可用，请稍后再试。', fields: {}, headers: {} }
}

// WeChat and H5 both hand the body over as text.
function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return null
  }
}
