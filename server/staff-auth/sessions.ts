// Staff sessions: an opaque id in an HttpOnly cookie, its SHA-256 in the database (so a copy of the
// database signs no one in, and every instance of the service knows every session).
import { createHash, randomBytes } from 'node:crypto'

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'

import type { Staff } from '../admin/staff.repository'
import type { Database } from '../db/schema'
import { deleteExpiredSessions, findSession, insertSession, touchSession } from './sessions.repository'

type Db = Kysely<Database> | Transaction<Database>

const MINUTE = 60 * 1000
export const SESSION_COOKIE = 'pufa_staff'
/** A session unused this long ends. */
export const SESSION_IDLE_MS = 30 * MINUTE
/** A session ends this long after sign-in, however busy. */
export const SESSION_LIFETIME_MS = 8 * 60 * MINUTE
// The last use is written at most once a minute, not on every request: idle expiry is then
// exact to a minute, and a page polling the API does not write to the database each time.
const TOUCH_AFTER_MS = MINUTE
const SESSION_ID_BYTES = 32
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function sessionIdHashOf(sessionId: string): string {
  return createHash('sha256').update(`pufa-staff-session:v1:${sessionId}`, 'utf8').digest('hex')
}

/** Creates a session (in the caller's transaction) and returns its id, for the cookie only. */
export async function startSession(db: Db, staffId: string, now: number): Promise<string> {
  await deleteExpiredSessions(db, { idleBefore: now - SESSION_IDLE_MS, startedBefore: now - SESSION_LIFETIME_MS })
  const sessionId = randomBytes(SESSION_ID_BYTES).toString('base64url')
  await insertSession(db, { idHash: sessionIdHashOf(sessionId), staffId, at: now })
  return sessionId
}

/** The staff member of a session still within its idle and absolute limits; its use is recorded. */
export async function staffOfSession(db: Db, sessionId: string, now: number): Promise<Staff | undefined> {
  const idHash = sessionIdHashOf(sessionId)
  const session = await findSession(db, idHash)
  if (!session || now - session.lastSeenAt >= SESSION_IDLE_MS || now - session.createdAt >= SESSION_LIFETIME_MS) return undefined
  if (now - session.lastSeenAt >= TOUCH_AFTER_MS) await touchSession(db, idHash, now)
  return session.staff
}

function cookiesNamed(request: FastifyRequest, name: string): string[] {
  const header = request.headers.cookie
  if (typeof header !== 'string') return []
  const values: string[] = []
  for (const part of header.split(';')) {
    const equals = part.indexOf('=')
    if (equals > 0 && part.slice(0, equals).trim() === name) values.push(part.slice(equals + 1).trim())
  }
  return values
}

/** Whether the request carries the session cookie at all, well-formed or not. */
export function carriesSessionCookie(request: FastifyRequest): boolean {
  return cookiesNamed(request, SESSION_COOKIE).length > 0
}

/** The session id of the request's cookie, if it has one that could be a session id. */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  return cookiesNamed(request, SESSION_COOKIE).find((value) => SESSION_ID_PATTERN.test(value))
}

// Secure whenever the request came over TLS (behind a proxy: as X-Forwarded-Proto says, with TRUST_PROXY).
function cookieAttributes(request: FastifyRequest): string {
  return ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(request.protocol === 'https' ? ['Secure'] : [])].join('; ')
}

/** A session cookie: it lasts until the browser closes, and the session's own limits end it sooner. */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, sessionId: string): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=${sessionId}; ${cookieAttributes(request)}`)
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(request)}`)
}
