import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

import { AppError } from '../errors'
import { RATE_RULES, rateLimited } from '../rate-limit'
import { refuseCrossSiteRequest } from '../staff-auth/origin'
import { sessionIdOf, staffOfSession } from '../staff-auth/sessions'
import { findActiveStaffByTokenHash, type Staff } from './staff.repository'
import { looksLikeStaffToken, staffTokenHashOf } from './staff-token'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, by bearer token or session cookie; set on every route under /api/v1/admin. */
    staff: Staff | null
  }
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i

function tokenOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : BEARER.exec(header)
  return match && looksLikeStaffToken(match[1]) ? match[1] : undefined
}

const unauthorized = () =>
  new AppError(401, 'unauthorized', '请先登录工作台，或提供有效的工作人员令牌（Authorization: Bearer <令牌>）；令牌可能已被吊销，请联系系统管理员')
const sessionEnded = () => new AppError(401, 'unauthorized', '登录已过期或已退出，请重新登录')

/**
 * An `onRequest` hook that sets `request.staff` from `Authorization: Bearer <token>` (machines) or
 * from the session cookie of a signed-in browser, or answers 401. A request with the cookie that
 * changes something must come from a page of this service (origin.ts). Only failed tokens count
 * towards RATE_RULES.staffLogins: past it, a failure answers 429; an expired session is no guess.
 */
export function requireStaff(app: FastifyInstance) {
  const { db } = app
  const failures = app.limits.failures('staffLogins')
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const sessionId = request.headers.authorization === undefined ? sessionIdOf(request) : undefined
    if (sessionId !== undefined) {
      refuseCrossSiteRequest(request, request.server.config.publicUrl)
      const staff = await staffOfSession(db, sessionId, Date.now())
      if (!staff) throw sessionEnded()
      request.staff = staff
      return
    }
    const token = tokenOf(request.headers.authorization)
    const staff = token === undefined ? undefined : await findActiveStaffByTokenHash(db, staffTokenHashOf(token))
    if (staff) {
      request.staff = staff
      return
    }
    reply.header('www-authenticate', 'Bearer realm="pufa-admin"')
    const wait = await failures.count(request)
    if (wait > 0) throw rateLimited(reply, wait, (inWords) => `${RATE_RULES.staffLogins.action}失败太多次了，请 ${inWords}后再试`)
    throw unauthorized()
  }
}

/** The staff member of a request that went through requireStaff. */
export function staffOf(request: FastifyRequest): Staff {
  if (!request.staff) throw new Error('staffOf: the route is not behind requireStaff')
  return request.staff
}

/** The district a staff member is confined to (an inspector's), or undefined for the whole city. */
export function scopeDistrict(staff: Staff): string | undefined {
  return staff.scope.kind === 'district' ? staff.scope.districtCode : undefined
}
