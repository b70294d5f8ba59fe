import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'

import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'

import { isDatabaseUnreachable } from './db/unavailable'
import { ErrorResponse } from './errors.schemas'
import { SECURITY_HEADERS } from './web/security-headers'

export { ErrorResponse }

export type FieldMessages = Record<string, string>

/** An error whose code and message are meant for the client. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldMessages,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/**
 * A 5xx that is an answer, not a failure: the service works but cannot take this now (a quota is
 * full). Its message is for people and is sent as it is; nothing is logged as an error.
 */
export class ServiceBusyError extends AppError {
  constructor(statusCode: number, code: string, message: string) {
    super(statusCode, code, message)
    this.name = 'ServiceBusyError'
  }
}

/** One bad field: its path in the request, its name for people, and what is wrong. */
export interface FieldProblem {
  path: string
  label: string
  message: string
  /** The answer's code when the field has one of its own (a schema's `errorCode`), else validation_failed. */
  code?: string
}

export function validationFailed(problems: FieldProblem[]): AppError {
  const fields: FieldMessages = {}
  const lines: string[] = []
  const seen = new Set<string>()
  const codes = new Set(problems.map((problem) => problem.code ?? 'validation_failed'))
  for (const problem of problems) {
    if (seen.has(problem.path)) continue
    seen.add(problem.path)
    // A problem with the request as a whole (not an object at all) has no field to name.
    if (problem.path !== '') fields[problem.path] = problem.message
    lines.push(problem.message.includes(problem.label) ? problem.message : `${problem.label}：${problem.message}`)
  }
  const message = lines.length > 0 ? lines.join('；') : '提交的内容不符合要求'
  const code = codes.size === 1 ? [...codes][0] : 'validation_failed'
  return new AppError(400, code, message, Object.keys(fields).length > 0 ? fields : undefined)
}

const GENERIC_SERVER_ERROR = '服务暂时不可用，请稍后再试'

/** Seconds a client is asked to wait when the database cannot be reached (a restart or fail-over takes about this long). */
export const DATABASE_RETRY_AFTER_SECONDS = 10
const DATABASE_UNAVAILABLE = '服务暂时无法读取或保存数据，请稍后再试'

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  object: '一组字段',
  array: '列表',
  null: '空值',
}

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮箱地址',
  uri: '网址',
  url: '网址',
  date: '日期（如 2024-05-01）',
  'date-time': '日期时间',
  time: '时间',
  uuid: '编号',
}

type SchemaNode = Record<string, unknown>

function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null
}

function pathOf(instancePath: string, property?: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (property !== undefined) segments.push(property)
  return segments.join('.')
}

function titleOf(schema: unknown): string | undefined {
  return isSchemaNode(schema) && typeof schema.title === 'string' ? schema.title : undefined
}

// A schema may carry its own answer code: { errorCode: 'invalid_cursor' }.
function customCode(schema: unknown): string | undefined {
  return isSchemaNode(schema) && typeof schema.errorCode === 'string' ? schema.errorCode : undefined
}

// Schemas may carry their own wording for a keyword: { errorMessages: { pattern: '…' } }.
function customMessage(schema: unknown, keyword: string): string | undefined {
  if (!isSchemaNode(schema) || !isSchemaNode(schema.errorMessages)) return undefined
  const message = schema.errorMessages[keyword]
  return typeof message === 'string' ? message : undefined
}

function numberParam(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name]
  return typeof value === 'number' ? value : undefined
}

/** AJV's errors (verbose: the failing schema is attached) in plain Chinese, named after each field. */
function problemsFromValidation(errors: FastifySchemaValidationError[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const error of errors) {
    const problem = problemFrom(error)
    if (problem) problems.push(problem)
  }
  return problems
}

function problemFrom(error: FastifySchemaValidationError): FieldProblem | undefined {
  const { keyword, params } = error
  const parentSchema: unknown = (error as { parentSchema?: unknown }).parentSchema

  if (keyword === 'required' || keyword === 'additionalProperties') {
    const property = String(keyword === 'required' ? params.missingProperty : params.additionalProperty)
    const path = pathOf(error.instancePath, property)
    if (keyword === 'additionalProperties') {
      const label = `“${property}”`
      return { path, label, message: `${label}不是可以提交的项，请删除后再提交` }
    }
    const propertySchema = isSchemaNode(parentSchema) && isSchemaNode(parentSchema.properties) ? parentSchema.properties[property] : undefined
    const label = titleOf(propertySchema) ?? property
    const message = customMessage(propertySchema, 'required') ?? customMessage(parentSchema, 'required') ?? `请填写${label}`
    return { path, label, message }
  }
  // A failed if/then or anyOf is explained by the errors of its branches.
  if (keyword === 'if' || keyword === 'anyOf' || keyword === 'oneOf') return undefined

  const path = pathOf(error.instancePath)
  const label = path === '' ? '提交的内容' : (titleOf(parentSchema) ?? path)
  const code = customCode(parentSchema)
  const message = customMessage(parentSchema, keyword) ?? describeKeyword(keyword, params, label)
  return code === undefined ? { path, label, message } : { path, label, message, code }
}

function describeKeyword(keyword: string, params: Record<string, unknown>, label: string): string {
  const limit = numberParam(params, 'limit')
  switch (keyword) {
    case 'type': {
      const expected = String(params.type).split(',')[0]
      return `${label}应为${TYPE_NAMES[expected] ?? expected}`
    }
    case 'minLength':
      return limit === 1 ? `请填写${label}` : `${label}至少要写${limit}个字`
    case 'maxLength':
      return `${label}请不超过${limit}个字`
    case 'enum':
    case 'const':
      return `${label}不在可选的范围内`
    case 'format': {
      const format = String(params.format)
      return `${label}应为有效的${FORMAT_NAMES[format] ?? '格式'}`
    }
    case 'pattern':
      return `${label}的格式不对`
    case 'minimum':
      return `${label}不能小于${limit}`
    case 'exclusiveMinimum':
      return `${label}应大于${limit}`
    case 'maximum':
      return `${label}不能大于${limit}`
    case 'exclusiveMaximum':
      return `${label}应小于${limit}`
    case 'minItems':
      return `${label}至少要有${limit}项`
    case 'maxItems':
      return `${label}最多只能有${limit}项`
    default:
      return `${label}的格式不对`
  }
}

interface KnownFailure {
  statusCode: number
  code: string
  message: string
}

const FASTIFY_FAILURES: Record<string, KnownFailure> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: 'payload_too_large', message: '提交的内容太大了，请精简后再试' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    statusCode: 415,
    code: 'unsupported_media_type',
    message: '不支持这种提交格式，请以 JSON 格式提交（Content-Type: application/json）',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: 'invalid_json', message: '提交的内容不是有效的 JSON，无法读取' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: 'invalid_json', message: '提交的内容是空的' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: 'bad_request', message: '请求的长度与内容不符' },
}

const STATUS_FAILURES: Record<number, Omit<KnownFailure, 'statusCode'>> = {
  400: { code: 'bad_request', message: '请求有误' },
  401: { code: 'unauthorized', message: '请先登录' },
  403: { code: 'forbidden', message: '没有权限进行这个操作' },
  404: { code: 'not_found', message: '找不到要访问的内容' },
  405: { code: 'method_not_allowed', message: '不支持这种请求方式' },
  406: { code: 'not_acceptable', message: '无法按要求的格式返回' },
  409: { code: 'conflict', message: '请求与当前状态冲突，请刷新后再试' },
  413: { code: 'payload_too_large', message: '提交的内容太大了，请精简后再试' },
  415: { code: 'unsupported_media_type', message: '不支持这种提交格式' },
  416: { code: 'range_not_satisfiable', message: '请求的范围无效' },
  422: { code: 'unprocessable', message: '请求无法处理' },
  429: { code: 'too_many_requests', message: '请求太频繁，请稍后再试' },
}

function send(reply: FastifyReply, statusCode: number, body: ErrorResponse): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body)
}

function errorBody(code: string, message: string, fields?: FieldMessages): ErrorResponse {
  return { error: fields ? { code, message, fields } : { code, message } }
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')
}

function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    if (error.statusCode >= 500 && !(error instanceof ServiceBusyError)) {
      request.log.error({ err: error }, 'request failed')
      return send(reply, error.statusCode, errorBody(error.code, GENERIC_SERVER_ERROR))
    }
    return send(reply, error.statusCode, errorBody(error.code, error.message, error.fields))
  }

  if (error.validation) {
    const failure = validationFailed(problemsFromValidation(error.validation))
    return send(reply, 400, errorBody(failure.code, failure.message, failure.fields))
  }

  const known = FASTIFY_FAILURES[error.code]
  if (known) return send(reply, known.statusCode, errorBody(known.code, known.message))

  // Nothing was stored (a request is acknowledged only after its commit): the client may send it again.
  if (isDatabaseUnreachable(error)) {
    request.log.warn({ err: error }, 'request failed: the database cannot be reached')
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
    return send(reply, 503, errorBody('database_unavailable', DATABASE_UNAVAILABLE))
  }

  const statusCode = error.statusCode ?? 500
  if (statusCode >= 400 && statusCode < 500) {
    const byStatus = STATUS_FAILURES[statusCode] ?? { code: 'bad_request', message: '请求有误' }
    request.log.debug({ code: error.code, statusCode }, 'request rejected')
    return send(reply, statusCode, errorBody(byStatus.code, byStatus.message))
  }

  request.log.error({ err: error }, 'request failed')
  const code = statusCode === 503 ? 'unavailable' : 'internal_error'
  return send(reply, statusCode >= 500 && statusCode < 600 ? statusCode : 500, errorBody(code, GENERIC_SERVER_ERROR))
}

/** One error shape for every failure, and 404s: JSON under /api, a plain page elsewhere. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(handleError)
  app.setNotFoundHandler((request, reply) => {
    if (isApiPath(request.url)) {
      return send(reply, 404, errorBody('not_found', '没有这个接口，请检查地址'))
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('页面不存在')
  })
}

// Requests Node's HTTP parser refuses before Fastify sees them (llhttp's codes), in words.
const CLIENT_FAILURES: Record<string, KnownFailure> = {
  HPE_INVALID_CONTENT_LENGTH: { statusCode: 400, code: 'bad_request', message: '请求头 Content-Length 无效' },
  HPE_UNEXPECTED_CONTENT_LENGTH: { statusCode: 400, code: 'bad_request', message: '请求头 Content-Length 和 Transfer-Encoding 不能同时使用' },
  HPE_INVALID_TRANSFER_ENCODING: { statusCode: 400, code: 'bad_request', message: '请求头 Transfer-Encoding 无效' },
  HPE_INVALID_CHUNK_SIZE: { statusCode: 400, code: 'bad_request', message: '分块传输的格式不对' },
  HPE_HEADER_OVERFLOW: { statusCode: 431, code: 'headers_too_large', message: '请求头太大了' },
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, code: 'request_timeout', message: '请求发送超时，请重试' },
}
const CLIENT_FAILURE: KnownFailure = { statusCode: 400, code: 'bad_request', message: '请求的格式不对，无法处理' }

/** A whole HTTP/1.1 answer in the error shape, with the security headers, for a bare socket. */
function rawAnswer({ statusCode, code, message }: KnownFailure): string {
  const body = JSON.stringify(errorBody(code, message))
  const head = [
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}`),
  ]
  return `${head.join('\r\n')}\r\n\r\n${body}`
}

/**
 * Fastify's `clientErrorHandler`: a request the HTTP parser refused (bad Content-Length,
 * Transfer-Encoding beside Content-Length, headers too large, too slow) gets the error shape, not
 * Fastify's own body. Like Node, it never writes into an answer already under way on the socket.
 */
export function answerClientError(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  this.log.debug({ code: error.code }, 'client error')
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy()
    return
  }
  socket.end(rawAnswer(CLIENT_FAILURES[error.code] ?? CLIENT_FAILURE))
}

/**
 * Fastify's `frameworkErrors`: a URL whose percent-encoding is not UTF-8 is answered before routing
 * and before any hook (hence the headers set here), and never echoed.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of SECURITY_HEADERS) reply.header(name, value)
  if (error.code === 'FST_ERR_BAD_URL') {
    void send(reply, 400, errorBody('bad_url', '网址中有无法识别的字符，请检查网址是否完整'))
    return
  }
  request.log.error({ err: error }, 'request failed')
  void send(reply, 500, errorBody('internal_error', GENERIC_SERVER_ERROR))
}
