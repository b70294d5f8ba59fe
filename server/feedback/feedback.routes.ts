import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { checkFeedbackContent } from '../../src/core/feedback'
import { ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { insertFeedback } from './feedback.repository'
import { FeedbackBody, FeedbackReceived } from './feedback.schemas'

const { content: contentSchema, questionId: questionIdSchema } = FeedbackBody.properties

export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/feedback',
    {
      schema: {
        summary: '提交投诉建议或题目纠错',
        body: FeedbackBody,
        response: { 201: FeedbackReceived, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const { kind, questionId } = request.body
      // The schema checks the shape; the rules people see in the app come from core, so both agree.
      const content = checkFeedbackContent(request.body.content)
      const problems: FieldProblem[] = []
      if (!content.ok) problems.push({ path: 'content', label: contentSchema.title ?? 'content', message: content.message })
      if (kind === 'question_report' && questionId === undefined) {
        problems.push({ path: 'questionId', label: questionIdSchema.title ?? 'questionId', message: '请说明是哪一道题有问题' })
      }
      if (!content.ok || problems.length > 0) throw validationFailed(problems)

      const createdAt = Date.now()
      const id = randomUUID()
      await insertFeedback(app.db, { id, kind, content: content.value, questionId: questionId ?? null, clientId: null, createdAt })
      return reply.code(201).send({ id, receivedAt: new Date(createdAt).toISOString() })
    },
  )
}
