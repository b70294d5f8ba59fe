import { timingSafeEqual } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely } from 'kysely'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { ACCEPTANCE_CITATION, INVESTIGATION_CITATION, reportDeadlines } from '../../src/core/tips/deadlines'
import type { TipStatus } from '../../src/core/tips/status'
import { parseAccessKey, parseTrackingCode } from '../../src/core/tips/tracking-code'
import { toHalfWidth } from '../../src/core/validators/half-width'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse } from '../errors'
import { keyedHash } from '../privacy/keyed-hash'
import { RATE_RULES, rateLimit } from '../rate-limit'
import { accessKeyHashOf } from './access-key'
import { listTipEvents } from './tip-events.repository'
import { readHolidayCalendars } from './tips.repository'
import { TipStatusView } from './tips.status.schemas'

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

interface ReporterView {
  id: string
  trackingCode: string
  kind: string
  status: string
  districtCode: string
  createdAt: number
  acceptedOn: string | null
  accessKeyHash: string | null
  mobileLast4Hash: string | null
}

async function findByTrackingCode(db: Kysely<Database>, trackingCode: string): Promise<ReporterView | undefined> {
  const row = await db
    .selectFrom('tips')
    .select(['id', 'tracking_code', 'kind', 'status', 'district_code', 'created_at', 'accepted_on', 'access_key_hash', 'mobile_last4_hash'])
    .where('tracking_code', '=', trackingCode)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    kind: row.kind,
    status: row.status,
    districtCode: row.district_code,
    createdAt: Number(row.created_at),
    acceptedOn: row.accepted_on,
    accessKeyHash: row.access_key_hash,
    mobileLast4Hash: row.mobile_last4_hash,
  }
}

function sameHash(stored: string | null, computed: string): boolean {
  const a = Buffer.from(stored ?? UNMATCHABLE, 'utf8')
  const b = Buffer.from(computed, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

function readVerifier(header: string | string[] | undefined): string {
  return typeof header === 'string' ? toHalfWidth(header).trim() : ''
}

const isoOf = (epochMs: number) => new Date(epochMs).toISOString()

export const tipStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const hashKey = app.config.hashKey

  app.get(
    '/tips/:code',
    {
      // Every lookup counts, found or not: guessing codes or verifiers costs the same.
      preHandler: rateLimit(app.config.rateLimits ? RATE_RULES.lookups : undefined),
      schema: {
        summary: '查询反映的办理进度',
        description:
          '查询码放在路径中；验证信息放在 X-Tip-Verifier 请求头（不放在网址里，以免进入日志）：匿名反映填查询密钥，实名反映填联系电话（手机或固定电话）的后四位。查询码、验证信息不对或反映不存在时，一律返回同样的 404。',
        params: Type.Object({ code: Type.String({ description: '查询码，如 K7QF-3MZP-9XRD-2WT8' }) }),
        response: { 200: TipStatusView, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const code = parseTrackingCode(request.params.code)
      const verifier = readVerifier(request.headers[VERIFIER_HEADER])
      const accessKey = parseAccessKey(verifier)
      const isLastFour = LAST_FOUR_DIGITS.test(verifier)

      // Both hashes and the query run whatever the input, so the time taken tells nothing either.
      const accessKeyHash = accessKeyHashOf(accessKey.ok ? accessKey.value : PLACEHOLDER_ACCESS_KEY)
      const lastFourHash = keyedHash(hashKey, 'mobile', `last4:${isLastFour ? verifier : PLACEHOLDER_LAST4}`)
      const tip = await findByTrackingCode(app.db, code.ok ? code.value : NO_SUCH_CODE)
      const accessKeyMatches = sameHash(tip?.accessKeyHash ?? null, accessKeyHash) && accessKey.ok
      const lastFourMatches = sameHash(tip?.mobileLast4Hash ?? null, lastFourHash) && isLastFour
      if (!tip || !code.ok || !(accessKeyMatches || lastFourMatches)) throw notFound()

      const [events, calendars] = await Promise.all([listTipEvents(app.db, tip.id), readHolidayCalendars(app.db)])
      const submittedOn = chinaDateOf(new Date(tip.createdAt))
      const deadlines = reportDeadlines(submittedOn, workCalendarOf(calendars), tip.acceptedOn ?? undefined)
      const view: TipStatusView = {
        trackingCode: tip.trackingCode,
        kind: tip.kind === 'tip' ? 'tip' : 'complaint',
        status: tip.status as TipStatus,
        districtCode: tip.districtCode,
        submittedAt: isoOf(tip.createdAt),
        timeline: [
          { status: 'submitted', at: isoOf(tip.createdAt), note: null },
          ...events.map((event) => ({ status: event.to, at: isoOf(event.at), note: event.noteToReporter })),
        ],
        deadlines,
        citations: { acceptance: ACCEPTANCE_CITATION, investigation: INVESTIGATION_CITATION },
      }
      return view
    },
  )
}
