// Content sources and explainers in the staff console (issue 12): each source's health, ingest
// now, and explainers to preview. The console imports these types (`import type`).
import { Type, type Static } from '@sinclair/typebox'

import { POLICY_CATEGORIES, VALIDITIES, type Policy } from '../../src/core/content/model'
import { IdString, NO_CONTROL_CHARACTERS, Nullable, StringEnum } from '../schemas'

export const EXPLAINER_PAGE_SIZE_DEFAULT = 10
export const EXPLAINER_PAGE_SIZE_MAX = 50
export const EXPLAINER_SEARCH_MAX = 50
/** A source's name is its URL or file path (server/ingest/sources.ts). */
export const SOURCE_NAME_MAX = 2000

const Time = (description: string) => Nullable(Type.String({ format: 'date-time', description }))

export const ContentSourceView = Type.Object(
  {
    name: Type.String({ description: '内容来源：订阅源的网址（不含账号密码）或文件路径' }),
    kind: Nullable(StringEnum(['url', 'file'] as const, { description: 'url 网址，file 本机文件；不在服务配置中的来源为 null' })),
    configured: Type.Boolean({ description: '是否在服务配置（CONTENT_SOURCES）中；只有配置中的来源可以立即更新' }),
    reading: Type.Boolean({ description: '此刻是否正在读取' }),
    lastSuccessAt: Time('最近一次读取成功的时间；从未成功为 null'),
    lastFailureAt: Time('最近一次读取失败的时间；从未失败为 null'),
    lastError: Nullable(Type.String({ description: '最近一次读取失败的原因；成功后清空' })),
    itemCount: Type.Integer({ description: '来自该来源的现有内容条数（不含已删除的）' }),
    rejectedCount: Type.Integer({ description: '最近一次读取中未载入的条目数' }),
    rejected: Type.Array(Type.String(), { description: '未载入的条目及原因（最多前 50 条），数据库中已有的版本保持不变' }),
  },
  { title: '内容来源' },
)
export type ContentSourceView = Static<typeof ContentSourceView>

export const ContentSourceList = Type.Object(
  { items: Type.Array(ContentSourceView, { description: '服务配置中的来源在前（按配置顺序），其后是内容库中有记录、但已不在配置中的来源' }) },
  { title: '内容来源列表' },
)
export type ContentSourceList = Static<typeof ContentSourceList>

export const IngestNowBody = Type.Object(
  {
    name: Type.String({ title: '内容来源', minLength: 1, maxLength: SOURCE_NAME_MAX, pattern: NO_CONTROL_CHARACTERS, description: '来源的名称，即列表中的 name' }),
  },
  { additionalProperties: false },
)
export type IngestNowBody = Static<typeof IngestNowBody>

export const IngestNowResult = Type.Object(
  {
    outcome: StringEnum(['ingested', 'not_modified', 'failed'] as const, { description: 'ingested 已读取并更新，not_modified 没有变化，failed 读取失败（已有内容保持不变）' }),
    message: Type.String({ description: '这次更新的结果，可以直接给人看的中文' }),
    error: Nullable(Type.String({ description: '读取失败的原因；成功为 null' })),
    total: Type.Integer({ description: '订阅源列出的条目数' }),
    added: Type.Integer({ description: '新增的条数' }),
    updated: Type.Integer({ description: '有改动的条数' }),
    deleted: Type.Integer({ description: '删除的条数（只有完整订阅源会删除）' }),
    unchanged: Type.Integer({ description: '没有变化的条数' }),
    rejectedCount: Type.Integer({ description: '未载入的条数' }),
    source: ContentSourceView,
  },
  { title: '立即更新的结果' },
)
export type IngestNowResult = Static<typeof IngestNowResult>

export const ExplainerQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '标题或文号', maxLength: EXPLAINER_SEARCH_MAX, pattern: NO_CONTROL_CHARACTERS, description: '标题或文号中含有的文字' })),
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: EXPLAINER_PAGE_SIZE_MAX, default: EXPLAINER_PAGE_SIZE_DEFAULT })),
  },
  { additionalProperties: false },
)
export type ExplainerQuery = Static<typeof ExplainerQuery>

export const ExplainerSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  category: StringEnum(POLICY_CATEGORIES),
  documentNumber: Nullable(Type.String({ description: '文号' })),
  publishedDate: Nullable(Type.String({ description: '发布日期，YYYY-MM-DD' })),
  validity: Nullable(StringEnum(VALIDITIES, { description: '效力；来源没有写明为 null' })),
  source: Type.String({ description: '这篇解读来自的内容来源' }),
})
export type ExplainerSummary = Static<typeof ExplainerSummary>

export const ExplainerPage = Type.Object(
  {
    items: Type.Array(ExplainerSummary, { description: '发布日期新的在前' }),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { title: '政策解读列表' },
)
export type ExplainerPage = Static<typeof ExplainerPage>

export const ExplainerParams = Type.Object({ id: IdString('contentItem', '政策解读编号') })

export const ExplainerView = Type.Object(
  {
    id: Type.String(),
    source: Type.String({ description: '这篇解读来自的内容来源' }),
    updatedAt: Type.String({ format: 'date-time', description: '内容库最近一次写入这篇解读的时间' }),
    data: Type.Unsafe<Policy>({
      description:
        '这篇解读，与应用同步到的完全相同（src/core/content/model.ts 的 Policy）：标题、摘要、分类、文号、发文机关、成文/发布/施行日期、效力、原文链接、正文节点树（rich-text 节点）、一问一答、标签、相关解读',
    }),
  },
  { title: '政策解读' },
)
export type ExplainerView = Static<typeof ExplainerView>
