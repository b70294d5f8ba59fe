import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { ACCEPTANCE_CITATION, deadlinesFor, INVESTIGATION_CITATION } from '../../src/core/tips/deadlines'
import { checkRatingComment, isTipRating } from '../../src/core/tips/rating'
import type { TipStatus } from '../../src/core/tips/status'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { messagesSummaryOf, reporterConversationRoutes } from '../conversation/reporter-conversation.routes'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { outcomeOf } from './outcome-view'
import { listTipEvents } from './tip-events.repository'
import { markSeenByOwner, rateTip, type ReporterView } from './tips.repository'
import { readHolidayCalendars } from '../content/content.repository'
import { RatingBody, TipCodeParams, TipRatingView, TipStatusView, TipVerifierHeaders } from './tips.status.schemas'
import { openedByOwner, VERIFIER_DESCRIPTION, verifiedTipOpener } from './verified-tip'
import { subscriptionRoutes } from '../wechat/notices.routes'

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
  // Opens a report by code and verifier, behind the limit of failed verifiers per code.
  const openVerified = verifiedTipOpener(app)
  // Every lookup counts, found or not: guessing codes or verifiers costs the same.
  const lookupLimit = app.limits.guard('lookups')

  app.get(
    '/tips/:code',
    {
      onRequest: lookupLimit,
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
      const tip = await openVerified(request, reply)
      // Before the reads: a change made while they run is still new next time.
      const readAt = Date.now()
      const [events, calendars, messages] = await Promise.all([listTipEvents(app.db, tip.id), readHolidayCalendars(app.db), messagesSummaryOf(app.db, tip.id)])
      // Its sender saw it as it now is, on whichever phone: 我的反映 marks only later changes.
      if (openedByOwner(request, tip)) await markSeenByOwner(app.db, tip.id, readAt)
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
        messages,
      }
      return view
    },
  )

  // The conversation with staff, opened the same way and counted against the same lookups.
  await app.register(reporterConversationRoutes, { lookupLimit })
  // The WeChat subscription made on the receipt, opened the same way.
  await app.register(subscriptionRoutes, { lookupLimit })

  app.post(
    '/tips/:code/rating',
    {
      onRequest: lookupLimit,
      schema: {
        summary: '评价已办结反映的办理（每份反映一次）',
        description: `${VERIFIER_DESCRIPTION}只有已办结的反映可以评价（否则 409 rating_not_open），每份反映只能评价一次（再评 409 already_rated）。与查询进度合计：${describeRateRule(RATE_RULES.lookups)}`,
        params: TipCodeParams,
        judgedByHandler: { headers: TipVerifierHeaders },
        body: RatingBody,
        response: { 200: TipRatingView, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const tip = await openVerified(request, reply)
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
