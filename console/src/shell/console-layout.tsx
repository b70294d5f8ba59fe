import { Button, Layout, Menu, Tag } from 'antd'
import { useEffect, useRef, type ReactNode } from 'react'

import { STAFF_ROLE_NAMES } from '../../../src/core/staff/roles'
import { PLATFORM_NAME, usePageTitle } from '../page-title'
import { useSession, useStaff } from '../session'
import { menuFor } from './menu'
import { useSignOut } from './use-sign-out'

/** The frame of every page behind sign-in: the bureau and who is signed in on top, the menu on the left. */
export function ConsoleLayout({ current, title, children }: { current: string; title: string; children: ReactNode }) {
  usePageTitle(title)
  const staff = useStaff()
  const { site } = useSession()
  const { leaving, leave, messages } = useSignOut()
  const heading = useRef<HTMLHeadingElement>(null)

  // After moving to another page, a screen reader starts at its heading rather than where the link was.
  useEffect(() => heading.current?.focus(), [current])

  return (
    <Layout className="console-shell">
      {messages}
      <Layout.Header className="console-header">
        <div className="console-header__brand">
          {site && <span className="console-header__bureau">{site.bureauName}</span>}
          <span className="console-header__platform">{PLATFORM_NAME}</span>
        </div>
        <div className="console-header__who">
          <span>{staff.name}</span>
          <Tag>{STAFF_ROLE_NAMES[staff.role]}</Tag>
          <Button onClick={() => void leave('here')} loading={leaving === 'here'} disabled={leaving === 'everywhere'}>
            退出登录
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" className="console-sider">
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={[current]}
              items={menuFor(staff.role).map((entry) => ({
                key: entry.key,
                label: (
                  <a href={entry.href} aria-current={entry.key === current ? 'page' : undefined}>
                    {entry.label}
                  </a>
                ),
              }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="console-content">
          <h1 className="console-page-title" tabIndex={-1} ref={heading}>
            {title}
          </h1>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
