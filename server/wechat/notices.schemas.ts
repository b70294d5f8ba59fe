import { type Static, Type } from '@sinclair/typebox'

import { StringEnum } from '../schemas'

/** The three reminders the worker may accept on the receipt. */
export const NOTICE_TEMPLATES = ['accepted', 'closed', 'message'] as const
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number]

const TemplateName = StringEnum(NOTICE_TEMPLATES, { description: 'accepted 受理、closed 办结或不予受理、message 工作人员留言或提问' })

export const NoticeTemplateList = Type.Object(
  {
    items: Type.Array(Type.Object({ template: TemplateName, id: Type.String({ description: '订阅消息模板 ID，传给 wx.requestSubscribeMessage' }) }), {
      description: '本服务提供的提醒；没有开通微信提醒时为空',
    }),
  },
  { title: '可订阅的办理进度提醒' },
)
export type NoticeTemplateList = Static<typeof NoticeTemplateList>

export const SubscriptionBody = Type.Object(
  {
    loginCode: Type.String({ title: '微信登录凭证', description: 'wx.login 刚得到的 code（只能用一次）', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
    accepted: Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), {
      title: '同意接收的模板',
      description: 'wx.requestSubscribeMessage 中用户选了“允许”（accept）的模板 ID',
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
    }),
    pageKey: Type.Optional(
      Type.String({ title: '本机的反映编号', description: '应用在本机保存这份反映用的编号：提醒消息打开本机的进度页', pattern: '^[A-Za-z0-9_-]{8,64}$' }),
    ),
  },
  { additionalProperties: false },
)
export type SubscriptionBody = Static<typeof SubscriptionBody>

export const SubscriptionView = Type.Object(
  {
    items: Type.Array(Type.Object({ template: TemplateName, remaining: Type.Integer({ description: '这项提醒还可以发几次（每同意一次可发一次）' }) })),
  },
  { title: '已订阅的提醒' },
)
export type SubscriptionView = Static<typeof SubscriptionView>
