// The reporter's side of the conversation: read what staff wrote, reply in words and photos. Opened
// like the status page (tracking code and X-Tip-Verifier, the same 404 for every failure), and
// registered by it (server/tips/tips.status.routes.ts) so that both count against one lookup limit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { onRequestAsyncHookHandler } from 'fastify'
import type { Kysely } from 'kysely'

import { checkMessageBody, hasOpenQuestion } from '../../src/core/tips/messages'
import type { Database } from '../db/schema'
import { ErrorResponse, validationFailed } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { VERIFIER_DESCRIPTION, verifiedTipOpener } from '../tips/verified-tip'
import { TipCodeParams, TipVerifierHeaders } from '../tips/tips.status.schemas'
import { readConversation, recordReply } from './conversation'
import { ReporterMessageBody, ReporterMessageList, ReporterMessageReceived, type MessagesSummary } from './conversation.schemas'
import { conversationSummaryOf } from './messages.repository'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
const isoOf = (epochMs: number) => new Date(epochMs).toISOString()

/** What GET /tips/{code} says of the conversation, so that 我的反映 can mark new messages. */
export async function messagesSummaryOf(db: Kysely<Database>, tipId: string): Promise<MessagesSummary> {
  const summary = await conversationSummaryOf(db, tipId)
  return { count: summary.count, latestStaffAt: summary.latestStaffAt === null ? null : isoOf(summary.latestStaffAt), openQuestion: hasOpenQuestion(summary.sequence) }
}

export interface ReporterConversationOptions {
  /** The status page's limiter: a lookup here counts against the same budget. */
  lookupLimit: onRequestAsyncHookHandler
}

export const reporterConversationRoutes: FastifyPluginAsyncTypebox<ReporterConversationOptions> = async (app, { lookupLimit }) => {
  const keyring = app.config.fieldKeys
  // Opens a report by code and verifier, behind the limit of failed verifiers per code.
  const openVerified = verifiedTipOpener(app)
  const replyLimit = app.limits.guard('replies')

  app.get(
    '/tips/:code/messages',
    {
      onRequest: lookupLimit,
      schema: {
        summary: '查看与工作人员的留言',
        description: `按时间先后列出工作人员的留言、提问和反映人的回复（不含工作人员姓名）。${VERIFIER_DESCRIPTION}与查询进度合计：${describeRateRule(RATE_RULES.lookups)}`,
        params: TipCodeParams,
        judgedByHandler: { headers: TipVerifierHeaders },
        response: { 200: ReporterMessageList, ...ERRORS },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const tip = await openVerified(request, reply)
      const messages = await readConversation(app.db, keyring, tip.id)
      return {
        items: messages.map((message) => ({
          id: message.id,
          author: message.author,
          kind: message.kind,
          body: message.body,
          at: isoOf(message.createdAt),
          photos: message.photos.map((photo) => ({ uploadId: photo.uploadId })),
        })),
      }
    },
  )

  app.post(
    '/tips/:code/messages',
    {
      onRequest: [lookupLimit, replyLimit],
      schema: {
        summary: '回复工作人员（文字和照片）',
        description:
          `照片先用 POST /api/v1/uploads 上传，再把 uploadId 放进 uploadIds；已用过或已过期的照片返回 400，指明是第几张。` +
          `clientId 由应用为每条回复生成一次，重发时不变：同一 clientId 再次提交返回同一条回复（201，内容相同），不会重复。${VERIFIER_DESCRIPTION}` +
          `与查询进度合计：${describeRateRule(RATE_RULES.lookups)}另外，${describeRateRule(RATE_RULES.replies)}`,
        params: TipCodeParams,
        judgedByHandler: { headers: TipVerifierHeaders },
        body: ReporterMessageBody,
        response: { 201: ReporterMessageReceived, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tip = await openVerified(request, reply)
      const body = checkMessageBody(request.body.body, '回复')
      if (!body.ok) throw validationFailed([{ path: 'body', label: '回复内容', message: body.message }])
      const receipt = await recordReply(app.db, keyring, { tipId: tip.id, clientId: request.body.clientId.toLowerCase(), body: body.value, uploadIds: request.body.uploadIds, now: Date.now() })
      return reply.code(201).send({ id: receipt.id, at: isoOf(receipt.createdAt) })
    },
  )
}
