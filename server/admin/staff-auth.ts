import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { RATE_RULES, RateLimiter } from '../rate-limit'
import { findActiveStaffByTokenHash, type Staff } from './staff.repository'
import { looksLikeStaffToken, staffTokenHashOf } from './staff-token'

declare module 'fastify' {
  interface FastifyRequest {
    /** The holder of the bearer token; set on every route under /api/v1/admin. */
    staff: Staff | null
  }
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i

function tokenOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : BEARER.exec(header)
  return match && looksLikeStaffToken(match[1]) ? match[1] : undefined
}

const unauthorized = () => new AppError(401, 'unauthorized', '请提供有效的工作人员令牌（Authorization: Bearer <令牌>）；令牌可能已被吊销，请联系系统管理员')

function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`
}

/**
 * An `onRequest` hook that sets `request.staff` from `Authorization: Bearer <token>`, or answers 401.
 * Only failed attempts count towards RATE_RULES.staffLogins: past it, a failure answers 429.
 */
export function requireStaff(db: Kysely<Database>, rateLimits: boolean, now?: () => number) {
  const failures = rateLimits ? new RateLimiter(RATE_RULES.staffLogins, now) : undefined
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = tokenOf(request.headers.authorization)
    const staff = token === undefined ? undefined : await findActiveStaffByTokenHash(db, staffTokenHashOf(token))
    if (staff) {
      request.staff = staff
      return
    }
    reply.header('www-authenticate', 'Bearer realm="pufa-admin"')
    const wait = failures?.take(request.ip) ?? 0
    if (wait > 0) {
      reply.header('retry-after', String(wait))
      throw new AppError(429, 'rate_limited', `${RATE_RULES.staffLogins.action}失败太多次了，请 ${waitInWords(wait)}后再试`)
    }
    throw unauthorized()
  }
}

/** The staff member of a request that went through requireStaff. */
export function staffOf(request: FastifyRequest): Staff {
  if (!request.staff) throw new Error('staffOf: the route is not behind requireStaff')
  return request.staff
}

/** The district a token is confined to, or undefined for a city token. */
export function scopeDistrict(staff: Staff): string | undefined {
  return staff.scope.kind === 'district' ? staff.scope.districtCode : undefined
}
