// Cross-site request forgery: a browser sends the session cookie with any request to this service,
// even one a foreign page makes it send. SameSite=Strict already keeps the cookie off those; as a
// second lock, a request that changes something must come from a page of this service, which every
// browser says in the Origin header of such requests.
import type { FastifyRequest } from 'fastify'

import { AppError } from '../errors'
import { carriesSessionCookie } from './sessions'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** An origin as URL writes it (lower case, default port left out), or undefined when it is none. */
function canonicalOrigin(text: string): string | undefined {
  try {
    const { origin } = new URL(text)
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

function isOwnOrigin(origin: string, request: FastifyRequest, publicUrl: string | undefined): boolean {
  const given = canonicalOrigin(origin)
  return given !== undefined && (given === canonicalOrigin(`${request.protocol}://${request.host}`) || given === publicUrl)
}

/**
 * Whether a browser says this request comes from another site's page: an Origin that is not this
 * service's (the opaque "null" included), or Sec-Fetch-Site: cross-site. A request that says
 * neither (the WeChat mini-program, a script, curl) is not cross-site.
 */
export function isCrossSiteRequest(request: FastifyRequest, publicUrl: string | undefined): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true
  const origin = request.headers.origin
  return origin !== undefined && !isOwnOrigin(origin, request, publicUrl)
}

const refused = () => new AppError(403, 'csrf_refused', '这个请求不是从本服务的页面发出的，为了账号安全已拒绝；请刷新工作台页面后重试')

/**
 * Throws 403 csrf_refused for a state-changing request whose Origin is another site's, and for one
 * that carries the session cookie without saying its Origin at all. A request without the cookie
 * and without an Origin (a script signing in) is no forgery: no browser sent it on someone's behalf.
 */
export function refuseCrossSiteRequest(request: FastifyRequest, publicUrl: string | undefined): void {
  if (SAFE_METHODS.has(request.method)) return
  const origin = request.headers.origin
  if (origin === undefined) {
    if (carriesSessionCookie(request)) throw refused()
    return
  }
  if (!isOwnOrigin(origin, request, publicUrl)) throw refused()
}
