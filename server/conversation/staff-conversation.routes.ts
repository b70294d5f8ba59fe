// The staff side of the conversation with the reporter, registered inside the admin plugin
// (server/admin/admin.routes.ts): its hook signs staff in, and another district's report answers
// 404 tip_not_found exactly like a missing one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { checkMessageBody } from '../../src/core/tips/messages'
import { appendAudit } from '../admin/audit.repository'
import { requirePermission } from '../admin/permissions'
import { scopeDistrict, staffOf } from '../admin/staff-auth'
import { findWorkspaceTip } from '../admin/workspace.repository'
import { tipNotFound } from '../admin/workspace.routes'
import { TipIdParams } from '../admin/workspace.schemas'
import { ErrorResponse, validationFailed } from '../errors'
import { readConversation, sendStaffMessage, type Message } from './conversation'
import { StaffMessage, StaffMessageBody, StaffMessageList } from './conversation.schemas'
import { markRepliesRead } from './messages.repository'
import { enqueueNotice } from '../wechat/notices.repository'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

function staffViewOf(message: Message): StaffMessage {
  return {
    id: message.id,
    author: message.author,
    kind: message.kind,
    body: message.body,
    at: new Date(message.createdAt).toISOString(),
    staffName: message.author === 'staff' ? message.staffName : null,
    photos: message.photos,
    read: message.author === 'staff' || message.readAt !== null,
  }
}

export const staffConversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const keyring = app.config.fieldKeys

  app.get(
    '/tips/:id/messages',
    {
      schema: {
        summary: '与反映人的留言（按时间先后；查看后反映人的回复记为已读）',
        description: '反映人回复带的照片用“查看一张证据照片”的接口查看。read 说明工作人员此前是否看过这条回复；这次查看之后都记为已读。',
        params: TipIdParams,
        response: { 200: StaffMessageList, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.read')
      return app.db.transaction().execute(async (trx) => {
        const tip = await findWorkspaceTip(trx, request.params.id, scopeDistrict(staff))
        if (!tip) throw tipNotFound()
        const messages = await readConversation(trx, keyring, tip.id)
        const now = Date.now()
        const newlyRead = await markRepliesRead(trx, tip.id, now)
        await appendAudit(trx, { staffId: staff.id, action: 'message_read', tipId: tip.id, detail: { count: messages.length, newlyRead }, at: now })
        // As read before this look: the console can set apart what is new to the reader.
        return { items: messages.map(staffViewOf) }
      })
    },
  )

  app.post(
    '/tips/:id/messages',
    {
      schema: {
        summary: '给反映人留言或提问',
        description: 'kind 为 question 时，反映人查询进度时看到“需要您回复”，可以用文字和照片回复。留言在任何状态下都可以发。',
        params: TipIdParams,
        body: StaffMessageBody,
        response: { 201: StaffMessage, ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.act')
      const body = checkMessageBody(request.body.body, '留言')
      if (!body.ok) throw validationFailed([{ path: 'body', label: '留言内容', message: body.message }])
      const { kind } = request.body
      const message = await app.db.transaction().execute(async (trx) => {
        const tip = await findWorkspaceTip(trx, request.params.id, scopeDistrict(staff))
        if (!tip) throw tipNotFound()
        const now = Date.now()
        const id = await sendStaffMessage(trx, keyring, { tipId: tip.id, staffId: staff.id, kind, body: body.value, now })
        await appendAudit(trx, { staffId: staff.id, action: 'message_send', tipId: tip.id, detail: { messageId: id, kind }, at: now })
        await enqueueNotice(trx, { tipId: tip.id, event: kind === 'question' ? 'question' : 'message', at: now })
        return { id, author: 'staff' as const, kind, body: body.value, at: new Date(now).toISOString(), staffName: staff.name, photos: [], read: true }
      })
      app.noticeSender?.nudge()
      return reply.code(201).send(message)
    },
  )
}
