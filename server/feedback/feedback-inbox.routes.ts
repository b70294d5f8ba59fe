// The staff inbox of 投诉建议 and 纠错 (content.manage): list, handle with an internal note, export.
// The phone number a person left is shown in full only to roles with feedback.personal; others see it masked.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { FEEDBACK_KIND_NAMES, FEEDBACK_STATUS_NAMES } from '../../src/core/feedback-handling'
import { visibleText } from '../../src/core/text-rules'
import { maskPhone } from '../../src/core/validators/phone'
import { appendAudit } from '../admin/audit.repository'
import { csvDocument, type CsvValue } from '../admin/csv'
import { can, requirePermission } from '../admin/permissions'
import { xlsxDocument, XLSX_MEDIA_TYPE } from '../admin/spreadsheet'
import { staffOf } from '../admin/staff-auth'
import { chinaDateTimeOf, isoOf } from '../admin/tip-views'
import { ExportFile } from '../admin/workspace.schemas'
import { AppError, ErrorResponse } from '../errors'
import { decryptField, encryptField, type FieldLocation } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import {
  countFeedback,
  countFeedbackByStatus,
  findFeedbackRow,
  listFeedbackPage,
  questionStems,
  setFeedbackHandling,
  type FeedbackInboxFilter,
  type FeedbackInboxRow,
  type QuestionRef,
} from './feedback-inbox.repository'
import {
  FEEDBACK_PAGE_SIZE_DEFAULT,
  FeedbackExportQuery,
  FeedbackIdParams,
  FeedbackInbox,
  FeedbackInboxQuery,
  FeedbackItemView,
  FeedbackStatusBody,
} from './feedback-inbox.schemas'
import { contactLocation } from './feedback.routes'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
const EXPORT_BATCH = 500

const noteLocation = (feedbackId: string): FieldLocation => ({ table: 'feedback', rowId: feedbackId, column: 'staff_note' })
const feedbackNotFound = () => new AppError(404, 'feedback_not_found', '没有找到这条投诉建议或纠错')

interface ViewContext {
  keyring: Keyring
  /** The viewer may see the full phone number (feedback.personal). */
  revealContact: boolean
  stems: Map<string, QuestionRef>
}

function contactOf(context: ViewContext, row: FeedbackInboxRow): string | null {
  if (row.sealedContact === null) return null
  const phone = decryptField(context.keyring, row.sealedContact, contactLocation(row.id))
  return context.revealContact ? phone : maskPhone(phone)
}

function itemViewOf(context: ViewContext, row: FeedbackInboxRow): FeedbackItemView {
  const question = row.questionId === null ? undefined : context.stems.get(row.questionId)
  return {
    id: row.id,
    kind: row.kind,
    kindName: FEEDBACK_KIND_NAMES[row.kind] ?? row.kind,
    content: row.content,
    questionId: row.questionId,
    questionStem: question?.stem ?? null,
    questionBank: question?.bank ?? null,
    status: row.status,
    statusName: FEEDBACK_STATUS_NAMES[row.status],
    hasContact: row.sealedContact !== null,
    contact: contactOf(context, row),
    contactRevealed: row.sealedContact !== null && context.revealContact,
    note: row.sealedNote === null ? null : decryptField(context.keyring, row.sealedNote, noteLocation(row.id)),
    handledBy: row.handledByName,
    handledAt: row.handledAt === null ? null : isoOf(row.handledAt),
    receivedAt: isoOf(row.createdAt),
  }
}

const EXPORT_HEADER = ['收到时间', '类型', '内容', '题目编号', '题目', '联系电话', '状态', '处理备注', '处理人', '处理时间'] as const

function exportRowOf(view: FeedbackItemView): CsvValue[] {
  return [
    chinaDateTimeOf(Date.parse(view.receivedAt)),
    view.kindName,
    view.content,
    view.questionId,
    view.questionStem,
    view.contact,
    view.statusName,
    view.note,
    view.handledBy,
    view.handledAt === null ? null : chinaDateTimeOf(Date.parse(view.handledAt)),
  ]
}

const askedOf = (filter: FeedbackInboxFilter) => ({ kind: filter.kind ?? null, status: filter.status ?? null, questionId: filter.questionId ?? null })

export const feedbackInboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const keyring = app.config.fieldKeys

  async function contextFor(revealContact: boolean, rows: readonly FeedbackInboxRow[]): Promise<ViewContext> {
    const stems = await questionStems(app.db, rows.flatMap((row) => (row.questionId === null ? [] : [row.questionId])))
    return { keyring, revealContact, stems }
  }

  app.get(
    '/feedback',
    {
      schema: {
        summary: '投诉建议和纠错：按类型、状态和题目筛选，新的在前，附各状态的条数',
        description: '联系电话只有能查看反馈人联系方式的角色（监察督导）看到完整号码（每次查看记入审计日志），其他角色看到遮蔽的号码。纠错附所指题目的题干。',
        querystring: FeedbackInboxQuery,
        response: { 200: FeedbackInbox, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'content.manage')
      const filter: FeedbackInboxFilter = { kind: request.query.kind, status: request.query.status, questionId: request.query.questionId }
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? FEEDBACK_PAGE_SIZE_DEFAULT
      const [rows, total, counts] = await Promise.all([
        listFeedbackPage(app.db, filter, (page - 1) * pageSize, pageSize),
        countFeedback(app.db, filter),
        countFeedbackByStatus(app.db, filter),
      ])
      const revealContact = can(staff, 'feedback.personal')
      const context = await contextFor(revealContact, rows)
      const contacts = rows.filter((row) => row.sealedContact !== null).length
      // Only a page that shows someone's number is a read of personal data.
      if (revealContact && contacts > 0) {
        await appendAudit(app.db, {
          staffId: staff.id,
          action: 'feedback_list',
          tipId: null,
          detail: { filters: askedOf(filter), page, contacts, feedbackIds: rows.filter((row) => row.sealedContact !== null).map((row) => row.id) },
          at: Date.now(),
        })
      }
      return { items: rows.map((row) => itemViewOf(context, row)), total, page, pageSize, counts }
    },
  )

  app.get(
    '/feedback/export',
    {
      schema: {
        summary: '导出投诉建议和纠错（CSV 或 xlsx，筛选条件同列表，不分页）',
        description: '联系电话的显示同列表：只有能查看反馈人联系方式的角色导出完整号码。记入审计日志。以 = + - @ 等开头的内容前加单引号，防止被表格软件当作公式。',
        querystring: FeedbackExportQuery,
        response: { 200: ExportFile, ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'content.manage')
      const filter: FeedbackInboxFilter = { kind: request.query.kind, status: request.query.status, questionId: request.query.questionId }
      const revealContact = can(staff, 'feedback.personal')
      const rows: CsvValue[][] = []
      let contacts = 0
      for (let offset = 0; ; offset += EXPORT_BATCH) {
        const batch = await listFeedbackPage(app.db, filter, offset, EXPORT_BATCH)
        const context = await contextFor(revealContact, batch)
        for (const row of batch) {
          if (row.sealedContact !== null) contacts += 1
          rows.push(exportRowOf(itemViewOf(context, row)))
        }
        if (batch.length < EXPORT_BATCH) break
      }
      const now = Date.now()
      const format = request.query.format
      await appendAudit(app.db, {
        staffId: staff.id,
        action: 'feedback_export',
        tipId: null,
        detail: { format, filters: askedOf(filter), count: rows.length, contacts, revealed: revealContact },
        at: now,
      })
      reply.header('content-disposition', `attachment; filename="feedback-${chinaDateOf(new Date(now)).replace(/-/g, '')}.${format}"`)
      if (format === 'xlsx') return reply.type(XLSX_MEDIA_TYPE).send(await xlsxDocument('投诉建议和纠错', EXPORT_HEADER, rows))
      return reply.type('text/csv; charset=utf-8').send(Buffer.from(csvDocument(EXPORT_HEADER, rows), 'utf8'))
    },
  )

  app.post(
    '/feedback/:id/status',
    {
      schema: {
        summary: '处理一条投诉建议或纠错：设为待处理、已处理或不采纳，可写内部备注（记入审计日志）',
        description: '备注加密保存，只有工作人员能看到；每次设置都替换原来的备注。设回待处理时清除处理人和处理时间。回答中的联系电话总是遮蔽的。',
        params: FeedbackIdParams,
        body: FeedbackStatusBody,
        response: { 200: FeedbackItemView, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'content.manage')
      const { id } = request.params
      const { status } = request.body
      const note = visibleText(request.body.note ?? '') || null
      const now = Date.now()
      const row = await app.db.transaction().execute(async (trx) => {
        const before = await findFeedbackRow(trx, id)
        if (!before) throw feedbackNotFound()
        const open = status === 'open'
        await setFeedbackHandling(trx, id, {
          status,
          sealedNote: note === null ? null : encryptField(keyring, note, noteLocation(id)),
          handledBy: open ? null : staff.id,
          handledAt: open ? null : now,
        })
        await appendAudit(trx, {
          staffId: staff.id,
          action: 'feedback_status',
          tipId: null,
          detail: { feedbackId: id, kind: before.kind, from: before.status, to: status, note: note !== null },
          at: now,
        })
        const after = await findFeedbackRow(trx, id)
        if (!after) throw feedbackNotFound()
        return after
      })
      // The answer shows the number masked whatever the role: reading it in full is the list's (audited) job.
      return itemViewOf(await contextFor(false, [row]), row)
    },
  )
}
