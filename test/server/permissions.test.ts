import { can, requirePermission, STAFF_ROLES, type Permission } from '../../server/admin/permissions'

describe('staff permissions', () => {
  it('lets inspectors and supervisors work reports, auditors read the audit only, organisers run contests and content', () => {
    const table = Object.fromEntries(
      STAFF_ROLES.map((role) => [
        role,
        (
          [
            'reports.read',
            'reports.personal',
            'reports.act',
            'reports.export',
            'audit.read',
            'contests.manage',
            'content.manage',
            'feedback.personal',
            'figures.read',
          ] as Permission[]
        ).filter((p) => can({ role }, p)),
      ]),
    )
    expect(table).toEqual({
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
    })
  })

  it('refuses with 403 and names the role', () => {
    expect(() => requirePermission({ role: 'auditor' }, 'reports.act')).toThrow(expect.objectContaining({ statusCode: 403, message: expect.stringContaining('审计员') }))
    expect(() => requirePermission({ role: 'supervisor' }, 'reports.act')).not.toThrow()
  })
})
