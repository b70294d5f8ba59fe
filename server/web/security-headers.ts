import type { IncomingMessage, ServerResponse } from 'node:http'

import helmet, { type HelmetOptions } from 'helmet'

import { CSP_DIRECTIVES } from './content-security-policy'

/** The security headers of every answer (@fastify/helmet's options in app.ts). */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  frameguard: { action: 'deny' },
} satisfies HelmetOptions

/** The headers helmet sets with these options, as it sets them, collected once. */
function headersOf(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>()
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined)
  return [...headers]
}

/**
 * Set on every answer by a hook in app.ts, and written with the answers made before Fastify's hooks
 * run: a malformed URL, or a request Node's HTTP parser refuses (written straight to the socket).
 */
export const SECURITY_HEADERS = headersOf(HELMET_OPTIONS)
