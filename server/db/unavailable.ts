// Telling "the database cannot be reached right now" from every other failure: those requests
// get 503 with Retry-After (the client tries again later, and nothing it sent was acknowledged),
// the others stay 500s to be looked into.

interface ErrorLike {
  code?: unknown
  message?: unknown
  cause?: unknown
  errors?: unknown
}

/** The codes of an error and of its causes: drivers wrap them (Kysely's migrator, Node's AggregateError for dual-stack connects). */
export function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return []
  const { code, cause, errors } = error as ErrorLike
  const nested = Array.isArray(errors) ? errors.flatMap((inner) => errorCodes(inner, depth + 1)) : []
  return [...(typeof code === 'string' ? [code] : []), ...errorCodes(cause, depth + 1), ...nested]
}

const UNREACHABLE_CODES = new Set([
  // The socket: the server is down, restarting, or the network between is.
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: shutting down (admin_shutdown, crash_shutdown), starting (cannot_connect_now), full.
  '57P01',
  '57P02',
  '57P03',
  '53300',
])

// pg reports a connection lost or never made by message only.
const UNREACHABLE_MESSAGES = [
  'Connection terminated',
  'is not queryable',
  'timeout exceeded when trying to connect',
  'timeout expired',
]

function messagesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return []
  const { message, cause } = error as ErrorLike
  return [...(typeof message === 'string' ? [message] : []), ...messagesOf(cause, depth + 1)]
}

/** Whether `error` says the database cannot be reached (rather than that a query was wrong). */
export function isDatabaseUnreachable(error: unknown): boolean {
  // SQLSTATE class 08: connection exception.
  if (errorCodes(error).some((code) => UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
  return messagesOf(error).some((message) => UNREACHABLE_MESSAGES.some((known) => message.includes(known)))
}
