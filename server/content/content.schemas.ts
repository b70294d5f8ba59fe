import { Type } from '@sinclair/typebox'

import { CONTENT_SCHEMA, CONTENT_TYPES } from '../../src/core/content/model'
import { IdString, StringEnum } from '../schemas'

export const DEFAULT_PAGE_SIZE = 200
export const MAX_PAGE_SIZE = 500
export const INVALID_CURSOR = '同步位置无法识别，请从头重新同步内容'

export const ChangesQuery = Type.Object(
  {
    since: Type.Optional(
      IdString('cursor', '同步位置', { description: '上一页返回的 cursor；不填则从头开始', errorCode: 'invalid_cursor', errorMessages: { pattern: INVALID_CURSOR } }),
    ),
    limit: Type.Optional(
      Type.Integer({ title: '每页条数', description: `1 到 ${MAX_PAGE_SIZE}，默认 ${DEFAULT_PAGE_SIZE}`, minimum: 1, maximum: MAX_PAGE_SIZE }),
    ),
  },
  // Other query parameters (cache busters some HTTP wrappers add) are ignored, not refused.
  { additionalProperties: true },
)

/** Documented, but read by the route itself. */
export const ChangesHeaders = Type.Object({
  'If-None-Match': Type.Optional(Type.String({ description: '上一次这个请求返回的 ETag；没有新内容时返回 304，不带正文' })),
})

/** 304 has no body. */
export const NotModified = Type.Null({ description: '没有新内容（If-None-Match 与当前 ETag 相同），不带正文' })

/**
 * The page as documented for clients. The service writes it as text (each item's `data` is
 * stored already serialised from the checked model shape, which holds only the model's fields),
 * so this schema documents the answer rather than filtering it.
 */
export const ChangesPage = Type.Object(
  {
    epoch: Type.String({ description: '数据库的纪元；与游标中的不同时需要重新同步' }),
    schema: Type.Integer({ description: `内容结构的版本（目前为 ${CONTENT_SCHEMA}）` }),
    minClientSchema: Type.Integer({ description: '低于此版本的应用只能只读地使用已有内容，并提示更新' }),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        type: StringEnum(CONTENT_TYPES),
        seq: Type.Integer(),
        deleted: Type.Boolean(),
        data: Type.Optional(
          Type.Unknown({
            description:
              '这条内容，按 type：policy 政策解读（标题、摘要、分类、文号、发文机关、成文/发布/施行日期、效力、原文链接、正文节点树、一问一答、标签、相关解读）；' +
              'quiz_question 练习题（题型、题干、选项、答案、解析、依据的法律条款、难度、分类；竞赛题不会出现在这里）；calendar 某一年的放假和调休上班日期及其通知；' +
              'site 站点设置（城市、人社局名称、服务热线、区县及其劳动人事争议仲裁院、隐私政策）；glossary 搜索用的常用说法。各字段的定义在 src/core/content/model.ts。已删除时没有',
          }),
        ),
      }),
    ),
    cursor: Type.String({ description: '下一次请求的 since' }),
    hasMore: Type.Boolean(),
  },
  { title: '内容变更' },
)
