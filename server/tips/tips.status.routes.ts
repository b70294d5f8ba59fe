import { timingSafeEqual } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { ACCEPTANCE_CITATION, deadlinesFor, INVESTIGATION_CITATION } from '../../src/core/tips/deadlines'
import { checkRatingComment, isTipRating } from '../../src/core/tips/rating'
import type { TipStatus } from '../../src/core/tips/status'
import { parseAccessKey, parseTrackingCode } from '../../src/core/tips/tracking-code'
import { toHalfWidth } from '../../src/core/validators/half-width'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { keyedHash } from '../privacy/keyed-hash'
import type { HashKey } from '../privacy/keyring'
import { describeRateRule, RATE_RULES, rateLimit } from '../rate-limit'
import { accessKeyHashOf } from './access-key'
import { outcomeOf } from './outcome-view'
import { listTipEvents } from './tip-events.repository'
import { findByTrackingCode, rateTip, readHolidayCalendars, type ReporterView } from './tips.repository'
import { RatingBody, TipCodeParams, TipRatingView, TipStatusView, TipVerifierHeaders } from './tips.status.schemas'

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

const VERIFIER_DESCRIPTION =
  '查询码放在路径中；验证信息放在 X-Tip-Verifier 请求头（不放在网址里，以免进入日志）：匿名反映填查询密钥，实名反映填联系电话（手机或固定电话）的后四位。查询码、验证信息不对或反映不存在时，一律返回同样的 404。'

function sameHash(stored: string | null, computed: string): boolean {
  const a = Buffer.from(stored ?? UNMATCHABLE, 'utf8')
  const b = Buffer.from(computed, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

function readVerifier(header: string | string[] | undefined): string {
  return typeof header === 'string' ? toHalfWidth(header).trim() : ''
}

/** The report behind a tracking code and verifier, or the one 404 for every failure. */
async function findVerified(db: Kysely<Database>, hashKey: HashKey, rawCode: string, header: string | string[] | undefined): Promise<ReporterView> {
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

const isoOf = (epochMs: number) => new Date(epochMs).toISOString()

function ratingOf(tip: ReporterView): TipRatingView | null {
  if (tip.rating === null || tip.ratedAt === null || !isTipRating(tip.rating)) return null
  return { value: tip.rating, comment: tip.ratingComment, ratedAt: isoOf(tip.ratedAt) }
}

function reporterOutcomeOf(stored: string | null): TipStatusView['outcome'] {
  const outcome = outcomeOf(stored)
  return outcome === null ? null : { methodName: outcome.methodName, recoveredYuan: outcome.recoveredYuan, workersPaid: outcome.workersPaid }
}

export const tipStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const hashKey = app.config.hashKey
  // Every lookup counts, found or not: guessing codes or verifiers costs the same.
  const lookupLimit = rateLimit(app.config.rateLimits ? RATE_RULES.lookups : undefined)

  app.get(
    '/tips/:code',
    {
      preHandler: lookupLimit,
      schema: {
        summary: '查询反映的办理进度',
        description: `${VERIFIER_DESCRIPTION}${describeRateRule(RATE_RULES.lookups)}`,
        params: TipCodeParams,
        judgedByHandler: { headers: TipVerifierHeaders },
        response: { 200: TipStatusView, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const tip = await findVerified(app.db, hashKey, request.params.code, request.headers[VERIFIER_HEADER])
      const [events, calendars] = await Promise.all([listTipEvents(app.db, tip.id), readHolidayCalendars(app.db)])
      const kind = tip.kind === 'tip' ? 'tip' : 'complaint'
      const submittedOn = chinaDateOf(new Date(tip.createdAt))
      const view: TipStatusView = {
        trackingCode: tip.trackingCode,
        kind,
        status: tip.status as TipStatus,
        districtCode: tip.districtCode,
        submittedAt: isoOf(tip.createdAt),
        acceptedOn: tip.acceptedOn,
        timeline: [
          { status: 'submitted', at: isoOf(tip.createdAt), note: null },
          // Status changes only: a transfer or a duplicate link is the bureau's own business.
          ...events.filter((event) => event.from !== event.to).map((event) => ({ status: event.to, at: isoOf(event.at), note: event.noteToReporter })),
        ],
        deadlines: deadlinesFor(kind, submittedOn, workCalendarOf(calendars), tip.acceptedOn ?? undefined),
        citations: { acceptance: ACCEPTANCE_CITATION, investigation: INVESTIGATION_CITATION },
        rating: ratingOf(tip),
        outcome: tip.status === 'closed' ? reporterOutcomeOf(tip.outcome) : null,
      }
      return view
    },
  )

  app.post(
    '/tips/:code/rating',
    {
      preHandler: lookupLimit,
      schema: {
        summary: '评价已办结反映的办理（每份反映一次）',
        description: `${VERIFIER_DESCRIPTION}只有已办结的反映可以评价（否则 409 rating_not_open），每份反映只能评价一次（再评 409 already_rated）。与查询进度合计：${describeRateRule(RATE_RULES.lookups)}`,
        params: TipCodeParams,
        judgedByHandler: { headers: TipVerifierHeaders },
        body: RatingBody,
        response: { 200: TipRatingView, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request) => {
      const tip = await findVerified(app.db, hashKey, request.params.code, request.headers[VERIFIER_HEADER])
      const comment = checkRatingComment(request.body.comment)
      if (!comment.ok) throw validationFailed([{ path: 'comment', label: '评价的话', message: comment.message }])
      if (tip.status !== 'closed') throw new AppError(409, 'rating_not_open', '这份反映还没有办结，办结后才能评价')
      const at = Date.now()
      if (!(await rateTip(app.db, tip.id, { value: request.body.rating, comment: comment.value, at }))) {
        throw new AppError(409, 'already_rated', '这份反映已经评价过了，每份反映只能评价一次')
      }
      return { value: request.body.rating, comment: comment.value, ratedAt: isoOf(at) }
    },
  )
}
