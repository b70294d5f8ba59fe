// Who may do what in the staff API and console: the one table that the service enforces and the
// console's menu follows. A staff member has a role; an inspector is also confined to one district.

export const STAFF_ROLES = ['inspector', 'supervisor', 'organiser', 'auditor'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const STAFF_ROLE_NAMES: Readonly<Record<StaffRole, string>> = {
  inspector: '劳动监察员',
  supervisor: '监察督导（全市）',
  organiser: '竞赛和内容管理员',
  auditor: '审计员',
}

export type Permission =
  /** Read reports (masked), their timeline and evidence, within the staff member's scope. */
  | 'reports.read'
  /** Reveal a reporter's personal data, with a stated reason (audited). */
  | 'reports.personal'
  /** Move reports through the state machine, write internal notes, message the reporter. */
  | 'reports.act'
  /** Export the reports list (masked unless reports.personal). */
  | 'reports.export'
  /** Read the audit log. */
  | 'audit.read'
  /** Create, run and moderate contests; read the contest question bank. */
  | 'contests.manage'
  /** The content sources (health, ingest now, preview) and the 纠错 / 投诉建议 inbox. */
  | 'content.manage'
  /** See the contact a resident left with feedback (personal data). */
  | 'feedback.personal'
  /** The figures of the annual rule-of-law report (an inspector's confined to their district). */
  | 'figures.read'

const GRANTS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  inspector: ['reports.read', 'reports.personal', 'reports.act', 'reports.export', 'figures.read'],
  supervisor: [
    'reports.read',
    'reports.personal',
    'reports.act',
    'reports.export',
    'audit.read',
    'contests.manage',
    'content.manage',
    'feedback.personal',
    'figures.read',
  ],
  organiser: ['contests.manage', 'content.manage'],
  auditor: ['audit.read'],
}

export function can(staff: { role: StaffRole }, permission: Permission): boolean {
  return GRANTS[staff.role].includes(permission)
}
