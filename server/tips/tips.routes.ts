import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { validateReport } from '../../src/core/tips/report'
import { describeField } from '../../src/core/tips/report-fields'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { recordTip } from './record-tip'
import { IDEMPOTENCY_KEY_PATTERN, TipReceived, TipReportBody, TipReportHeaders } from './tips.schemas'

function readIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    throw new AppError(400, 'idempotency_key_missing', '请求缺少 Idempotency-Key 请求头，请更新应用后重新提交')
  }
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new AppError(400, 'idempotency_key_invalid', 'Idempotency-Key 请求头的格式不对：应为 8 到 100 个字母、数字、下划线或连字符')
  }
  return header
}

export const tipsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/tips',
    {
      onRequest: app.limits.guard('tips'),
      schema: {
        summary: '提交欠薪线索（投诉或举报）',
        description:
          '须带 Idempotency-Key 请求头；同一个键重复提交相同内容时返回第一次的结果（同样的 201），内容不同返回 422，第一次还在处理时返回 409。' +
          '只有在保存完成之后才返回 201。带证件号码或证据照片时须 consentSensitive 为 true。' +
          '在微信小程序中带 X-Pufa-Session 请求头（POST /api/v1/wechat/session 得到）时，反映记在这个微信用户名下，在同一微信的任何手机上都能在“我的反映”中看到；会话已失效时返回 401 wechat_session_expired，不保存。' +
          describeRateRule(RATE_RULES.tips),
        // The body is documented, not handed to AJV: validateReport (core) judges it, with the same
        // Chinese messages the app shows while the form is filled in.
        judgedByHandler: { body: TipReportBody, headers: TipReportHeaders },
        response: { 201: TipReceived, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const idempotencyKey = readIdempotencyKey(request.headers['idempotency-key'])

      // Site, calendars and today's deadlines are read and computed once per content state.
      const facts = await app.contentCache.facts()
      const site = facts.site
      if (!site) throw new AppError(503, 'site_unavailable', '服务尚未完成配置（缺少区县信息），暂时无法受理，请稍后再试或拨打服务热线')
      const now = Date.now()
      const today = new Date(now)
      const verdict = validateReport(request.body, { districts: site.districts, today })
      if (!verdict.ok) {
        throw validationFailed(Object.entries(verdict.fields).map(([path, message]) => ({ path, label: describeField(path), message })))
      }
      const report = verdict.value
      const deadlines = facts.deadlinesOf(report.kind, today)

      const answer = await recordTip(app.db, app.config, { idempotencyKey, report, now, deadlines, wechatUserId: request.wechatUserId })
      // Both the first answer and every replay are the stored body, so they are the same bytes.
      return reply.code(201).send(JSON.parse(answer) as TipReceived)
    },
  )
}
