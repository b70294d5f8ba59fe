import { Button, Card, Popconfirm, Space, Typography } from 'antd'

import { StaffDetails } from '../../components/staff-details'
import { ConsoleLayout } from '../../shell/console-layout'
import { useSignOut } from '../../shell/use-sign-out'
import { useStaff } from '../../session'

export function AccountPage() {
  const staff = useStaff()
  const { leaving, leave, messages } = useSignOut()

  return (
    <ConsoleLayout current="account" title="我的账号">
      {messages}
      <Space orientation="vertical" size="large" className="console-stack">
        <StaffDetails staff={staff} />
        <Card title={<h2 className="console-card-title">登录</h2>}>
          <Typography.Paragraph>
            离开电脑前请退出登录。30 分钟没有操作会自动退出；即使一直在操作，每次登录最长保持 8 小时。
          </Typography.Paragraph>
          <Typography.Paragraph>
            如果在别的电脑上忘了退出，或者担心账号被他人使用，可以退出所有设备：这个账号在所有电脑和浏览器上的登录（包括这台电脑）都会结束。
          </Typography.Paragraph>
          <Space wrap>
            <Button type="primary" onClick={() => void leave('here')} loading={leaving === 'here'} disabled={leaving === 'everywhere'}>
              退出登录
            </Button>
            <Popconfirm
              title="退出所有设备上的登录？"
              description="所有电脑和浏览器上的登录都会结束，之后需要重新登录。"
              okText="全部退出"
              cancelText="取消"
              onConfirm={() => void leave('everywhere')}
            >
              <Button danger loading={leaving === 'everywhere'} disabled={leaving === 'here'}>
                退出所有设备
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      </Space>
    </ConsoleLayout>
  )
}
