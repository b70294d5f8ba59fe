// The bureau's three subscription-message templates (WECHAT_TEMPLATE_ACCEPTED, _CLOSED, _MESSAGE) and
// what a message fills in. A template's fields are named by WeChat's template library (thing1,
// phrase2, time3…), so each setting may say which of its fields takes which value; a message carries
// only words the service chooses (report kind, status, date, a short hint): never a name, an
// amount, a company or the tracking code.
import { formatChinaDateTime } from '../../src/core/format-date'
import { REPORT_KIND_NAMES } from '../../src/core/tips/report-fields'
import { NOTICE_TEMPLATES, type NoticeTemplate } from './notices.schemas'

export { NOTICE_TEMPLATES, type NoticeTemplate }

/** What happened, as one message tells it. */
export const NOTICE_EVENTS = ['accepted', 'closed', 'rejected', 'message', 'question'] as const
export type NoticeEvent = (typeof NOTICE_EVENTS)[number]

export function isNoticeEvent(value: string): value is NoticeEvent {
  return (NOTICE_EVENTS as readonly string[]).includes(value)
}

export const TEMPLATE_OF_EVENT: Readonly<Record<NoticeEvent, NoticeTemplate>> = {
  accepted: 'accepted',
  closed: 'closed',
  rejected: 'closed',
  message: 'message',
  question: 'message',
}

/** What a template field can hold. */
export const NOTICE_ROLES = ['subject', 'status', 'date', 'hint'] as const
export type NoticeRole = (typeof NOTICE_ROLES)[number]

export interface TemplateSetting {
  id: string
  /** Template field key (thing1…) → what it holds. */
  fields: Readonly<Record<string, NoticeRole>>
}

/** When a setting gives only the template id: 事项 thing1, 状态 phrase2, 时间 time3, 提示 thing4. */
export const DEFAULT_TEMPLATE_FIELDS: Readonly<Record<string, NoticeRole>> = { thing1: 'subject', phrase2: 'status', time3: 'date', thing4: 'hint' }

const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{10,64}$/
const FIELD_KEY_PATTERN = /^[a-z_]{2,24}\d{1,2}$/

/** `<template id>` or `<template id>;thing1=subject,phrase2=status,time3=date,thing4=hint`. */
export function parseTemplateSetting(variable: string, value: string, problems: string[]): TemplateSetting | undefined {
  const [id = '', fieldList, ...rest] = value.split(';').map((part) => part.trim())
  if (!TEMPLATE_ID_PATTERN.test(id) || rest.length > 0) {
    problems.push(`${variable} 应为订阅消息模板 ID（公众平台“订阅消息”中可见），可在分号后写字段，如 模板ID;thing1=subject,phrase2=status,time3=date,thing4=hint`)
    return undefined
  }
  if (fieldList === undefined || fieldList === '') return { id, fields: DEFAULT_TEMPLATE_FIELDS }
  const fields: Record<string, NoticeRole> = {}
  for (const pair of fieldList.split(',')) {
    const [key = '', role = ''] = pair.split('=').map((part) => part.trim())
    if (!FIELD_KEY_PATTERN.test(key) || !(NOTICE_ROLES as readonly string[]).includes(role) || key in fields) {
      problems.push(`${variable} 的字段 ${JSON.stringify(pair.slice(0, 40))} 写法不对：应为 字段名=用途，用途是 ${NOTICE_ROLES.join('、')} 之一，字段名不重复`)
      return undefined
    }
    fields[key] = role as NoticeRole
  }
  return { id, fields }
}

const STATUS_WORDS: Readonly<Record<NoticeEvent, string>> = {
  accepted: '已受理',
  closed: '已办结',
  rejected: '不予受理',
  message: '有新留言',
  question: '请您回复',
}

const HINTS: Readonly<Record<NoticeEvent, string>> = {
  accepted: '点击查看办理进度',
  closed: '点击查看办理结果',
  rejected: '点击查看不予受理的理由',
  message: '点击查看工作人员的留言',
  question: '工作人员有问题请您回复',
}

/** The template's data for one event: every field it names, each within WeChat's length rules. */
export function noticeData(template: TemplateSetting, event: NoticeEvent, reportKind: string, at: number): Record<string, string> {
  const values: Record<NoticeRole, string> = {
    subject: `欠薪${REPORT_KIND_NAMES[reportKind === 'tip' ? 'tip' : 'complaint']}`,
    status: STATUS_WORDS[event],
    date: formatChinaDateTime(new Date(at).toISOString()),
    hint: HINTS[event],
  }
  return Object.fromEntries(Object.entries(template.fields).map(([key, role]) => [key, values[role]]))
}

/** The mini-program page a message opens: the status page, with this phone's key of the report when the app gave one. */
export function noticePage(pageKey: string | null): string {
  return pageKey === null ? 'packages/report/status/index' : `packages/report/status/index?key=${encodeURIComponent(pageKey)}`
}
