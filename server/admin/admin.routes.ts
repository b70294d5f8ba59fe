import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Kysely, Transaction } from 'kysely'

import { chinaDateOf, isValidDate } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { canTransition, describeRefusedTransition, isTipStatus, needsNoteToReporter, TIP_STATUS_NAMES } from '../../src/core/tips/status'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { insertTipEvent, listTipEvents } from '../tips/tip-events.repository'
import { readHolidayCalendars, readSite } from '../tips/tips.repository'
import { readEvidence } from '../uploads/uploads.store'
import { changeTipStatus, findTip, listTips, type TipFilter, type TipPosition } from './admin-tips.repository'
import {
  AuditList,
  AuditQuery,
  LIST_LIMIT_DEFAULT,
  EvidenceParams,
  TipDetail,
  TipFilterQuery,
  TipIdParams,
  TipList,
  TipListQuery,
  TransitionBody,
  TransitionResult,
} from './admin.schemas'
import { staffConversationRoutes } from '../conversation/staff-conversation.routes'
import { appendAudit, listAudit, type AuditDetail, type AuditPosition } from './audit.repository'
import { csvDocument } from './csv'
import { requirePermission } from './permissions'
import { requireStaff, scopeDistrict, staffOf } from './staff-auth'
import type { Staff } from './staff.repository'
import { CSV_HEADER, csvRowOf, deadlinesOf, detailOf, isoOf, listItemOf, timelineOf } from './tip-views'

type Db = Kysely<Database> | Transaction<Database>

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000
const EXPORT_BATCH = 500

// Another district's report answers exactly like one that does not exist.
const tipNotFound = () => new AppError(404, 'tip_not_found', '没有找到这份反映，或它不属于您所在的区县')

/** Midnight in China at the start of a China date, as epoch ms. */
function chinaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS
}

function badCursor(): AppError {
  return validationFailed([{ path: 'cursor', label: '翻页位置', message: '翻页位置无效，请从第一页重新查看' }])
}

function encodeCursor(position: [number, string]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') return [value[0], value[1]]
  } catch {
    // Falls through to the same answer as any other unreadable cursor.
  }
  throw badCursor()
}

function tipPositionOf(cursor: string): TipPosition {
  const [createdAt, id] = decodeCursor(cursor)
  return { createdAt, id }
}

function auditPositionOf(cursor: string): AuditPosition {
  const [at, id] = decodeCursor(cursor)
  return { at, id }
}

interface Filter {
  tips: TipFilter
  /** As asked, for the audit entry. */
  asked: Record<string, string | null>
}

async function filterOf(db: Db, staff: Staff, query: TipFilterQuery): Promise<Filter> {
  const ownDistrict = scopeDistrict(staff)
  if (ownDistrict !== undefined && query.district !== undefined && query.district !== ownDistrict) {
    throw new AppError(403, 'forbidden', `这个令牌只能查看本区县（${ownDistrict}）的反映`)
  }
  const problems = []
  if (ownDistrict === undefined && query.district !== undefined) {
    const site = await readSite(db)
    if (site && !site.districts.some((district) => district.code === query.district)) {
      problems.push({ path: 'district', label: '区县代码', message: `区县代码 ${query.district} 不是本市的区县` })
    }
  }
  for (const [path, label, value] of [['from', '开始日期', query.from], ['to', '结束日期', query.to]] as const) {
    if (value !== undefined && !isValidDate(value)) problems.push({ path, label, message: `${label} ${value} 不是有效的日期` })
  }
  if (problems.length === 0 && query.from !== undefined && query.to !== undefined && query.from > query.to) {
    problems.push({ path: 'to', label: '结束日期', message: '结束日期不能早于开始日期' })
  }
  if (problems.length > 0) throw validationFailed(problems)
  return {
    tips: {
      districtCode: ownDistrict ?? query.district,
      status: query.status,
      since: query.from === undefined ? undefined : chinaMidnight(query.from),
      until: query.to === undefined ? undefined : chinaMidnight(query.to) + DAY_MS,
    },
    asked: { status: query.status ?? null, district: ownDistrict ?? query.district ?? null, from: query.from ?? null, to: query.to ?? null },
  }
}

function noteOf(text: string | undefined): string | null {
  const trimmed = text?.trim()
  return trimmed ? trimmed : null
}

async function evidenceOf(db: Db, tipId: string): Promise<TipDetail['evidence']> {
  const rows = await db.selectFrom('uploads').select(['id', 'media_type']).where('tip_id', '=', tipId).orderBy('attached_at', 'asc').orderBy('id', 'asc').execute()
  return rows.map((row) => ({ uploadId: row.id, mediaType: row.media_type }))
}

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

/** The staff API: every route needs a bearer token, and a district token sees its district only. */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const keyring = app.config.fieldKeys
  app.decorateRequest('staff', null)
  // onRequest: a request without a valid token learns nothing, not even whether its query was valid.
  app.addHook('onRequest', requireStaff(app.db, app.config.rateLimits))
  // Personal data: never kept by a browser or a proxy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  const calendar = async (db: Db) => workCalendarOf(await readHolidayCalendars(db))

  // Inside this plugin: the same sign-in hook, scoping and cache rule.
  await app.register(staffConversationRoutes)

  app.get(
    '/tips',
    {
      schema: {
        summary: '反映列表（个人信息已遮蔽），新提交的在前',
        querystring: TipListQuery,
        response: { 200: TipList, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.read')
      const filter = await filterOf(app.db, staff, request.query)
      const limit = request.query.limit ?? LIST_LIMIT_DEFAULT
      const after = request.query.cursor === undefined ? undefined : tipPositionOf(request.query.cursor)
      const rows = await listTips(app.db, filter.tips, limit + 1, after)
      const page = rows.slice(0, limit)
      const workCalendar = await calendar(app.db)
      const items = page.map((row) => listItemOf(keyring, workCalendar, row))
      const last = page[page.length - 1]
      await appendAudit(app.db, { staffId: staff.id, action: 'list', tipId: null, detail: { filters: filter.asked, count: items.length }, at: Date.now() })
      return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null }
    },
  )

  app.get(
    '/tips.csv',
    {
      schema: {
        summary: '导出反映（CSV，UTF-8 带 BOM，个人信息已遮蔽）',
        querystring: TipFilterQuery,
        response: { 200: Type.String({ description: 'CSV 文件（text/csv）' }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.export')
      const filter = await filterOf(app.db, staff, request.query)
      const site = await readSite(app.db)
      const names = new Map((site?.districts ?? []).map((district) => [district.code, district.name]))
      const districtName = (code: string) => names.get(code) ?? code
      const workCalendar = await calendar(app.db)
      const rows: ReturnType<typeof csvRowOf>[] = []
      let after: TipPosition | undefined
      for (;;) {
        const batch = await listTips(app.db, filter.tips, EXPORT_BATCH, after)
        for (const row of batch) rows.push(csvRowOf(keyring, workCalendar, row, districtName))
        if (batch.length < EXPORT_BATCH) break
        const last = batch[batch.length - 1]
        after = { createdAt: last.createdAt, id: last.id }
      }
      const now = Date.now()
      await appendAudit(app.db, { staffId: staff.id, action: 'export', tipId: null, detail: { filters: filter.asked, count: rows.length }, at: now })
      const fileName = `tips-${chinaDateOf(new Date(now)).replace(/-/g, '')}.csv`
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csvDocument(CSV_HEADER, rows))
    },
  )

  app.get(
    '/tips/:id',
    {
      schema: {
        summary: '一份反映的全部内容（含解密后的个人信息；每次查看都记入审计日志）',
        params: TipIdParams,
        response: { 200: TipDetail, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.personal')
      const workCalendar = await calendar(app.db)
      // The audit entry commits with the read, or neither happens.
      return app.db.transaction().execute(async (trx) => {
        const row = await findTip(trx, request.params.id, scopeDistrict(staff))
        if (!row) throw tipNotFound()
        const [events, evidence] = await Promise.all([listTipEvents(trx, row.id), evidenceOf(trx, row.id)])
        const detail = detailOf(keyring, workCalendar, row, events, evidence)
        await appendAudit(trx, { staffId: staff.id, action: 'read_personal', tipId: row.id, detail: { fields: detail.reporter ? ['reporter'] : [] }, at: Date.now() })
        return detail
      })
    },
  )

  app.get(
    '/tips/:id/evidence/:uploadId',
    {
      schema: {
        summary: '查看一张证据照片（已去除拍摄地点等元数据；每次查看都记入审计日志）',
        params: EvidenceParams,
        response: { 200: Type.Unsafe<Uint8Array>({ description: '图片（JPEG、PNG 或 WebP）' }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.read')
      const { id, uploadId } = request.params
      const tip = await findTip(app.db, id, scopeDistrict(staff))
      if (!tip) throw tipNotFound()
      const evidenceNotFound = () => new AppError(404, 'evidence_not_found', '这份反映没有这张证据照片')
      const attached = await app.db.selectFrom('uploads').select('id').where('id', '=', uploadId).where('tip_id', '=', tip.id).executeTakeFirst()
      if (!attached) throw evidenceNotFound()
      const evidence = await readEvidence(app.db, app.config.uploadsDir, attached.id)
      if (!evidence) throw evidenceNotFound()
      await appendAudit(app.db, { staffId: staff.id, action: 'read_evidence', tipId: tip.id, detail: { uploadId: attached.id }, at: Date.now() })
      return reply.type(evidence.mediaType).header('content-disposition', 'inline').send(Buffer.from(evidence.bytes))
    },
  )

  app.post(
    '/tips/:id/transitions',
    {
      schema: {
        summary: '改变反映的状态：已提交→已受理或不予受理，已受理→调查中，调查中→已办结',
        description: '不予受理和办结时必须填写给反映人的说明（noteToReporter），反映人查询进度时能看到；内部备注（internalNote）只有工作人员能看到。',
        params: TipIdParams,
        body: TransitionBody,
        response: { 200: TransitionResult, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.act')
      const { to } = request.body
      const noteToReporter = noteOf(request.body.noteToReporter)
      const internalNote = noteOf(request.body.internalNote)
      if (needsNoteToReporter(to) && noteToReporter === null) {
        throw validationFailed([
          { path: 'noteToReporter', label: '给反映人的说明', message: `改为“${TIP_STATUS_NAMES[to]}”时，请填写给反映人的说明，反映人查询进度时会看到` },
        ])
      }
      const workCalendar = await calendar(app.db)

      return app.db.transaction().execute(async (trx) => {
        const row = await findTip(trx, request.params.id, scopeDistrict(staff))
        if (!row) throw tipNotFound()
        if (!isTipStatus(row.status)) throw new Error(`tips row has an unknown status ${JSON.stringify(row.status)}`)
        const from = row.status
        if (!canTransition(from, to)) throw new AppError(409, 'invalid_transition', describeRefusedTransition(from, to))

        const now = Date.now()
        // Acceptance starts the investigation clock (art. 17 counts from 立案): the deadlines move.
        const acceptedOn = to === 'accepted' ? chinaDateOf(new Date(now)) : row.acceptedOn
        const deadlines = deadlinesOf({ kind: row.kind, createdAt: row.createdAt, acceptedOn }, workCalendar)
        const moved = to === 'accepted' && acceptedOn !== null ? { acceptedOn, deadlines: JSON.stringify(deadlines) } : {}
        const changed = await changeTipStatus(trx, row.id, { from, to, ...moved })
        if (!changed) {
          // Someone else moved it between our read and our write; their change stands.
          const current = await findTip(trx, row.id)
          const message = current && isTipStatus(current.status) ? describeRefusedTransition(current.status, to) : '这份反映刚被其他人修改过，请刷新后再试'
          throw new AppError(409, 'invalid_transition', message)
        }
        await insertTipEvent(trx, { id: randomUUID(), tipId: row.id, from, to, noteToReporter, internalNote, staffId: staff.id, at: now })
        const detail: AuditDetail = { from, to, noteToReporter: noteToReporter !== null, internalNote: internalNote !== null }
        await appendAudit(trx, { staffId: staff.id, action: 'transition', tipId: row.id, detail, at: now })

        const events = await listTipEvents(trx, row.id)
        return {
          id: row.id,
          status: to,
          statusName: TIP_STATUS_NAMES[to],
          acceptedOn,
          deadlines,
          timeline: timelineOf(row.createdAt, events),
        }
      })
    },
  )

  app.get(
    '/audit',
    {
      schema: {
        summary: '审计日志（仅全市令牌可看），新的在前',
        querystring: AuditQuery,
        response: { 200: AuditList, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'audit.read')
      const limit = request.query.limit ?? LIST_LIMIT_DEFAULT
      const before = request.query.cursor === undefined ? undefined : auditPositionOf(request.query.cursor)
      const entries = await listAudit(app.db, limit + 1, before)
      const page = entries.slice(0, limit)
      const last = page[page.length - 1]
      return {
        items: page.map((entry) => ({ id: entry.id, at: isoOf(entry.at), staffId: entry.staffId, staffName: entry.staffName, action: entry.action, tipId: entry.tipId, detail: entry.detail })),
        nextCursor: entries.length > limit && last ? encodeCursor([last.at, last.id]) : null,
      }
    },
  )
}
