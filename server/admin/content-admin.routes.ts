import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { readSourceStates, type SourceState } from '../content/content.repository'
import { AppError, ErrorResponse } from '../errors'
import type { IngestReport } from '../ingest/ingest'
import { SourceBusy } from '../ingest/poller'
import type { ContentSource } from '../ingest/sources'
import { appendAudit } from './audit.repository'
import { findExplainer, searchExplainers } from './content-admin.repository'
import {
  ContentSourceList,
  ContentSourceView,
  EXPLAINER_PAGE_SIZE_DEFAULT,
  ExplainerPage,
  ExplainerParams,
  ExplainerQuery,
  ExplainerView,
  IngestNowBody,
  IngestNowResult,
} from './content-admin.schemas'
import { requirePermission } from './permissions'
import { staffOf } from './staff-auth'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }

const isoOrNull = (time: number | null) => (time === null ? null : new Date(time).toISOString())

/** What the console shows of an ingest, in one sentence. */
export function ingestMessage(report: IngestReport): string {
  if (report.outcome === 'failed') return `更新失败：${report.error ?? '原因不明'}。已有的内容保持不变。`
  if (report.outcome === 'not_modified') return '订阅源没有变化，内容保持不变。'
  const rejected = report.rejected.length > 0 ? `，${report.rejected.length} 条未载入（原因见“未载入”）` : ''
  return `已更新：共 ${report.total} 条，新增 ${report.added} 条，修改 ${report.updated} 条，删除 ${report.deleted} 条，未变 ${report.unchanged} 条${rejected}。`
}

/** Content sources and explainers for the organisers (content.manage): health, ingest now, preview. */
export const contentAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const configured = (): readonly ContentSource[] => app.config.contentSources

  const viewOf = (name: string, state: SourceState | undefined): ContentSourceView => {
    const source = configured().find((candidate) => candidate.name === name)
    return {
      name,
      kind: source?.kind ?? null,
      configured: source !== undefined,
      reading: app.contentPoller.isReading(name),
      lastSuccessAt: isoOrNull(state?.lastSuccessAt ?? null),
      lastFailureAt: isoOrNull(state?.lastFailureAt ?? null),
      lastError: state?.lastError ?? null,
      itemCount: state?.itemCount ?? 0,
      rejectedCount: state?.rejectedCount ?? 0,
      rejected: state?.rejectedReasons ?? [],
    }
  }

  const sourceViews = async (): Promise<ContentSourceView[]> => {
    const states = await readSourceStates(app.db)
    const stateOf = new Map(states.map((state) => [state.name, state]))
    const names = [...configured().map((source) => source.name), ...states.map((state) => state.name).filter((name) => !configured().some((source) => source.name === name))]
    return names.map((name) => viewOf(name, stateOf.get(name)))
  }

  app.get(
    '/content-sources',
    { schema: { summary: '内容来源及其读取情况（竞赛和内容管理员、监察督导）', response: { 200: ContentSourceList, ...ERRORS } } },
    async (request) => {
      requirePermission(staffOf(request), 'content.manage')
      return { items: await sourceViews() }
    },
  )

  app.post(
    '/content-sources/ingest',
    {
      schema: {
        summary: '立即更新一个内容来源：完整读取一次订阅源（同一来源同时只读取一次；记入审计日志）',
        body: IngestNowBody,
        response: { 200: IngestNowResult, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      requirePermission(staff, 'content.manage')
      const source = app.contentPoller.source(request.body.name)
      if (!source) throw new AppError(404, 'source_not_found', '没有这个内容来源：只能更新服务配置（CONTENT_SOURCES）中的来源')
      let report: IngestReport
      try {
        report = await app.contentPoller.ingestNow(source)
      } catch (error) {
        if (error instanceof SourceBusy) throw new AppError(409, 'source_busy', '这个内容来源正在读取，请等这次读取结束后再试')
        throw error
      }
      request.log.info(
        { source: source.name, outcome: report.outcome, reason: report.error, added: report.added, updated: report.updated, deleted: report.deleted, rejected: report.rejected.length },
        'content source read on request',
      )
      await appendAudit(app.db, {
        staffId: staff.id,
        action: 'content_ingest',
        tipId: null,
        detail: { source: source.name, outcome: report.outcome, added: report.added, updated: report.updated, deleted: report.deleted, rejected: report.rejected.length },
        at: Date.now(),
      })
      const state = (await readSourceStates(app.db)).find((candidate) => candidate.name === source.name)
      return {
        outcome: report.outcome,
        message: ingestMessage(report),
        error: report.error ?? null,
        total: report.total,
        added: report.added,
        updated: report.updated,
        deleted: report.deleted,
        unchanged: report.unchanged,
        rejectedCount: report.rejected.length,
        source: viewOf(source.name, state),
      }
    },
  )

  app.get(
    '/explainers',
    { schema: { summary: '查找政策解读（按标题或文号，分页），供预览', querystring: ExplainerQuery, response: { 200: ExplainerPage, ...ERRORS } } },
    async (request) => {
      requirePermission(staffOf(request), 'content.manage')
      const page = request.query.page ?? 1
      const pageSize = request.query.pageSize ?? EXPLAINER_PAGE_SIZE_DEFAULT
      const { items, total } = await searchExplainers(app.db, request.query.q, (page - 1) * pageSize, pageSize)
      return { items, total, page, pageSize }
    },
  )

  app.get(
    '/explainers/:id',
    { schema: { summary: '一篇政策解读，与应用同步到的完全相同，供预览', params: ExplainerParams, response: { 200: ExplainerView, ...ERRORS } } },
    async (request) => {
      requirePermission(staffOf(request), 'content.manage')
      const explainer = await findExplainer(app.db, request.params.id)
      if (!explainer) throw new AppError(404, 'explainer_not_found', '没有这篇政策解读，或者它已经下线')
      return { id: explainer.id, source: explainer.source, updatedAt: new Date(explainer.updatedAt).toISOString(), data: explainer.data }
    },
  )
}
