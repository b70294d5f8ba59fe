// The console's one HTTP adapter: JSON over fetch with the session cookie. It turns every answer
// into a value or an ApiError with a Chinese message; it never navigates or shows anything itself.

/** The service's error shape (server/errors.ts ErrorResponse). */
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Messages by field path (`password`, `code`…), when the service names the bad fields. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const UNREACHABLE = '无法连接到服务，请检查网络后再试'
const UNEXPECTED = '服务暂时不可用，请稍后再试'

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const { error } = value
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error && typeof error.code === 'string' && typeof error.message === 'string'
}

type SignedOutListener = () => void
const signedOutListeners = new Set<SignedOutListener>()

/** Called whenever the service answers that no one is signed in (no session, or it has ended). */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener)
  return () => signedOutListeners.delete(listener)
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Calls `/api/v1${path}`; resolves with the JSON answer (undefined for 204), rejects with an ApiError. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'unreachable', UNREACHABLE)
  }
  if (response.status === 204) return undefined as T
  const answer: unknown = await response.json().catch(() => undefined)
  if (response.ok) {
    if (answer === undefined) throw new ApiError(response.status, 'unexpected', UNEXPECTED)
    return answer as T
  }
  // A proxy's own error page is not ours: say so plainly rather than show its text.
  if (!isErrorBody(answer)) throw new ApiError(response.status, 'unexpected', UNEXPECTED)
  const { code, message, fields } = answer.error
  if (response.status === 401 && code === 'unauthorized') for (const listener of signedOutListeners) listener()
  throw new ApiError(response.status, code, message, fields)
}
