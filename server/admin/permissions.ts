// Who may do what in the staff API and console. A staff member has a role; an inspector is also
// confined to one district (Staff.scope). Machine-to-machine tokens keep the powers they had: a
// district token acts as an inspector of its district, a city token as a supervisor.
import { AppError } from '../errors'
import type { Staff } from './staff.repository'

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
  /** Create and run contests (issue 12 widens this to the console's contest pages). */
  | 'contests.manage'

const GRANTS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  inspector: ['reports.read', 'reports.personal', 'reports.act', 'reports.export'],
  supervisor: ['reports.read', 'reports.personal', 'reports.act', 'reports.export', 'audit.read', 'contests.manage'],
  organiser: ['contests.manage'],
  auditor: ['audit.read'],
}

export function can(staff: Pick<Staff, 'role'>, permission: Permission): boolean {
  return GRANTS[staff.role].includes(permission)
}

/** Throws 403 with a sentence for staff when the role does not allow it. */
export function requirePermission(staff: Pick<Staff, 'role'>, permission: Permission): void {
  if (!can(staff, permission)) {
    throw new AppError(403, 'forbidden', `您的角色（${STAFF_ROLE_NAMES[staff.role]}）不能进行这项操作，请联系系统管理员`)
  }
}
