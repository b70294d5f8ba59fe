import { createHash, randomBytes } from 'node:crypto'

import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { findParticipantByTokenHash, type Participant } from './contests.repository'

// `pufa_qp_` + 32 random bytes: 256 bits need no slow hash, so SHA-256 of the token is stored.
const TOKEN_PREFIX = 'pufa_qp_'
const TOKEN_PATTERN = /^pufa_qp_[A-Za-z0-9_-]{43}$/
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i

export function generateParticipantToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
}

export function participantTokenHashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The participant token of `Authorization: Bearer <participantToken>`, when it has a token's shape. */
export function participantTokenOf(request: FastifyRequest): string | undefined {
  const match = request.headers.authorization === undefined ? null : BEARER.exec(request.headers.authorization)
  return match && TOKEN_PATTERN.test(match[1]) ? match[1] : undefined
}

/** The participant holding `Authorization: Bearer <participantToken>`, or 401. */
export async function requireParticipant(db: Kysely<Database>, request: FastifyRequest): Promise<Participant> {
  const token = participantTokenOf(request)
  const participant = token === undefined ? undefined : await findParticipantByTokenHash(db, participantTokenHashOf(token))
  if (!participant) {
    throw new AppError(401, 'unauthorized', '请先登记参赛（选择所在区县），再用得到的参赛令牌答题（Authorization: Bearer <参赛令牌>）')
  }
  return participant
}
