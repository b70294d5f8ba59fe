import { Descriptions } from 'antd'

import { STAFF_ROLE_NAMES, type StaffRole } from '../../../src/core/staff/roles'
import { districtName } from '../api/site'
import { useSession } from '../session'

interface Who {
  name: string
  login: string
  role: StaffRole
  districtCode: string | null
}

/** Who an account is for: name, login, role and district in words. */
export function StaffDetails({ staff }: { staff: Who }) {
  const { site } = useSession()
  return (
    <Descriptions
      className="console-details"
      bordered
      column={1}
      size="small"
      items={[
        { key: 'name', label: '姓名', children: staff.name },
        { key: 'login', label: '登录名', children: staff.login },
        { key: 'role', label: '角色', children: STAFF_ROLE_NAMES[staff.role] },
        { key: 'district', label: '负责区域', children: staff.districtCode === null ? '全市' : districtName(site, staff.districtCode) },
      ]}
    />
  )
}
