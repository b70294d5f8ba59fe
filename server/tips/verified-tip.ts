// Opening a report by its tracking code and verifier (X-Tip-Verifier): the status page, the rating
// and the conversation with staff all find the report this one way, with one 404 for every failure.
import { timingSafeEqual } from 'node:crypto'

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'

import { parseAccessKey, parseTrackingCode } from '../../src/core/tips/tracking-code'
import { toHalfWidth } from '../../src/core/validators/half-width'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { keyedHash } from '../privacy/keyed-hash'
import type { HashKey } from '../privacy/keyring'
import { RATE_RULES, rateLimited } from '../rate-limit'
import { accessKeyHashOf } from './access-key'
import { findByTrackingCode, type ReporterView } from './tips.repository'

export const VERIFIER_HEADER = 'x-tip-verifier'

// One answer for a malformed code, an unknown code and a missing or wrong verifier: none of them
// tells whether a report with this code exists.
const notFound = () => new AppError(404, 'tip_not_found', '没有找到这份反映，请核对查询码和验证信息')

// Stand-ins used when the input is unusable, so every path does the same hashing and the same query.
// NO_SUCH_CODE is never stored (stored codes are grouped base32); UNMATCHABLE is not hex.
const NO_SUCH_CODE = '-'
const PLACEHOLDER_ACCESS_KEY = '0000-0000-0000-0000-0000-0000-0000'
const PLACEHOLDER_LAST4 = 'none'
const UNMATCHABLE = 'x'.repeat(64)
const LAST_FOUR_DIGITS = /^\d{4}$/

const FAILURES = RATE_RULES.verifierFailures

export const VERIFIER_DESCRIPTION =
  '查询码放在路径中；验证信息放在 X-Tip-Verifier 请求头（不放在网址里，以免进入日志）：匿名反映填查询密钥，实名反映填联系电话（手机或固定电话）的后四位。' +
  '在微信小程序中提交反映的人带同一微信的 X-Pufa-Session 请求头时不需要验证信息（别人的会话不能代替验证信息）。查询码、验证信息不对或反映不存在时，一律返回同样的 404。' +
  `同一查询码每 ${FAILURES.windowMs / 60_000} 分钟内验证失败 ${FAILURES.limit} 次后，不论来自哪台设备、哪个网络，这个查询码的请求一律返回 429（带 Retry-After；验证信息正确也一样），到时自动恢复（RATE_LIMITS=false 时不限）。`

const tooManyFailures = (wait: string) => `这个查询码的验证信息输错太多次了，为保护反映人的信息，请 ${wait}后再试`

function sameHash(stored: string | null, computed: string): boolean {
  const a = Buffer.from(stored ?? UNMATCHABLE, 'utf8')
  const b = Buffer.from(computed, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

function readVerifier(header: string | string[] | undefined): string {
  return typeof header === 'string' ? toHalfWidth(header).trim() : ''
}

/** The report behind a tracking code and verifier, or the one 404 for every failure. */
export async function findVerified(db: Kysely<Database>, hashKey: HashKey, rawCode: string, header: string | string[] | undefined): Promise<ReporterView> {
  const code = parseTrackingCode(rawCode)
  const verifier = readVerifier(header)
  const accessKey = parseAccessKey(verifier)
  const isLastFour = LAST_FOUR_DIGITS.test(verifier)

  // Both hashes and the query run whatever the input, so the time taken tells nothing either.
  const accessKeyHash = accessKeyHashOf(accessKey.ok ? accessKey.value : PLACEHOLDER_ACCESS_KEY)
  const lastFourHash = keyedHash(hashKey, 'mobile', `last4:${isLastFour ? verifier : PLACEHOLDER_LAST4}`)
  const tip = await findByTrackingCode(db, code.ok ? code.value : NO_SUCH_CODE)
  const accessKeyMatches = sameHash(tip?.accessKeyHash ?? null, accessKeyHash) && accessKey.ok
  const lastFourMatches = sameHash(tip?.mobileLast4Hash ?? null, lastFourHash) && isLastFour
  if (!tip || !code.ok || !(accessKeyMatches || lastFourMatches)) throw notFound()
  return tip
}

/** The report, when the request's WeChat session (X-Pufa-Session) is the one that sent it. */
async function findOwned(db: Kysely<Database>, rawCode: string, wechatUserId: string | null): Promise<ReporterView | undefined> {
  if (wechatUserId === null) return undefined
  const code = parseTrackingCode(rawCode)
  const tip = code.ok ? await findByTrackingCode(db, code.value) : undefined
  return tip?.wechatUserId === wechatUserId ? tip : undefined
}

/** The request opened its report as the WeChat user who sent it, not by a verifier. */
export const openedByOwner = (request: FastifyRequest, tip: ReporterView): boolean => tip.wechatUserId !== null && tip.wechatUserId === request.wechatUserId

/**
 * findVerified for the routes of `app`, behind RATE_RULES.verifierFailures: a code whose verifiers
 * failed too often is refused before any check (429, the right verifier too), and each failure
 * counts for the code, whoever sent it. The WeChat user who sent the report needs no verifier (and
 * guesses nothing); anyone else's session is no verifier.
 */
export function verifiedTipOpener(app: FastifyInstance) {
  const failures = app.limits.failures('verifierFailures')
  return async (request: FastifyRequest & { params: { code: string } }, reply: FastifyReply): Promise<ReporterView> => {
    const owned = await findOwned(app.db, request.params.code, request.wechatUserId)
    if (owned) return owned
    await failures.refuseWhenOver(request, reply, tooManyFailures)
    try {
      return await findVerified(app.db, app.config.hashKey, request.params.code, request.headers[VERIFIER_HEADER])
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) {
        const wait = await failures.count(request)
        if (wait > 0) throw rateLimited(reply, wait, tooManyFailures)
      }
      throw error
    }
  }
}
