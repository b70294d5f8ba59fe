// An audit entry's detail (ids, counts, statuses, filters: never personal data) in plain words.
import { FEEDBACK_KIND_NAMES, FEEDBACK_STATUS_NAMES } from '../../../../src/core/feedback-handling'
import { STAFF_ROLE_NAMES } from '../../../../src/core/staff/roles'
import { TIP_ACTION_NAMES } from '../../../../src/core/tips/actions'
import { REPORT_KIND_NAMES } from '../../../../src/core/tips/report-fields'
import { tipStatusName } from '../../../../src/core/tips/status'
import { chinaDateTime } from '../../china-time'

/** Names for what the detail refers to by code: districts, staff, audit actions. */
export interface AuditNames {
  district(code: string): string
  staff(id: string): string | undefined
  action(action: string): string
}

const SIGN_IN_FAILURES: Readonly<Record<string, string>> = {
  unknown_login: '没有这个登录名',
  disabled: '账号已停用',
  not_enrolled: '账号还没有启用',
  password: '密码不对',
  code: '动态验证码不对',
  code_reused: '动态验证码已用过',
  locked: '账号锁定中',
}

const VIEW_NAMES: Readonly<Record<string, string>> = { mine: '我的待办', due_soon: '即将超期', overdue: '已超期' }
const SORT_NAMES: Readonly<Record<string, string>> = { newest: '新提交的在前', oldest: '早提交的在前' }
const FIELD_NAMES: Readonly<Record<string, string>> = { reporter: '反映人信息', name: '姓名', mobile: '手机号码', residentId: '身份证号码' }
const FORMAT_NAMES: Readonly<Record<string, string>> = { csv: 'CSV', xlsx: 'Excel' }
const CONTEST_TABLE_NAMES: Readonly<Record<string, string>> = { results: '成绩', participation: '各区县参与情况' }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'string' && value !== '') return value.split(',')
  return []
}

function known(names: Readonly<Record<string, string>>, value: unknown): string {
  return names[String(value)] ?? String(value)
}

/** The 投诉建议 and 纠错 inbox's entries (feedback_…) name its own states and kinds, not a report's. */
const isFeedbackAction = (action: string) => action.startsWith('feedback_')

/** The filters of a list or an export, as someone would say them; 无 when nothing narrowed it. */
export function filterWords(filters: Record<string, unknown>, names: AuditNames, feedback = false): string {
  const statusName = (status: string) => (feedback ? known(FEEDBACK_STATUS_NAMES, status) : tipStatusName(status))
  const said: string[] = []
  for (const [key, value] of Object.entries(filters)) {
    if (value === null || value === undefined || value === '' || value === false) continue
    const text = String(value)
    switch (key) {
      case 'q':
        said.push(`搜索“${text}”`)
        break
      case 'district':
        said.push(`区县：${names.district(text)}`)
        break
      case 'status':
      case 'statuses':
        said.push(`状态：${listOf(value).map(statusName).join('、')}`)
        break
      case 'kind':
        said.push(`类型：${known(feedback ? FEEDBACK_KIND_NAMES : REPORT_KIND_NAMES, value)}`)
        break
      case 'questionId':
        said.push('一道题的纠错')
        break
      case 'construction':
        said.push(value === true || text === 'true' ? '建设工程' : '不是建设工程')
        break
      case 'amountMin':
        said.push(`金额不低于 ${text} 元`)
        break
      case 'amountMax':
        said.push(`金额不高于 ${text} 元`)
        break
      case 'from':
        said.push(`日期从 ${text}`)
        break
      case 'to':
        said.push(`日期到 ${text}`)
        break
      case 'unread':
        said.push('只看有未读回复的')
        break
      case 'view':
        said.push(known(VIEW_NAMES, value))
        break
      case 'sort':
        if (SORT_NAMES[text]) said.push(SORT_NAMES[text])
        break
      case 'staffId':
        said.push(`工作人员：${names.staff(text) ?? '（已不在名单中）'}`)
        break
      case 'action':
        said.push(`操作：${names.action(text)}`)
        break
      case 'tipId':
      case 'trackingCode':
        said.push('一件反映')
        break
      default:
        said.push(`${key}：${text}`)
    }
  }
  return said.length === 0 ? '无' : said.join('，')
}

const INGEST_OUTCOMES: Readonly<Record<string, string>> = { ingested: '已读取', not_modified: '订阅源没有变化', failed: '读取失败' }
const INGEST_COUNTS = { added: '新增', updated: '修改', deleted: '删除', rejected: '未载入' } as const

/** One entry's detail: 导出 Excel，12 条，含个人信息，理由：…；筛选条件：… */
export function auditDetailWords(action: string, detail: Record<string, unknown>, names: AuditNames): string {
  const said: string[] = []
  const feedback = isFeedbackAction(action)
  const statusName = (status: string) => (feedback ? known(FEEDBACK_STATUS_NAMES, status) : tipStatusName(status))
  // The change of a report first: what was done and from which state to which.
  if (typeof detail.action === 'string') said.push(known(TIP_ACTION_NAMES, detail.action))
  if (feedback && typeof detail.kind === 'string') said.push(known(FEEDBACK_KIND_NAMES, detail.kind))
  if (typeof detail.from === 'string' && typeof detail.to === 'string') said.push(`${statusName(detail.from)} → ${statusName(detail.to)}`)
  for (const [key, value] of Object.entries(detail)) {
    if (value === null || value === undefined) continue
    switch (key) {
      case 'action':
      case 'from':
      case 'to':
        break
      case 'kind':
        if (!feedback) said.push(`kind：${String(value)}`)
        break
      case 'note':
        if (value === true) said.push('附内部备注')
        break
      case 'contacts':
        said.push(`含 ${String(value)} 个联系电话`)
        break
      case 'feedbackIds':
        break
      case 'format':
        said.push(`${known(FORMAT_NAMES, value)} 文件`)
        break
      case 'count':
        said.push(`${String(value)} 条`)
        break
      case 'revealed':
        said.push(value === true ? '含个人信息' : '个人信息已遮蔽')
        break
      case 'reason':
        said.push(action === 'staff_sign_in_failed' ? known(SIGN_IN_FAILURES, value) : `理由：${String(value)}`)
        break
      case 'fields':
        if (listOf(value).length > 0) said.push(`查看了${listOf(value).map((field) => known(FIELD_NAMES, field)).join('、')}`)
        break
      case 'filters':
        if (isRecord(value)) said.push(`筛选条件：${filterWords(value, names, feedback)}`)
        break
      case 'noteToReporter':
        if (value === true) said.push('附给反映人的说明')
        break
      case 'internalNote':
        if (value === true) said.push('附内部备注')
        break
      case 'role':
        said.push(`角色：${known(STAFF_ROLE_NAMES, value)}`)
        break
      case 'districtCode':
      case 'toDistrict':
        said.push(`${key === 'toDistrict' ? '转交到' : '区县：'}${names.district(String(value))}`)
        break
      case 'sessions':
      case 'endedSessions':
        if (Number(value) > 0) said.push(`结束了 ${String(value)} 个登录`)
        break
      case 'until':
        said.push(`锁定到 ${chinaDateTime(String(value))}`)
        break
      case 'failures':
        said.push(`连续失败 ${String(value)} 次`)
        break
      case 'contestTitle':
        said.push(`竞赛“${String(value)}”`)
        break
      case 'nickname':
        said.push(`昵称“${String(value)}”`)
        break
      case 'table':
        said.push(known(CONTEST_TABLE_NAMES, value))
        break
      case 'plannedEnd':
        said.push(`原定 ${chinaDateTime(String(value))} 结束`)
        break
      // 立即更新 of a content source (content_ingest).
      case 'source':
        said.push(`来源：${String(value)}`)
        break
      case 'outcome':
        said.push(known(INGEST_OUTCOMES, value))
        break
      case 'added':
      case 'updated':
      case 'deleted':
      case 'rejected':
        said.push(`${INGEST_COUNTS[key]} ${String(value)} 条`)
        break
      default:
        // Ids say nothing to people; whatever else a newer service records is shown as it is.
        if (/Id$|^id$/.test(key)) break
        said.push(`${key}：${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    }
  }
  return said.join('，')
}
