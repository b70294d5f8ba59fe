// The mini-program's sessions: a token made at sign-in (POST /wechat/session), sent back in
// X-Pufa-Session, kept in the database (any instance knows it) as its SHA-256 only. A session ends
// when unused for 30 days; each use moves that on (at most one write an hour).
import { createHash, randomBytes, randomUUID } from 'node:crypto'

import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

import { isWeChatSessionToken, SESSION_IDLE_DAYS, WECHAT_SESSION_EXPIRED, WECHAT_SESSION_HEADER } from '../../src/core/wechat-session'
import { AppError } from '../errors'
import { keyedHash } from '../privacy/keyed-hash'
import { deleteIdleWeChatSessions, findOrCreateWeChatUser, findWeChatSession, insertWeChatSession, touchWeChatSession } from './wechat-users.repository'

const SESSION_IDLE_MS = SESSION_IDLE_DAYS * 24 * 60 * 60 * 1000
const TOUCH_EVERY_MS = 60 * 60 * 1000

declare module 'fastify' {
  interface FastifyRequest {
    /** The WeChat user of a valid X-Pufa-Session header; null without the header. */
    wechatUserId: string | null
  }
}

const tokenHashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

export const sessionExpired = () => new AppError(401, WECHAT_SESSION_EXPIRED, '微信登录已过期，请重新打开小程序后再试')

/** Signs the openid's user in (made on first sign-in) and returns a new session token. */
export async function startWeChatSession(app: FastifyInstance, openid: string, now: number): Promise<string> {
  const userId = await findOrCreateWeChatUser(app.db, { newId: randomUUID(), openidHash: keyedHash(app.config.hashKey, 'wechat_openid', openid), now })
  const token = `pufa_ws_${randomBytes(32).toString('base64url')}`
  await insertWeChatSession(app.db, { tokenHash: tokenHashOf(token), userId, at: now })
  // Sign-ins are rare enough to tidy up as they happen, with no timer of its own.
  await deleteIdleWeChatSessions(app.db, now - SESSION_IDLE_MS)
  return token
}

/** The user of the request's session, or 401 (no header, or a session that has ended). */
export function requireWeChatUser(request: FastifyRequest): string {
  if (request.wechatUserId === null) throw sessionExpired()
  return request.wechatUserId
}

/**
 * Sets request.wechatUserId from X-Pufa-Session on every request, before the routes' own hooks (the
 * rate limits count the person by it). A header that is not a live session is 401
 * wechat_session_expired: the app signs in again and resends, so nothing is sent unlinked by mistake.
 */
export const wechatSessions = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('wechatUserId', null)
    app.addHook('onRequest', async (request) => {
      const header = request.headers[WECHAT_SESSION_HEADER.toLowerCase()]
      if (header === undefined) return
      if (typeof header !== 'string' || !isWeChatSessionToken(header)) throw sessionExpired()
      const now = Date.now()
      const tokenHash = tokenHashOf(header)
      const session = await findWeChatSession(app.db, tokenHash)
      if (!session || session.lastSeenAt < now - SESSION_IDLE_MS) throw sessionExpired()
      if (session.lastSeenAt < now - TOUCH_EVERY_MS) await touchWeChatSession(app.db, tokenHash, now)
      request.wechatUserId = session.userId
    })
  },
  { name: 'pufa-wechat-sessions', fastify: '5.x' },
)
