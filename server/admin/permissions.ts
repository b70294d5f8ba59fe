// The staff API's side of the role table (src/core/staff/roles.ts, which the console's menu also
// follows). Machine-to-machine tokens keep the powers they had: a district token acts as an
// inspector of its district, a city token as a supervisor.
import { can, STAFF_ROLE_NAMES, type Permission, type StaffRole } from '../../src/core/staff/roles'
import { AppError } from '../errors'

export { can, STAFF_ROLE_NAMES, STAFF_ROLES, type Permission, type StaffRole } from '../../src/core/staff/roles'

/** Throws 403 with a sentence for staff when the role does not allow it. */
export function requirePermission(staff: { role: StaffRole }, permission: Permission): void {
  if (!can(staff, permission)) {
    throw new AppError(403, 'forbidden', `您的角色（${STAFF_ROLE_NAMES[staff.role]}）不能进行这项操作，请联系系统管理员`)
  }
}
