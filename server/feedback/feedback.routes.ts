import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'

import { checkFeedbackContact, checkFeedbackContent } from '../../src/core/feedback'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { decryptField, encryptField, type FieldLocation } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { IDEMPOTENCY_KEY_PATTERN } from '../tips/tips.schemas'
import { findFeedbackByClientId, insertFeedback, isUniqueViolation, type Feedback } from './feedback.repository'
import { FEEDBACK_IDEMPOTENCY_HEADER, FeedbackBody, FeedbackHeaders, FeedbackReceived } from './feedback.schemas'

const { content: contentSchema, questionId: questionIdSchema, contact: contactSchema } = FeedbackBody.properties

/** The app's outbox id for this feedback, from the optional Idempotency-Key header; null without one. */
function readClientId(header: string | string[] | undefined): string | null {
  if (header === undefined) return null
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new AppError(400, 'idempotency_key_invalid', 'Idempotency-Key 请求头的格式不对：应为 8 到 100 个字母、数字、下划线或连字符')
  }
  return header
}

export const contactLocation = (feedbackId: string): FieldLocation => ({ table: 'feedback', rowId: feedbackId, column: 'contact' })

/** Feedback as received, before it is stored: the contact still in plain text. */
interface Received extends Omit<Feedback, 'sealedContact'> {
  contact: string | null
}

function sameFeedback(keyring: Keyring, stored: Feedback, received: Received): boolean {
  const storedContact = stored.sealedContact === null ? null : decryptField(keyring, stored.sealedContact, contactLocation(stored.id))
  return stored.kind === received.kind && stored.content === received.content && stored.questionId === received.questionId && storedContact === received.contact
}

/**
 * The row the service holds for this feedback: the new one, or the first one sent under its client
 * id. The insert goes first and the unique index decides, so a resend that crosses the first on the
 * way is caught the same way as one that comes a day later. The contact is stored encrypted only.
 */
async function storeOnce(db: Kysely<Database>, keyring: Keyring, received: Received): Promise<Feedback> {
  const { contact, ...rest } = received
  const feedback: Feedback = { ...rest, sealedContact: contact === null ? null : encryptField(keyring, contact, contactLocation(received.id)) }
  try {
    await insertFeedback(db, feedback)
    return feedback
  } catch (error) {
    if (received.clientId === null || !isUniqueViolation(error)) throw error
    const first = await findFeedbackByClientId(db, received.clientId)
    if (!first) throw error
    if (!sameFeedback(keyring, first, received)) {
      throw new AppError(422, 'idempotency_mismatch', '这个 Idempotency-Key 已用于另一条内容不同的反馈；新的反馈请使用新的键')
    }
    return first
  }
}

export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/feedback',
    {
      onRequest: app.limits.guard('feedback'),
      schema: {
        summary: '提交投诉建议或题目纠错',
        description:
          '可带 Idempotency-Key 请求头（8 到 100 个字母、数字、_ 或 -），应用为每条待发送的反馈生成一次、每次重发都带同一个：' +
          '同一个键重复提交相同内容时返回第一次的回执（201，同一个 id），不会保存第二条；同一个键用于内容不同的提交时返回 422。' +
          '选填的联系电话加密保存，回执和其他公开接口都不返回它。' +
          describeRateRule(RATE_RULES.feedback),
        body: FeedbackBody,
        judgedByHandler: { headers: FeedbackHeaders },
        response: { 201: FeedbackReceived, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const clientId = readClientId(request.headers[FEEDBACK_IDEMPOTENCY_HEADER])
      const { kind, questionId } = request.body
      // The schema checks the shape; the rules people see in the app come from core, so both agree.
      const content = checkFeedbackContent(request.body.content)
      const contact = checkFeedbackContact(request.body.contact ?? '')
      const problems: FieldProblem[] = []
      if (!content.ok) problems.push({ path: 'content', label: contentSchema.title ?? 'content', message: content.message })
      if (kind === 'question_report' && questionId === undefined) {
        problems.push({ path: 'questionId', label: questionIdSchema.title ?? 'questionId', message: '请说明是哪一道题有问题' })
      }
      if (!contact.ok) problems.push({ path: 'contact', label: contactSchema.title ?? 'contact', message: contact.message })
      if (!content.ok || !contact.ok || problems.length > 0) throw validationFailed(problems)

      const stored = await storeOnce(app.db, app.config.fieldKeys, {
        id: randomUUID(),
        kind,
        content: content.value,
        questionId: questionId ?? null,
        clientId,
        contact: contact.value,
        createdAt: Date.now(),
      })
      return reply.code(201).send({ id: stored.id, receivedAt: new Date(stored.createdAt).toISOString() })
    },
  )
}
