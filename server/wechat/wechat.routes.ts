// The mini-program's WeChat identity: sign in with a wx.login code, list the reports sent from this
// WeChat on any phone, and fill the complaint form's phone from WeChat (never stored).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'

import { messagesSummaryOf } from '../conversation/reporter-conversation.routes'
import { AppError, ErrorResponse } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { listReportsOf } from '../tips/tips.repository'
import { weChatUnavailable } from './wechat-answers'
import { WECHAT_ERRCODES, WeChatError, WeChatUnavailable, type WeChatApi } from './wechat-api'
import { requireWeChatUser, startWeChatSession } from './wechat-session'
import { WeChatPhone, WeChatPhoneBody, WeChatReportList, WeChatSessionBody, WeChatSessionCreated, type WeChatReport } from './wechat.schemas'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
/** The session from POST /wechat/session, as the X-Pufa-Session header (the document's security scheme). */
const SESSION = [{ wechatSession: [] }]

const isoOf = (epochMs: number) => new Date(epochMs).toISOString()

const notConfigured = () =>
  new AppError(404, 'wechat_not_configured', '本服务没有开通微信小程序功能（未设置 WECHAT_APPID 和 WECHAT_SECRET），请在网页版中使用查询码')

const isBadCode = (error: unknown) =>
  error instanceof WeChatError && (error.errcode === WECHAT_ERRCODES.invalidCode || error.errcode === WECHAT_ERRCODES.codeUsed)

export const wechatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const wechat = app.weChatApi
  const lookupLimit = app.limits.guard('lookups')

  /** The client, or 404 when this service has no mini-program. */
  const client = (): WeChatApi => {
    if (wechat === undefined) throw notConfigured()
    return wechat
  }

  /** Runs a WeChat call; what WeChat could not answer is 503 with Retry-After, a used or wrong code is `badCode`. */
  async function ask<T>(reply: FastifyReply, call: () => Promise<T>, badCode: () => AppError): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (isBadCode(error)) throw badCode()
      if (error instanceof WeChatUnavailable) throw weChatUnavailable(reply)
      // Any other refusal (wrong AppSecret, an appid WeChat does not know) is the bureau's set-up, not the user's.
      if (error instanceof WeChatError) {
        app.log.error({ wechat: { call: error.call, errcode: error.errcode } }, 'WeChat refused the service: check WECHAT_APPID and WECHAT_SECRET')
        throw weChatUnavailable(reply)
      }
      throw error
    }
  }

  app.post(
    '/wechat/session',
    {
      onRequest: app.limits.guard('wechatSessions'),
      schema: {
        summary: '用微信登录（小程序启动时，用 wx.login 的 code 换会话令牌）',
        description:
          '服务用 code 向微信换取用户的 openid，只保存它的加密摘要（PUFA_HASH_KEY），不保存也不返回 openid、session_key 或任何其他微信资料。' +
          '返回的会话令牌放在 X-Pufa-Session 请求头中，随提交反映、登记参赛和“我的反映”发送。code 已用过或无效时返回 401 wechat_code_invalid（重新 wx.login）；' +
          `微信暂时无法访问时返回 503 wechat_unavailable（带 Retry-After）；本服务没有设置小程序时返回 404 wechat_not_configured。${describeRateRule(RATE_RULES.wechatSessions)}`,
        security: [],
        body: WeChatSessionBody,
        response: { 201: WeChatSessionCreated, ...ERRORS },
      },
    },
    async (request, reply) => {
      const api = client()
      const { openid } = await ask(reply, () => api.code2Session(request.body.code), () => new AppError(401, 'wechat_code_invalid', '微信登录凭证已失效，请重新打开小程序'))
      const sessionToken = await startWeChatSession(app, openid, Date.now())
      return reply.code(201).send({ sessionToken })
    },
  )

  app.get(
    '/wechat/reports',
    {
      onRequest: lookupLimit,
      schema: {
        summary: '我的反映：这个微信提交过的反映（任何一部手机）',
        description:
          '列出带同一微信的 X-Pufa-Session 提交的反映，最新的在前，最多 200 份，附办理状态、留言概况，以及上次查看之后是否有变化（用会话打开 GET /api/v1/tips/{code} 即算查看过）。' +
          `没有会话或会话已失效时返回 401 wechat_session_expired。与查询进度合计：${describeRateRule(RATE_RULES.lookups)}`,
        security: SESSION,
        response: { 200: WeChatReportList, ...ERRORS },
      },
    },
    async (request, reply) => {
      client()
      const userId = requireWeChatUser(request)
      reply.header('cache-control', 'no-store')
      const reports = await listReportsOf(app.db, userId)
      const items = await Promise.all(
        reports.map(async (report): Promise<WeChatReport> => {
          const messages = await messagesSummaryOf(app.db, report.id)
          const staffAt = messages.latestStaffAt === null ? null : Date.parse(messages.latestStaffAt)
          const lastChangeAt = Math.max(report.createdAt, report.lastStatusAt ?? 0, staffAt ?? 0)
          return {
            trackingCode: report.trackingCode,
            kind: report.kind === 'tip' ? 'tip' : 'complaint',
            status: report.status as WeChatReport['status'],
            submittedAt: isoOf(report.createdAt),
            lastChangeAt: isoOf(lastChangeAt),
            changed: lastChangeAt > report.seenAt,
            messages,
          }
        }),
      )
      return { items }
    },
  )

  app.post(
    '/wechat/phone-number',
    {
      onRequest: app.limits.guard('phoneNumbers'),
      schema: {
        summary: '取微信绑定的手机号，填入投诉表单（选用）',
        description:
          '用户点“使用微信绑定的手机号”（getPhoneNumber）后，用得到的 code 向微信换取手机号并返回；服务不保存、不记录这个号码。' +
          'code 已用过或无效时返回 400 wechat_code_invalid；没有会话时返回 401 wechat_session_expired；微信暂时无法访问时返回 503 wechat_unavailable（带 Retry-After）。' +
          describeRateRule(RATE_RULES.phoneNumbers),
        security: SESSION,
        body: WeChatPhoneBody,
        response: { 200: WeChatPhone, ...ERRORS },
      },
    },
    async (request, reply) => {
      const api = client()
      requireWeChatUser(request)
      reply.header('cache-control', 'no-store')
      const phone = await ask(reply, () => api.phoneNumber(request.body.code), () => new AppError(400, 'wechat_code_invalid', '微信手机号凭证已失效，请再点一次“使用微信绑定的手机号”'))
      return { phone }
    },
  )
}
