// The staff reports workspace: the inbox, its exports, one report (masked), reveal, actions and notes.
import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely, Transaction } from 'kysely'

import { addWorkingDays, chinaDateOf, isValidDate, type WorkCalendar } from '../../src/core/calendar/working-days'
import { ACTION_TARGET, allowedActions, refusalOf, type ActionState, type TipAction } from '../../src/core/tips/actions'
import type { CloseOutcome } from '../../src/core/tips/outcome'
import { visibleText } from '../../src/core/text-rules'
import { TIP_STATUS_NAMES } from '../../src/core/tips/status'
import { parseTrackingCode } from '../../src/core/tips/tracking-code'
import { checkUscc } from '../../src/core/validators/uscc'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { encryptField } from '../privacy/field-crypto'
import { dueColumnsOf, workCalendarIn } from '../tips/due-dates'
import { readSite } from '../content/content.repository'
import { isNoticeEvent } from '../wechat/notice-templates'
import { enqueueNotice } from '../wechat/notices.repository'
import { appendAudit, type AuditDetail } from './audit.repository'
import { csvDocument } from './csv'
import { can, requirePermission } from './permissions'
import { xlsxDocument, XLSX_MEDIA_TYPE } from './spreadsheet'
import { scopeDistrict, staffOf } from './staff-auth'
import type { Staff } from './staff.repository'
import { detailOf, EXPORT_HEADER, exportRowOf, inboxItemOf, isoOf, reporterOf, statusOf, type ViewContext } from './tip-views'
import {
  changeTip,
  countByStatus,
  countInbox,
  countViews,
  evidenceOfTip,
  findReference,
  findSimilar,
  findWorkspaceTip,
  inboxBatches,
  insertNote,
  insertWorkspaceEvent,
  listDuplicatesOf,
  listInbox,
  listNotes,
  listWorkspaceEvents,
  type InboxFilter,
  type TipChange,
  type ViewContext as InboxViewContext,
  type WorkspaceTipRow,
} from './workspace.repository'
import {
  DUE_SOON_WORKING_DAYS,
  DUPLICATE_SUGGESTIONS_MAX,
  INBOX_PAGE_SIZE_DEFAULT,
  NoteBody,
  NoteView,
  RevealBody,
  RevealedReporter,
  ExportFile,
  TipActionBody,
  TipExportQuery,
  TipIdParams,
  TipInbox,
  TipInboxQuery,
  TipWorkspaceDetail,
  type TipInboxFilter,
} from './workspace.schemas'

type Db = Kysely<Database> | Transaction<Database>

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000
const FEN_PER_YUAN = 100

// Another district's report answers exactly like one that does not exist.
export const tipNotFound = () => new AppError(404, 'tip_not_found', '没有找到这份反映，或它不属于您所在的区县')
const concurrentChange = () => new AppError(409, 'invalid_transition', '这份反映刚被其他人修改过，请刷新后再试')

/** Midnight in China at the start of a China date, as epoch ms. */
function chinaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS
}

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

interface Scope {
  districtName: (code: string) => string
  districtCodes: Set<string>
}

async function scopeOf(db: Db): Promise<Scope> {
  const site = await readSite(db)
  const names = new Map((site?.districts ?? []).map((district) => [district.code, district.name]))
  return { districtName: (code) => names.get(code) ?? code, districtCodes: new Set(names.keys()) }
}

/** What the search box holds: a tracking code (dashes and case optional), a USCC, or text. */
function searchOf(q: string | undefined): InboxFilter['search'] {
  const text = q?.trim()
  if (!text) return undefined
  const code = parseTrackingCode(text)
  const uscc = checkUscc(text)
  return { trackingCode: code.ok ? code.value : undefined, uscc: uscc.ok ? uscc.value : undefined, employerText: text.toLowerCase() }
}

interface Filter {
  filter: InboxFilter
  /** As asked, for the audit entry: no personal data (the search text is left out). */
  asked: Record<string, string | number | null>
}

async function filterOf(db: Db, staff: Staff, query: TipInboxFilter): Promise<Filter> {
  const ownDistrict = scopeDistrict(staff)
  if (ownDistrict !== undefined && query.district !== undefined && query.district !== ownDistrict) {
    throw new AppError(403, 'forbidden', `您只能查看本区县（${ownDistrict}）的反映`)
  }
  const problems: FieldProblem[] = []
  if (ownDistrict === undefined && query.district !== undefined) {
    const { districtCodes } = await scopeOf(db)
    if (districtCodes.size > 0 && !districtCodes.has(query.district)) {
      problems.push({ path: 'district', label: '区县代码', message: `区县代码 ${query.district} 不是本市的区县` })
    }
  }
  for (const [path, label, value] of [['from', '提交日期（起）', query.from], ['to', '提交日期（止）', query.to]] as const) {
    if (value !== undefined && !isValidDate(value)) problems.push({ path, label, message: `${label} ${value} 不是有效的日期` })
  }
  if (problems.length === 0 && query.from !== undefined && query.to !== undefined && query.from > query.to) {
    problems.push({ path: 'to', label: '提交日期（止）', message: '结束日期不能早于开始日期' })
  }
  if (query.amountMin !== undefined && query.amountMax !== undefined && query.amountMin > query.amountMax) {
    problems.push({ path: 'amountMax', label: '最高欠薪金额（元）', message: '最高金额不能小于最低金额' })
  }
  if (problems.length > 0) throw validationFailed(problems)
  const search = searchOf(query.q)
  const statuses = query.statuses === undefined ? undefined : [...new Set(query.statuses.split(','))].map(statusOf)
  return {
    filter: {
      districtCode: ownDistrict ?? query.district,
      statuses,
      kind: query.kind,
      construction: query.construction,
      amountMinFen: query.amountMin === undefined ? undefined : query.amountMin * FEN_PER_YUAN,
      amountMaxFen: query.amountMax === undefined ? undefined : query.amountMax * FEN_PER_YUAN,
      since: query.from === undefined ? undefined : chinaMidnight(query.from),
      until: query.to === undefined ? undefined : chinaMidnight(query.to) + DAY_MS,
      unread: query.unread,
      search,
      view: query.view,
    },
    asked: {
      district: ownDistrict ?? query.district ?? null,
      statuses: statuses?.join(',') ?? null,
      kind: query.kind ?? null,
      construction: query.construction === undefined ? null : String(query.construction),
      amountMin: query.amountMin ?? null,
      amountMax: query.amountMax ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      unread: query.unread === undefined ? null : String(query.unread),
      search: search === undefined ? null : search.trackingCode !== undefined ? 'tracking_code' : search.uscc !== undefined ? 'uscc' : 'text',
      view: query.view ?? null,
      sort: query.sort ?? 'urgency',
    },
  }
}

function inboxContext(staff: Staff, calendar: WorkCalendar, now: number): InboxViewContext {
  const today = chinaDateOf(new Date(now))
  return { staffId: staff.id, today, dueSoonBy: addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar).date }
}

function actionStateOf(row: WorkspaceTipRow): ActionState {
  return { status: statusOf(row.status), extended: row.extension !== null, duplicateOf: row.duplicateOf }
}

/** Parses 86400, '86400.5', '86400.50' to fen exactly; undefined when it is not such an amount. */
function fenOf(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim()
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) return undefined
  return Number(match[1]) * FEN_PER_YUAN + Number((match[2] ?? '').padEnd(2, '0'))
}

export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const keyring = app.config.fieldKeys

  async function viewContextOf(db: Db, now: number): Promise<ViewContext & { scope: Scope }> {
    const [calendar, scope] = await Promise.all([workCalendarIn(db), scopeOf(db)])
    return { keyring, calendar, today: chinaDateOf(new Date(now)), districtName: scope.districtName, scope }
  }

  async function detailFor(db: Db, staff: Staff, row: WorkspaceTipRow, context: ViewContext): Promise<TipWorkspaceDetail> {
    const district = scopeDistrict(staff)
    const [events, notes, evidence, linkedTo, linkedFrom, similar] = await Promise.all([
      listWorkspaceEvents(db, row.id),
      listNotes(db, row.id),
      evidenceOfTip(db, row.id),
      row.duplicateOf === null ? undefined : findReference(db, row.duplicateOf, district),
      listDuplicatesOf(db, row.id, district),
      findSimilar(db, row, district, DUPLICATE_SUGGESTIONS_MAX),
    ])
    const suggestions = similar.map((other) => {
      const reasons: ('uscc' | 'employer' | 'address')[] = []
      if (row.employerUscc !== null && other.employerUscc === row.employerUscc) reasons.push('uscc')
      else if (other.employerHash === row.employerHash) reasons.push('employer')
      if (row.addressHash !== null && other.addressHash === row.addressHash) reasons.push('address')
      const status = statusOf(other.status)
      return { id: other.id, trackingCode: other.trackingCode, status, statusName: TIP_STATUS_NAMES[status], submittedAt: isoOf(other.createdAt), reasons }
    })
    return detailOf(context, {
      row,
      events,
      notes,
      evidence,
      duplicates: {
        linkedTo: linkedTo === undefined ? null : { id: linkedTo.id, trackingCode: linkedTo.trackingCode },
        linkedFrom: linkedFrom.map((other) => ({ id: other.id, trackingCode: other.trackingCode })),
        suggestions,
      },
      allowedActions: can(staff, 'reports.act') ? allowedActions(actionStateOf(row)) : [],
    })
  }

  app.get(
    '/tips',
    {
      schema: {
        summary: '反映列表（个人信息已遮蔽）：按筛选、视图和排序分页，附各状态和各视图的条数',
        description: '默认按期限紧急程度排序：已超期的在前，没有期限的在后。区县监察员只能看到本区县的反映。',
        querystring: TipInboxQuery,
        response: { 200: TipInbox, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.read')
      const { filter, asked } = await filterOf(app.db, staff, request.query)
      const now = Date.now()
      const context = await viewContextOf(app.db, now)
      const inbox = inboxContext(staff, context.calendar, now)
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? INBOX_PAGE_SIZE_DEFAULT
      const [rows, total, counts, views] = await Promise.all([
        listInbox(app.db, filter, inbox, request.query.sort ?? 'urgency', (page - 1) * pageSize, pageSize),
        countInbox(app.db, filter, inbox),
        countByStatus(app.db, filter, inbox),
        countViews(app.db, filter.districtCode, inbox),
      ])
      await appendAudit(app.db, { staffId: staff.id, action: 'list', tipId: null, detail: { filters: asked, page, count: rows.length }, at: now })
      return { items: rows.map((row) => inboxItemOf(context, row)), total, page, pageSize, counts, views }
    },
  )

  app.get(
    '/tips/export',
    {
      schema: {
        summary: '导出反映（CSV 或 xlsx，筛选条件同列表，不分页；个人信息默认遮蔽）',
        description: 'reveal=true 导出不遮蔽的姓名和电话，需要查看个人信息的权限并填写理由（reason），记入审计日志。以 = + - @ 等开头的内容前加单引号，防止被表格软件当作公式。',
        querystring: TipExportQuery,
        response: { 200: ExportFile, ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.export')
      const { format, reveal = false } = request.query
      const reason = request.query.reason === undefined ? undefined : visibleText(request.query.reason)
      if (reveal) {
        requirePermission(staff, 'reports.personal')
        if (!reason || reason.length < 2) {
          throw validationFailed([{ path: 'reason', label: '查看个人信息的理由', message: '导出个人信息时，请写明理由（2 至 200 个字）' }])
        }
      }
      const { filter, asked } = await filterOf(app.db, staff, request.query)
      const now = Date.now()
      const context = await viewContextOf(app.db, now)
      const inbox = inboxContext(staff, context.calendar, now)
      const rows: ReturnType<typeof exportRowOf>[] = []
      for await (const batch of inboxBatches(app.db, filter, inbox, request.query.sort ?? 'urgency')) {
        for (const row of batch) rows.push(exportRowOf(context, row, reveal))
      }
      await appendAudit(app.db, {
        staffId: staff.id,
        action: 'export',
        tipId: null,
        detail: { format, filters: asked, count: rows.length, revealed: reveal, reason: reveal ? (reason ?? null) : null },
        at: now,
      })
      const fileName = `tips-${chinaDateOf(new Date(now)).replace(/-/g, '')}.${format}`
      reply.header('content-disposition', `attachment; filename="${fileName}"`)
      if (format === 'xlsx') return reply.type(XLSX_MEDIA_TYPE).send(await xlsxDocument('反映', EXPORT_HEADER, rows))
      return reply.type('text/csv; charset=utf-8').send(Buffer.from(csvDocument(EXPORT_HEADER, rows), 'utf8'))
    },
  )

  app.get(
    '/tips/:id',
    {
      schema: {
        summary: '一份反映（个人信息已遮蔽）：办理经过、内部备注、重复反映和可做的操作',
        params: TipIdParams,
        response: { 200: TipWorkspaceDetail, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.read')
      const now = Date.now()
      const context = await viewContextOf(app.db, now)
      const row = await findWorkspaceTip(app.db, request.params.id, scopeDistrict(staff))
      if (!row) throw tipNotFound()
      const detail = await detailFor(app.db, staff, row, context)
      await appendAudit(app.db, { staffId: staff.id, action: 'read', tipId: row.id, detail: {}, at: now })
      return detail
    },
  )

  app.post(
    '/tips/:id/reveal',
    {
      schema: {
        summary: '查看反映人的个人信息（须写明理由，记入审计日志）',
        params: TipIdParams,
        body: RevealBody,
        response: { 200: RevealedReporter, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.personal')
      const reason = visibleText(request.body.reason)
      if (reason.length < 2) throw validationFailed([{ path: 'reason', label: '查看个人信息的理由', message: '请写明查看个人信息的理由（2 至 200 个字）' }])
      // The audit entry commits with the read, or neither happens.
      return app.db.transaction().execute(async (trx) => {
        const row = await findWorkspaceTip(trx, request.params.id, scopeDistrict(staff))
        if (!row) throw tipNotFound()
        const reporter = reporterOf(keyring, row)
        if (reporter === null) throw new AppError(409, 'anonymous', '这是匿名反映，没有反映人的个人信息')
        const fields = ['name', 'mobile', ...(reporter.residentId === null ? [] : ['residentId'])]
        await appendAudit(trx, { staffId: staff.id, action: 'read_personal', tipId: row.id, detail: { reason, fields }, at: Date.now() })
        return { reporter }
      })
    },
  )

  app.post(
    '/tips/:id/actions',
    {
      schema: {
        summary: '办理反映：受理、开始调查、延长调查期限、办结、不予受理、转交、标记或取消重复',
        description:
          '按 action 提交不同的内容。延长调查期限依据《劳动保障监察条例》第十七条：情况复杂的，经劳动保障行政部门负责人批准，可以延长 30 个工作日，只能延长一次。办结和不予受理的说明会显示给反映人。',
        params: TipIdParams,
        body: TipActionBody,
        response: { 200: TipWorkspaceDetail, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.act')
      const body = request.body
      const now = Date.now()
      const context = await viewContextOf(app.db, now)
      const district = scopeDistrict(staff)

      const answer = await app.db.transaction().execute(async (trx) => {
        const row = await findWorkspaceTip(trx, request.params.id, district)
        if (!row) throw tipNotFound()
        const state = actionStateOf(row)
        const action: TipAction = body.action
        const refusal = refusalOf(action, state)
        if (refusal !== null) throw new AppError(409, 'invalid_transition', refusal)

        const from = state.status
        const to = ACTION_TARGET[action] ?? from
        const change: TipChange = to === from ? {} : { status: to }
        const detail: Record<string, unknown> = {}
        let noteToReporter: string | null = null
        let noteBody: string | null = null
        let acceptedOn = row.acceptedOn
        let extended = state.extended

        switch (body.action) {
          case 'accept': {
            const submittedOn = chinaDateOf(new Date(row.createdAt))
            const problem = !isValidDate(body.filedOn)
              ? `立案日期 ${body.filedOn} 不是有效的日期`
              : body.filedOn > context.today
                ? '立案日期不能晚于今天'
                : body.filedOn < submittedOn
                  ? `立案日期不能早于提交日期（${submittedOn}）`
                  : null
            if (problem) throw validationFailed([{ path: 'filedOn', label: '立案日期', message: problem }])
            acceptedOn = body.filedOn
            Object.assign(change, { accepted_on: body.filedOn, handler_id: staff.id })
            detail.filedOn = body.filedOn
            noteBody = visibleText(body.note ?? '') || null
            break
          }
          case 'investigate':
            noteBody = visibleText(body.note ?? '') || null
            break
          case 'extend': {
            const approver = visibleText(body.approver)
            const note = visibleText(body.note)
            const problems: FieldProblem[] = []
            if (!approver) problems.push({ path: 'approver', label: '批准人', message: '请填写批准延长的负责人' })
            if (!note) problems.push({ path: 'note', label: '延长的理由', message: '请写明延长调查期限的理由' })
            if (problems.length > 0) throw validationFailed(problems)
            change.extension = encryptField(keyring, JSON.stringify({ approver, note, at: now }), { table: 'tips', rowId: row.id, column: 'extension' })
            extended = true
            break
          }
          case 'close': {
            const { method, recoveredYuan, workersPaid } = body.outcome
            const problems: FieldProblem[] = []
            let recoveredFen: number | null = null
            if (recoveredYuan !== null && !(typeof recoveredYuan === 'string' && recoveredYuan.trim() === '')) {
              const fen = typeof recoveredYuan === 'string' || typeof recoveredYuan === 'number' ? fenOf(recoveredYuan) : undefined
              if (fen === undefined) {
                problems.push({ path: 'outcome.recoveredYuan', label: '追回金额（元）', message: '追回金额请写成不小于 0 的数，最多两位小数，如 86400.50' })
              } else recoveredFen = fen
            }
            noteToReporter = visibleText(body.noteToReporter)
            if (!noteToReporter) problems.push({ path: 'noteToReporter', label: '给反映人的说明', message: '请填写给反映人的说明，反映人查询进度时会看到' })
            if (problems.length > 0) throw validationFailed(problems)
            const outcome: CloseOutcome = { method, recoveredFen, workersPaid }
            change.outcome = JSON.stringify(outcome)
            Object.assign(detail, { method, recoveredFen, workersPaid })
            break
          }
          case 'reject':
            noteToReporter = visibleText(body.reason)
            if (!noteToReporter) throw validationFailed([{ path: 'reason', label: '不予受理的理由', message: '请写明不予受理的理由，反映人查询进度时会看到' }])
            break
          case 'transfer': {
            const problem =
              body.toDistrict === row.districtCode
                ? '这份反映已经在这个区县，请选择另一个区县'
                : context.scope.districtCodes.size > 0 && !context.scope.districtCodes.has(body.toDistrict)
                  ? `区县代码 ${body.toDistrict} 不是本市的区县`
                  : null
            if (problem) throw validationFailed([{ path: 'toDistrict', label: '转交到的区县', message: problem }])
            noteBody = visibleText(body.note) || null
            Object.assign(change, { district_code: body.toDistrict, handler_id: null })
            Object.assign(detail, { fromDistrict: row.districtCode, toDistrict: body.toDistrict })
            break
          }
          case 'link_duplicate': {
            const label = '原反映编号'
            if (body.of === row.id) throw validationFailed([{ path: 'of', label, message: '不能把一份反映标为它自己的重复' }])
            const original = await findReference(trx, body.of, district)
            if (!original) throw validationFailed([{ path: 'of', label, message: '没有找到这份原反映，或它不属于您所在的区县' }])
            // Following the original's own links must never come back here.
            let cursor: string | null = original.duplicateOf
            for (let steps = 0; cursor !== null && steps < 100; steps += 1) {
              if (cursor === row.id) throw validationFailed([{ path: 'of', label, message: '这份原反映已经标为本反映的重复，不能互相标记' }])
              cursor = (await findReference(trx, cursor))?.duplicateOf ?? null
            }
            change.duplicate_of = original.id
            detail.of = original.id
            break
          }
          case 'unlink_duplicate':
            change.duplicate_of = null
            detail.of = row.duplicateOf
            break
        }

        // The running deadline follows every action (status, filing date, extension).
        Object.assign(change, dueColumnsOf({ kind: row.kind, status: to, createdAt: row.createdAt, acceptedOn, extended }, context.calendar))
        const changed = await changeTip(trx, row.id, { status: row.status, districtCode: row.districtCode, duplicateOf: row.duplicateOf, extended: state.extended }, change)
        if (!changed) {
          // Someone else changed it between our read and our write; their change stands.
          const current = await findWorkspaceTip(trx, row.id, district)
          const words = current ? refusalOf(action, actionStateOf(current)) : null
          throw words === null ? concurrentChange() : new AppError(409, 'invalid_transition', words)
        }
        if (noteBody !== null) {
          const noteId = randomUUID()
          await insertNote(trx, { id: noteId, tipId: row.id, staffId: staff.id, body: encryptField(keyring, noteBody, { table: 'tip_notes', rowId: noteId, column: 'body' }), at: now })
          detail.noteId = noteId
        }
        if (change.due_on !== undefined) detail.dueOn = change.due_on
        await insertWorkspaceEvent(trx, { id: randomUUID(), tipId: row.id, action, from, to, noteToReporter, staffId: staff.id, detail, at: now })
        // The reporter's WeChat message, if they asked for one, is owed in this same transaction.
        if (to !== from && isNoticeEvent(to)) await enqueueNotice(trx, { tipId: row.id, event: to, at: now })
        const audit: AuditDetail = { action, from, to, ...(action === 'transfer' ? { fromDistrict: row.districtCode, toDistrict: String(detail.toDistrict) } : {}) }
        await appendAudit(trx, { staffId: staff.id, action: 'action', tipId: row.id, detail: audit, at: now })

        // The answer shows the report as it is now, even when a transfer took it out of the inspector's district.
        const updated = await findWorkspaceTip(trx, row.id)
        if (!updated) throw tipNotFound()
        return detailFor(trx, staff, updated, context)
      })
      app.noticeSender?.nudge()
      return answer
    },
  )

  app.post(
    '/tips/:id/notes',
    {
      schema: {
        summary: '写一条内部备注（只有工作人员能看到，加密保存）',
        params: TipIdParams,
        body: NoteBody,
        response: { 201: NoteView, ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'reports.act')
      const body = visibleText(request.body.body)
      if (!body) throw validationFailed([{ path: 'body', label: '备注内容', message: '请填写备注内容' }])
      const note = await app.db.transaction().execute(async (trx) => {
        const row = await findWorkspaceTip(trx, request.params.id, scopeDistrict(staff))
        if (!row) throw tipNotFound()
        const id = randomUUID()
        const at = Date.now()
        await insertNote(trx, { id, tipId: row.id, staffId: staff.id, body: encryptField(keyring, body, { table: 'tip_notes', rowId: id, column: 'body' }), at })
        await appendAudit(trx, { staffId: staff.id, action: 'note', tipId: row.id, detail: { noteId: id }, at })
        return { id, staffName: staff.name, body, at: isoOf(at) }
      })
      return reply.code(201).send(note)
    },
  )
}
