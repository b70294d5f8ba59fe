// The annual report's figures for supervisors (the city, or one district) and inspectors (their
// own district). Only counts and sums, nothing about a person: reading them is not audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'

import { checkFiguresPeriod, percentOf } from '../../src/core/staff/figures'
import { CLOSE_METHOD_NAMES, CLOSE_METHODS } from '../../src/core/tips/outcome'
import { TIP_RATING_NAMES, TIP_RATINGS } from '../../src/core/tips/rating'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { readSite } from '../content/content.repository'
import { computeFigures } from './figures'
import { Figures, FiguresExportQuery, FiguresQuery } from './figures.schemas'
import { requirePermission } from './permissions'
import { xlsxWorkbook, XLSX_MEDIA_TYPE, type Sheet } from './spreadsheet'
import { scopeDistrict, staffOf } from './staff-auth'
import type { Staff } from './staff.repository'
import { ExportFile } from './workspace.schemas'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

/** The district the figures are for: an inspector's own (another answers 403), or the one a supervisor picked. */
async function districtOf(db: Kysely<Database>, staff: Staff, query: FiguresQuery): Promise<string | undefined> {
  requirePermission(staff, 'figures.read')
  const own = scopeDistrict(staff)
  if (own !== undefined && query.district !== undefined && query.district !== own) {
    throw new AppError(403, 'forbidden', `您只能查看本区县（${own}）的数据`)
  }
  const problem = checkFiguresPeriod(query.from, query.to)
  if (problem) throw validationFailed([{ path: problem.path, label: problem.path === 'from' ? '开始日期' : '结束日期', message: problem.message }])
  if (own !== undefined) return own
  if (query.district !== undefined) {
    const codes = new Set(((await readSite(db))?.districts ?? []).map((item) => item.code))
    if (codes.size > 0 && !codes.has(query.district)) {
      throw validationFailed([{ path: 'district', label: '区县代码', message: `区县代码 ${query.district} 不是本市的区县` }])
    }
  }
  return query.district
}

const number = (value: number | null, digits = 1): number | null => (value === null ? null : Number(value.toFixed(digits)))

/** The figures as sheets of a workbook, one per table, with the same headings as the page. */
export function figureSheets(figures: Figures): Sheet[] {
  const { reports, outcomes, ratings, contest } = figures
  return [
    {
      name: '反映受理',
      header: ['区县', '投诉', '举报', '合计', '受理期限已结束的投诉', '按期作出受理决定', '受理及时率', '本期办结', '办结用时中位数（工作日）'],
      rows: [...reports.districts, reports.total].map((row) => [
        row.name,
        row.complaints,
        row.tips,
        row.received,
        row.acceptanceDue,
        row.acceptedInTime,
        percentOf(row.acceptedInTimeShare),
        row.closed,
        number(row.medianWorkingDaysToClose),
      ]),
    },
    {
      name: '办理结果',
      header: ['区县', '本期办结', ...CLOSE_METHODS.map((method) => CLOSE_METHOD_NAMES[method]), '追回欠薪（元）', '拿到欠薪的劳动者（人）'],
      rows: [...outcomes.districts, outcomes.total].map((row) => [row.name, row.closed, ...row.methods.map((item) => item.count), row.recoveredFen / 100, row.workersPaid]),
    },
    {
      name: '满意度',
      header: ['区县', ...TIP_RATINGS.map((rating) => TIP_RATING_NAMES[rating]), '评价总数', '满意率'],
      rows: [...ratings.districts, ratings.total].map((row) => [row.name, ...row.ratings.map((item) => item.count), row.total, percentOf(row.satisfiedShare)]),
    },
    {
      name: '知识竞赛',
      header: ['区县', '参赛人数', '常住人口', '每万人参赛人数'],
      rows: [...contest.districts, contest.total].map((row) => [row.name, row.participants, row.population, number(row.per10000, 2)]),
    },
    { name: '政策解读阅读', header: ['类别', '阅读次数（全市）'], rows: figures.explainerReads.map((row) => [row.category, row.reads]) },
    {
      name: '练习答题',
      header: ['类别', '答题次数（全市）', '答对次数', '答对比例'],
      rows: figures.practice.map((row) => [row.category, row.answered, row.right, percentOf(row.rightShare)]),
    },
    { name: '说明', header: ['统计口径'], rows: [[`${figures.bureauName} ${figures.districtName} ${figures.from} 至 ${figures.to}`], [figures.headline], ...figures.definitions.map((text) => [text])] },
  ]
}

export const figuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/figures',
    {
      schema: {
        summary: '年度数据：一段期间内反映受理和办理、追回欠薪、满意度、竞赛参与和普法学习情况（全市或一个区县）',
        description: '督导可看全市或任一区县；监察员只能看本区县。只有数量和合计，不含个人信息。期间最长3年。',
        querystring: FiguresQuery,
        response: { 200: Figures, ...ERRORS },
      },
    },
    async (request) => {
      const district = await districtOf(app.db, staffOf(request), request.query)
      return computeFigures(app.db, { from: request.query.from, to: request.query.to, district, now: Date.now() })
    },
  )

  app.get(
    '/figures/export',
    {
      schema: {
        summary: '导出年度数据（xlsx，每张表一页）',
        querystring: FiguresExportQuery,
        response: { 200: ExportFile, ...ERRORS },
      },
    },
    async (request, reply) => {
      const district = await districtOf(app.db, staffOf(request), request.query)
      const figures = await computeFigures(app.db, { from: request.query.from, to: request.query.to, district, now: Date.now() })
      const name = `figures-${figures.from.replace(/-/g, '')}-${figures.to.replace(/-/g, '')}${district === undefined ? '' : `-${district}`}.xlsx`
      reply.header('content-disposition', `attachment; filename="${name}"`)
      return reply.type(XLSX_MEDIA_TYPE).send(await xlsxWorkbook(figureSheets(figures)))
    },
  )
}
