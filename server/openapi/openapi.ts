import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger'
import type { TSchema } from '@sinclair/typebox'
import type { FastifySchema } from 'fastify'
import type { OpenAPIV3 } from 'openapi-types'

import { version } from '../../package.json'
import { SESSION_IDLE_DAYS } from '../../src/core/wechat-session'
import { describeRateRule, RATE_RULES } from '../rate-limit'

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Parts of the request the API document describes but the handler judges: its answers name
     * each problem in Chinese (the product's words), so AJV must not refuse the request first.
     */
    judgedByHandler?: { body?: TSchema; headers?: TSchema }
  }
}

type SecurityRequirement = Record<string, string[]>

const MINUTE_MS = 60 * 1000

/** Either of the staff's two ways in: a token for machines, the console's session cookie for people. */
const STAFF_SECURITY: SecurityRequirement[] = [{ staffToken: [] }, { pufa_staff: [] }]

const SECURITY_SCHEMES: Record<string, OpenAPIV3.SecuritySchemeObject> = {
  staffToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      '工作人员令牌，供其他系统调用：由管理员用 `npx pufa staff create --name 名称 (--district 区县代码 | --city)` 生成，只显示一次，服务只保存其摘要。' +
      '放在 `Authorization: Bearer <令牌>` 请求头中。区县令牌只能看本区县的反映。令牌无效时返回 401；' +
      `同一地址每 ${RATE_RULES.staffLogins.windowMs / MINUTE_MS} 分钟内失败超过 ${RATE_RULES.staffLogins.limit} 次后返回 429（带 Retry-After）。` +
      describeRateRule(RATE_RULES.staff),
  },
  pufa_staff: {
    type: 'apiKey',
    in: 'cookie',
    name: 'pufa_staff',
    description:
      '工作人员在控制台（/console/）用密码和动态验证码登录后得到的会话 Cookie（HttpOnly、SameSite=Strict，经 HTTPS 时带 Secure）。' +
      '30 分钟不操作或登录满 8 小时后失效。带这个 Cookie 的修改类请求（POST、PUT、PATCH、DELETE）必须带与本服务同源的 Origin 请求头，否则返回 403 csrf_refused。',
  },
  participantToken: {
    type: 'http',
    scheme: 'bearer',
    description: '竞赛参赛令牌：登记参赛（POST /api/v1/quiz/participants）时返回，放在 `Authorization: Bearer <参赛令牌>` 请求头中。不需要登录。',
  },
  wechatSession: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Pufa-Session',
    description:
      '微信小程序的会话令牌：小程序启动时用 wx.login 的 code 调用 POST /api/v1/wechat/session 得到。服务只保存令牌的摘要和 openid 的加密摘要。' +
      `连续 ${SESSION_IDLE_DAYS} 天不用后失效；失效或无效的令牌在任何接口都返回 401 wechat_session_expired，小程序重新登录后重发。网页版（H5）没有会话。`,
  },
}

interface Feature {
  tag: OpenAPIV3.TagObject
  /** Paths of the feature: each matches itself and what lies below it (`/…`) or beside it (`.csv`). */
  paths: string[]
  /** For every route of the feature that does not say otherwise. */
  security?: SecurityRequirement[]
}

/**
 * The document's sections, by path. One table here rather than a tag in every route, so that a
 * route another module adds under a known path lands in the right section with the right security,
 * and a route under a new path has no section (the document's test then fails).
 */
const FEATURES: Feature[] = [
  { tag: { name: '欠薪线索反映', description: '劳动者反映欠薪（投诉或举报）、上传证据照片、查询办理进度、与工作人员留言、评价办理' }, paths: ['/api/v1/tips', '/api/v1/uploads'] },
  { tag: { name: '法治知识竞赛', description: '全市竞赛：登记参赛、服务器抽题和计时、交卷后公布答案、各区县参与情况' }, paths: ['/api/v1/quiz'] },
  { tag: { name: '内容同步', description: '政策解读、练习题、节假日安排、站点设置和常用说法，由人社局的内容管理系统发布，应用增量同步后离线使用' }, paths: ['/api/v1/content', '/api/v1/site'] },
  { tag: { name: '微信', description: '微信小程序的功能：订阅办理进度提醒（订阅消息）；没有设置 WECHAT_APPID 时不提供' }, paths: ['/api/v1/wechat'] },
  { tag: { name: '投诉建议', description: '意见建议、投诉和题目纠错' }, paths: ['/api/v1/feedback'] },
  {
    tag: { name: '微信小程序', description: '用微信登录（只保存 openid 的加密摘要）、同一微信在任何手机上的“我的反映”、取微信绑定的手机号填表' },
    paths: ['/api/v1/wechat'],
    security: [{ wechatSession: [] }],
  },
  { tag: { name: '使用统计', description: '政策解读阅读次数和练习答题数的匿名合计，不含任何个人或设备信息' }, paths: ['/api/v1/counters'] },
  { tag: { name: '个人信息保护', description: '隐私政策中写明的保存期限' }, paths: ['/api/v1/privacy-terms'] },
  { tag: { name: '服务状态', description: '供监控使用' }, paths: ['/api/v1/health'] },
  { tag: { name: '接口文档', description: '本文档' }, paths: ['/api/v1/openapi.json'] },
  { tag: { name: '工作人员：登录', description: '工作人员控制台的登录、退出和账号启用' }, paths: ['/api/v1/staff'] },
  {
    tag: { name: '工作人员：反映办理', description: '按角色和所辖区县查看、办理和导出反映；查看个人信息和每一次修改都记入审计日志' },
    paths: ['/api/v1/admin'],
    security: STAFF_SECURITY,
  },
  { tag: { name: '工作人员：审计日志', description: '谁在什么时候看了或改了什么' }, paths: ['/api/v1/admin/audit'], security: STAFF_SECURITY },
  { tag: { name: '工作人员：竞赛管理', description: '创建和修改全市竞赛、提前结束、抽题预览、各区县实时参与情况、积分榜昵称管理和导出' }, paths: ['/api/v1/admin/contests'], security: STAFF_SECURITY },
  { tag: { name: '工作人员：题库', description: '竞赛题和练习题的查找、答对率和纠错条数' }, paths: ['/api/v1/admin/question-bank'], security: STAFF_SECURITY },
  { tag: { name: '工作人员：投诉建议和纠错', description: '处理用户提交的意见建议、投诉和题目纠错；联系电话只对有权限的角色显示' }, paths: ['/api/v1/admin/feedback'], security: STAFF_SECURITY },
  {
    tag: { name: '工作人员：内容来源', description: '内容来源的读取情况、立即更新，和政策解读的预览' },
    paths: ['/api/v1/admin/content-sources', '/api/v1/admin/explainers'],
    security: STAFF_SECURITY,
  },
  { tag: { name: '工作人员：年度数据', description: '年度报告用的统计数据（全市或一个区县），可导出 xlsx' }, paths: ['/api/v1/admin/figures'], security: STAFF_SECURITY },
  { tag: { name: '网页版（H5）', description: '与接口同一地址提供的 H5 应用' }, paths: ['/', '/index.html', '/sw.js'] },
  { tag: { name: '工作人员控制台', description: '与接口同一地址提供的工作人员控制台（网页）' }, paths: ['/console'] },
]

function covers(path: string, url: string): boolean {
  return url === path || (path !== '/' && (url.startsWith(`${path}/`) || url.startsWith(`${path}.`)))
}

/** The feature of a route: the one with the longest path that covers it. */
function featureOf(url: string): Feature | undefined {
  let best: { feature: Feature; length: number } | undefined
  for (const feature of FEATURES) {
    for (const path of feature.paths) {
      if (covers(path, url) && path.length > (best?.length ?? -1)) best = { feature, length: path.length }
    }
  }
  return best?.feature
}

const API_DESCRIPTION = `人社局“法治人社”普法小程序（微信小程序和 H5）背后的服务接口，也供局内其他系统对接。

**约定**
- 接口都在 \`/api/v1\` 下，请求和回答都是 JSON（UTF-8），上传照片除外（multipart/form-data）。
- 时间是 ISO 8601 格式的 UTC 时间（如 \`2026-12-01T01:30:00.000Z\`）；日期是中国日期 \`YYYY-MM-DD\`；期限按国务院公布的节假日安排计算工作日，安排尚未公布的年份是估算，标为 \`covered: false\`。
- JSON 请求正文中不认识的字段会被拒绝，不会被悄悄忽略。
- 本文档的 JSON 在 \`/api/v1/openapi.json\`，可导入其他工具。

**出错时**一律回答 \`{ "error": { "code": "…", "message": "…", "fields": { "字段路径": "说明" } } }\`：\`code\` 供程序判断，\`message\` 是可以直接给人看的中文，\`fields\` 只在校验不通过时出现，按字段路径（如 \`reporter.mobile\`）逐项说明。
状态码：400 内容不符合要求，401 未登录或令牌无效，403 没有权限，404 找不到，409 与当前状态冲突，410 需要重新同步，413 内容太大，415 格式不支持，422 内容无误但无法处理（如幂等键已用于不同的内容、答题太快），423 工作人员账号因多次登录失败暂时锁定，429 太频繁（带 \`Retry-After\`），503 暂时不可用（数据库无法访问时错误代码为 \`database_unavailable\`，带 \`Retry-After\`，可稍后原样重发）。错误回答中不会出现堆栈、SQL 或个人信息。

**个人信息**：反映人的姓名、电话、证件号码，工作人员与反映人的留言，和意见反馈的联系电话加密保存，公开接口从不返回；工作人员接口在列表中遮蔽，查看详情记入审计日志。`

/** Chinese descriptions for the responses a route gives no words of its own. */
const RESPONSE_WORDS: Record<string, string> = {
  200: '成功',
  201: '已创建',
  204: '成功，没有正文',
  304: '没有变化，不带正文',
  '4XX': '请求没有被接受：error.code 说明原因，error.message 是给人看的中文说明',
  '5XX': '服务暂时不可用，请稍后再试',
}

// The keywords of an OpenAPI 3.0 Schema Object; AJV's own (errorMessages, our Chinese wording) are not among them.
const SCHEMA_KEYWORDS = new Set([
  'title', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'enum', 'type', 'allOf', 'oneOf', 'anyOf',
  'not', 'items', 'properties', 'additionalProperties', 'description', 'format', 'default', 'nullable', 'discriminator',
  'readOnly', 'writeOnly', 'xml', 'externalDocs', 'example', 'deprecated', '$ref',
])

type Json = Record<string, unknown>

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Drops what an OpenAPI 3.0 schema may not hold, all the way down. */
function cleanSchema(schema: unknown): void {
  if (!isJson(schema)) return
  // JSON Schema's `examples` (which AJV knows) is OpenAPI 3.0's `example`.
  if (Array.isArray(schema.examples) && schema.example === undefined) schema.example = schema.examples[0]
  for (const key of Object.keys(schema)) {
    if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) delete schema[key]
  }
  if (isJson(schema.properties)) Object.values(schema.properties).forEach(cleanSchema)
  for (const key of ['items', 'additionalProperties', 'not']) cleanSchema(schema[key])
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const members = schema[key]
    if (Array.isArray(members)) members.forEach(cleanSchema)
  }
}

function cleanContent(content: unknown): void {
  if (isJson(content)) Object.values(content).forEach((media) => cleanSchema(isJson(media) ? media.schema : undefined))
}

function finishOperation(operation: OpenAPIV3.OperationObject): void {
  operation.parameters?.forEach((parameter) => cleanSchema('schema' in parameter ? parameter.schema : undefined))
  if (operation.requestBody && 'content' in operation.requestBody) cleanContent(operation.requestBody.content)
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!('description' in response)) continue
    cleanContent(response.content)
    if (response.description !== 'Default Response') continue
    const schema = Object.values(response.content ?? {})[0]?.schema
    // A success is named after what it holds; an error's one shape needs no name.
    const title = status.startsWith('2') && schema && 'title' in schema ? schema.title : undefined
    const words = RESPONSE_WORDS[status] ?? '回答'
    response.description = title ? `${words}：${title}` : words
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/**
 * @fastify/swagger's options: the document of every route registered after it (it must come
 * before the routes), in Chinese, with each route's section and security from FEATURES.
 */
export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: { title: '法治人社 服务接口', version, description: API_DESCRIPTION },
    servers: [{ url: '/', description: '本服务（与本文档同一地址）' }],
    tags: FEATURES.map((feature) => feature.tag),
    components: { securitySchemes: SECURITY_SCHEMES },
  },
  transform: ({ schema, url }) => {
    const { judgedByHandler, ...own }: FastifySchema = schema ?? {}
    const feature = featureOf(url)
    return {
      url,
      schema: {
        ...own,
        ...judgedByHandler,
        tags: own.tags ?? (feature ? [feature.tag.name] : undefined),
        security: own.security ?? feature?.security,
      },
    }
  },
  transformObject: (documentObject) => {
    if (!('openapiObject' in documentObject)) throw new Error('the API document is OpenAPI 3 (the openapi option), never Swagger 2')
    const document = documentObject.openapiObject as OpenAPIV3.Document
    Object.values(document.components?.schemas ?? {}).forEach(cleanSchema)
    const sections = new Set<string>()
    for (const item of Object.values(document.paths)) {
      for (const method of METHODS) {
        const operation = item?.[method]
        if (!operation) continue
        finishOperation(operation)
        operation.tags?.forEach((tag) => sections.add(tag))
      }
    }
    // A section whose routes this build does not have would show as an empty heading.
    document.tags = document.tags?.filter((tag) => sections.has(tag.name))
    return document
  },
}
