import type { Readable } from 'node:stream'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'

import { AppError, ErrorResponse } from '../errors'
import { staffConversationRoutes } from '../conversation/staff-conversation.routes'
import { feedbackInboxRoutes } from '../feedback/feedback-inbox.routes'
import { questionBankRoutes } from '../quiz/question-bank.routes'
import { adminContestRoutes } from '../quiz/admin-contests.routes'
import { IdString } from '../schemas'
import { isAttachedTo } from '../uploads/uploads.repository'
import { readEvidence } from '../uploads/uploads.store'
import { auditRoutes } from './audit.routes'
import { contentAdminRoutes } from './content-admin.routes'
import { figuresRoutes } from './figures.routes'
import { appendAudit } from './audit.repository'
import { requirePermission } from './permissions'
import { requireStaff, scopeDistrict, staffOf } from './staff-auth'
import { findWorkspaceTip } from './workspace.repository'
import { tipNotFound, workspaceRoutes } from './workspace.routes'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

const EvidenceParams = Type.Object({
  id: IdString('uuid', '反映编号'),
  uploadId: IdString('upload', '照片编号'),
})

/** The staff API: every route needs a session or a bearer token, and an inspector sees their district only. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.decorateRequest('staff', null)
  // onRequest: a request without a valid token learns nothing, not even whether its query was valid.
  app.addHook('onRequest', requireStaff(app))
  // Once the staff member is known: counted per account, not per address.
  app.addHook('onRequest', app.limits.guard('staff'))
  // Personal data: never kept by a browser or a proxy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  await app.register(workspaceRoutes)
  await app.register(auditRoutes)
  // Inside this plugin: the same sign-in hook, scoping and cache rule.
  await app.register(staffConversationRoutes)
  await app.register(feedbackInboxRoutes)
  await app.register(questionBankRoutes)
  await app.register(adminContestRoutes)
  await app.register(contentAdminRoutes)
  await app.register(figuresRoutes)

  app.get(
    '/tips/:id/evidence/:uploadId',
    {
      schema: {
        summary: '查看一张证据照片（已去除拍摄地点等元数据；每次查看都记入审计日志）',
        params: EvidenceParams,
        response: { 200: Type.Unsafe<Uint8Array | Readable>({ description: '图片（JPEG、PNG 或 WebP），边读边发' }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.read')
      const { id, uploadId } = request.params
      const tip = await findWorkspaceTip(app.db, id, scopeDistrict(staff))
      if (!tip) throw tipNotFound()
      const evidenceNotFound = () => new AppError(404, 'evidence_not_found', '这份反映没有这张证据照片')
      if (!(await isAttachedTo(app.db, uploadId, tip.id))) throw evidenceNotFound()
      const evidence = await readEvidence(app.db, app.config.uploadsDir, uploadId)
      if (!evidence) throw evidenceNotFound()
      await appendAudit(app.db, { staffId: staff.id, action: 'read_evidence', tipId: tip.id, detail: { uploadId }, at: Date.now() })
      return reply.type(evidence.mediaType).header('content-disposition', 'inline').send(evidence.body)
    },
  )
}
