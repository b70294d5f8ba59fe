// The worker asks to hear back in WeChat: which templates the bureau offers, and the subscription
// made on the receipt. The service turns the login code into the openid itself (jscode2session),
// so this needs no session; the openid is kept encrypted on the subscription alone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { onRequestAsyncHookHandler } from 'fastify'

import type { Config } from '../config'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { TipCodeParams, TipVerifierHeaders } from '../tips/tips.status.schemas'
import { VERIFIER_DESCRIPTION, verifiedTipOpener } from '../tips/verified-tip'
import { NOTICE_TEMPLATES, type NoticeTemplate, type TemplateSetting } from './notice-templates'
import { addSubscription } from './notices.repository'
import { NoticeTemplateList, SubscriptionBody, SubscriptionView } from './notices.schemas'
import { weChatUnavailable } from './wechat-answers'
import { WeChatError, WeChatUnavailable } from './wechat-api'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
const FINAL_STATUSES = ['closed', 'rejected']

/** The configured templates, by what they tell. */
export function noticeTemplatesOf(config: Config): Record<NoticeTemplate, TemplateSetting | undefined> {
  return { accepted: config.wechatTemplateAccepted, closed: config.wechatTemplateClosed, message: config.wechatTemplateMessage }
}

export const noticeTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const templates = noticeTemplatesOf(app.config)
  const items = app.weChatApi === undefined ? [] : NOTICE_TEMPLATES.flatMap((template) => (templates[template] ? [{ template, id: templates[template].id }] : []))

  app.get(
    '/wechat/templates',
    {
      schema: {
        summary: '可订阅的办理进度提醒（微信订阅消息模板）',
        description: '小程序在反映回执页请用户同意接收这些提醒（wx.requestSubscribeMessage），再把同意的模板交给“订阅办理进度提醒”。没有设置 WECHAT_APPID 或模板时为空。',
        response: { 200: NoticeTemplateList, ...ERRORS },
      },
    },
    async () => ({ items }),
  )
}

export interface SubscriptionRoutesOptions {
  /** The status page's limiter: a subscription opens the report the same way and counts against it. */
  lookupLimit: onRequestAsyncHookHandler
}

const notOffered = () => new AppError(404, 'wechat_not_configured', '本服务没有开通微信提醒')

export const subscriptionRoutes: FastifyPluginAsyncTypebox<SubscriptionRoutesOptions> = async (app, { lookupLimit }) => {
  const openVerified = verifiedTipOpener(app)
  const templates = noticeTemplatesOf(app.config)

  app.post(
    '/tips/:code/subscriptions',
    {
      onRequest: lookupLimit,
      schema: {
        summary: '订阅办理进度提醒（微信小程序）',
        description:
          '用户在 wx.requestSubscribeMessage 中同意后调用：accepted 为同意的模板 ID，loginCode 为刚用 wx.login 得到的 code。' +
          '每同意一次，对应的事（受理、办结或不予受理、工作人员留言）发生时发一条提醒，消息打开进度页。' +
          `没有开通微信提醒时返回 404 wechat_not_configured；微信暂时无法访问时返回 503。${VERIFIER_DESCRIPTION}与查询进度合计：${describeRateRule(RATE_RULES.lookups)}`,
        params: TipCodeParams,
        judgedByHandler: { headers: TipVerifierHeaders },
        body: SubscriptionBody,
        response: { 200: SubscriptionView, ...ERRORS },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store')
      const api = app.weChatApi
      if (api === undefined) throw notOffered()
      const tip = await openVerified(request, reply)
      const { loginCode, accepted, pageKey } = request.body
      const chosen = NOTICE_TEMPLATES.filter((template) => templates[template] !== undefined && accepted.includes(templates[template].id))
      const unknown = accepted.filter((id) => !NOTICE_TEMPLATES.some((template) => templates[template]?.id === id))
      if (unknown.length > 0 || chosen.length === 0) {
        throw validationFailed([{ path: 'accepted', label: '同意接收的模板', message: '同意接收的提醒不是本服务提供的，请重新打开回执页再试' }])
      }
      if (FINAL_STATUSES.includes(tip.status)) throw new AppError(409, 'report_finished', '这份反映已经办理完毕，不再发送办理进度提醒')

      let openid: string
      try {
        ;({ openid } = await api.code2Session(loginCode))
      } catch (error) {
        if (error instanceof WeChatError) throw validationFailed([{ path: 'loginCode', label: '微信登录凭证', message: '微信登录凭证无效或已经用过，请再点一次“接收办理进度提醒”' }])
        if (error instanceof WeChatUnavailable) {
          request.log.warn({ err: error }, 'subscription: WeChat unavailable')
          throw weChatUnavailable(reply)
        }
        throw error
      }
      const now = Date.now()
      const items: SubscriptionView['items'] = []
      for (const template of chosen) {
        const templateId = (templates[template] as TemplateSetting).id
        const remaining = await addSubscription(app.db, app.config.fieldKeys, { tipId: tip.id, template, templateId, openid, pageKey: pageKey ?? null, now })
        items.push({ template, remaining })
      }
      return { items }
    },
  )
}
