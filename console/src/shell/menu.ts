import { can, type Permission, type StaffRole } from '../../../src/core/staff/roles'

export interface MenuEntry {
  key: string
  label: string
  href: string
  /** What the role must be allowed to do to see the entry (src/core/staff/roles.ts); none: everyone. */
  permission?: Permission
}

const ENTRIES: readonly MenuEntry[] = [
  { key: 'reports', label: '反映办理', href: '#/reports', permission: 'reports.read' },
  { key: 'figures', label: '年度数据', href: '#/figures', permission: 'figures.read' },
  { key: 'contests', label: '竞赛管理', href: '#/contests', permission: 'contests.manage' },
  { key: 'question-bank', label: '题库', href: '#/question-bank', permission: 'contests.manage' },
  { key: 'feedback', label: '纠错和投诉建议', href: '#/feedback', permission: 'content.manage' },
  { key: 'sources', label: '内容来源', href: '#/sources', permission: 'content.manage' },
  { key: 'audit', label: '审计日志', href: '#/audit', permission: 'audit.read' },
  { key: 'account', label: '我的账号', href: '#/account' },
]

export function menuFor(role: StaffRole): MenuEntry[] {
  return ENTRIES.filter((entry) => entry.permission === undefined || can({ role }, entry.permission))
}

/** Where a role starts (the console's #/): the first page of its menu, the reports for those who handle them, the contests for an organiser. */
export function homeOf(role: StaffRole): 'reports' | 'audit' | 'contests' | 'account' {
  if (can({ role }, 'reports.read')) return 'reports'
  if (can({ role }, 'audit.read')) return 'audit'
  if (can({ role }, 'contests.manage')) return 'contests'
  return 'account'
}
