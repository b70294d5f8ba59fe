// The audit log for auditors and supervisors, and the staff directory the console's filters use.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { isValidDate, chinaDateOf } from '../../src/core/calendar/working-days'
import { AUDIT_ACTIONS, AUDIT_ACTION_NAMES, auditActionName } from '../../src/core/staff/audit-actions'
import { parseTrackingCode } from '../../src/core/tips/tracking-code'
import { ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { appendAudit, countAudit, listAuditPage, type AuditFilter, type AuditPageEntry } from './audit.repository'
import { csvDocument } from './csv'
import { can, requirePermission } from './permissions'
import { xlsxDocument, XLSX_MEDIA_TYPE } from './spreadsheet'
import { scopeDistrict, staffOf } from './staff-auth'
import { listStaffDirectory } from './staff.repository'
import { chinaDateTimeOf, isoOf } from './tip-views'
import { AUDIT_PAGE_SIZE_DEFAULT, AuditExportQuery, AuditPage, AuditQuery, ExportFile, StaffDirectory, type AuditFilter as AuditFilterQuery } from './workspace.schemas'

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000
const EXPORT_BATCH = 1000
const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

const chinaMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS

function auditFilterOf(query: AuditFilterQuery): { filter: AuditFilter; asked: Record<string, string | null> } {
  const problems: FieldProblem[] = []
  for (const [path, label, value] of [['from', '开始日期', query.from], ['to', '结束日期', query.to]] as const) {
    if (value !== undefined && !isValidDate(value)) problems.push({ path, label, message: `${label} ${value} 不是有效的日期` })
  }
  if (problems.length === 0 && query.from !== undefined && query.to !== undefined && query.from > query.to) {
    problems.push({ path: 'to', label: '结束日期', message: '结束日期不能早于开始日期' })
  }
  let trackingCode: string | undefined
  if (query.trackingCode !== undefined) {
    const parsed = parseTrackingCode(query.trackingCode)
    if (parsed.ok) trackingCode = parsed.value
    else problems.push({ path: 'trackingCode', label: '查询码', message: parsed.message })
  }
  if (problems.length > 0) throw validationFailed(problems)
  return {
    filter: {
      staffId: query.staffId,
      action: query.action,
      tipId: query.tipId,
      trackingCode,
      since: query.from === undefined ? undefined : chinaMidnight(query.from),
      until: query.to === undefined ? undefined : chinaMidnight(query.to) + DAY_MS,
    },
    asked: { staffId: query.staffId ?? null, action: query.action ?? null, tipId: query.tipId ?? null, trackingCode: trackingCode ?? null, from: query.from ?? null, to: query.to ?? null },
  }
}

const viewOf = (entry: AuditPageEntry) => ({
  id: entry.id,
  at: isoOf(entry.at),
  staffId: entry.staffId,
  staffName: entry.staffName,
  action: entry.action,
  actionName: auditActionName(entry.action),
  tipId: entry.tipId,
  trackingCode: entry.trackingCode,
  detail: entry.detail,
})

const AUDIT_EXPORT_HEADER = ['时间', '工作人员', '操作', '反映编号', '查询码', '详情'] as const

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        summary: '审计日志：按工作人员、操作、反映和日期筛选，新的在前',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'audit.read')
      const { filter } = auditFilterOf(request.query)
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? AUDIT_PAGE_SIZE_DEFAULT
      const [entries, total] = await Promise.all([listAuditPage(app.db, filter, (page - 1) * pageSize, pageSize), countAudit(app.db, filter)])
      return {
        items: entries.map(viewOf),
        total,
        page,
        pageSize,
        actions: AUDIT_ACTIONS.map((action) => ({ action, actionName: AUDIT_ACTION_NAMES[action] })),
      }
    },
  )

  app.get(
    '/audit/export',
    {
      schema: {
        summary: '导出审计日志（CSV 或 xlsx，筛选条件同审计日志）',
        querystring: AuditExportQuery,
        response: { 200: ExportFile, ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      requirePermission(staff, 'audit.read')
      const { filter, asked } = auditFilterOf(request.query)
      const rows: (string | null)[][] = []
      for (let offset = 0; ; offset += EXPORT_BATCH) {
        const batch = await listAuditPage(app.db, filter, offset, EXPORT_BATCH)
        for (const entry of batch) {
          rows.push([chinaDateTimeOf(entry.at), entry.staffName ?? (entry.staffId === null ? '系统管理员（命令行）' : entry.staffId), auditActionName(entry.action), entry.tipId, entry.trackingCode, JSON.stringify(entry.detail)])
        }
        if (batch.length < EXPORT_BATCH) break
      }
      const now = Date.now()
      const format = request.query.format
      await appendAudit(app.db, { staffId: staff.id, action: 'audit_export', tipId: null, detail: { format, filters: asked, count: rows.length }, at: now })
      reply.header('content-disposition', `attachment; filename="audit-${chinaDateOf(new Date(now)).replace(/-/g, '')}.${format}"`)
      if (format === 'xlsx') return reply.type(XLSX_MEDIA_TYPE).send(await xlsxDocument('审计日志', AUDIT_EXPORT_HEADER, rows))
      return reply.type('text/csv; charset=utf-8').send(Buffer.from(csvDocument(AUDIT_EXPORT_HEADER, rows), 'utf8'))
    },
  )

  app.get(
    '/staff-directory',
    {
      schema: {
        summary: '工作人员名单（姓名和角色，用于筛选）',
        response: { 200: StaffDirectory, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      if (!can(staff, 'audit.read') && !can(staff, 'reports.read')) requirePermission(staff, 'audit.read')
      return listStaffDirectory(app.db, scopeDistrict(staff))
    },
  )
}
