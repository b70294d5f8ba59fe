import { can, type Permission, type StaffRole } from '../../../src/core/staff/roles'

export interface MenuEntry {
  key: string
  label: string
  href: string
  /** What the role must be allowed to do to see the entry (src/core/staff/roles.ts); none: everyone. */
  permission?: Permission
}

// Only pages that exist: the reports and the audit log join in the console's second part.
const ENTRIES: readonly MenuEntry[] = [{ key: 'account', label: '我的账号', href: '#/account' }]

export function menuFor(role: StaffRole): MenuEntry[] {
  return ENTRIES.filter((entry) => entry.permission === undefined || can({ role }, entry.permission))
}
