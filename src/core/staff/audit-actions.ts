// The audit log's actions and their names for people (the console's audit page and its filter).

export const AUDIT_ACTIONS = [
  'list',
  'read',
  'read_personal',
  'read_evidence',
  'action',
  'note',
  'export',
  'audit_read',
  'audit_export',
  'message_read',
  'message_send',
  'transition',
  'purge',
  'keys_rotate',
  'staff_create',
  'staff_revoke',
  'contest_create',
  'contest_update',
  'contest_close',
  'contest_board_hide',
  'contest_board_unhide',
  'contest_export',
  'staff_disable',
  'staff_enrolment_issue',
  'staff_enrol',
  'staff_sign_in',
  'staff_sign_in_failed',
  'staff_lock',
  'staff_sign_out',
  'staff_sign_out_everywhere',
  'feedback_list',
  'feedback_status',
  'feedback_export',
  'content_ingest',
] as const
export type AuditActionName = (typeof AUDIT_ACTIONS)[number]

export const AUDIT_ACTION_NAMES: Readonly<Record<AuditActionName, string>> = {
  list: '查看反映列表',
  read: '查看反映详情',
  read_personal: '查看反映人个人信息',
  read_evidence: '查看证据照片',
  action: '办理反映',
  note: '写内部备注',
  export: '导出反映',
  audit_read: '查看审计日志',
  audit_export: '导出审计日志',
  message_read: '查看与反映人的沟通',
  message_send: '给反映人发消息',
  transition: '改变反映状态',
  purge: '清除到期的个人信息',
  keys_rotate: '更换加密密钥',
  staff_create: '创建工作人员令牌',
  staff_revoke: '吊销工作人员令牌',
  contest_create: '创建竞赛',
  contest_update: '修改竞赛',
  contest_close: '提前结束竞赛',
  contest_board_hide: '从积分榜隐藏昵称',
  contest_board_unhide: '恢复积分榜昵称',
  contest_export: '导出竞赛成绩或参与情况',
  staff_disable: '停用账号',
  staff_enrolment_issue: '发放启用码',
  staff_enrol: '启用账号',
  staff_sign_in: '登录',
  staff_sign_in_failed: '登录失败',
  staff_lock: '账号被锁定',
  staff_sign_out: '退出登录',
  staff_sign_out_everywhere: '在所有设备上退出',
  feedback_list: '查看投诉建议和纠错（含联系电话）',
  feedback_status: '处理投诉建议或纠错',
  feedback_export: '导出投诉建议和纠错',
  content_ingest: '立即更新内容来源',
}

export function isAuditAction(value: unknown): value is AuditActionName {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value)
}

/** The name for people; an unknown value (an older or newer server) reads as the code itself. */
export function auditActionName(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_NAMES[action] : action
}
