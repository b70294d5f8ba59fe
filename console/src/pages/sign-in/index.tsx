import { Alert, Button, Form, Input } from 'antd'
import { useState } from 'react'

import { signIn } from '../../api/staff'
import { CodeField } from '../../components/code-field'
import { PublicFrame } from '../../components/public-frame'
import { showFailure } from '../../forms'
import { usePageTitle } from '../../page-title'
import { useSession, type SignedOutReason } from '../../session'

interface Credentials {
  login: string
  password: string
  code: string
}

const FIELDS = ['login', 'password', 'code'] as const

const NOTICES: Record<SignedOutReason, string> = {
  expired: '登录已失效（长时间没有操作，或已在别处退出），请重新登录。',
  'signed-out': '已退出登录。',
  'signed-out-everywhere': '已退出这个账号在所有设备上的登录。',
}

export function SignInPage() {
  usePageTitle('登录')
  const { state, signedIn } = useSession()
  const [form] = Form.useForm<Credentials>()
  const [failure, setFailure] = useState<string>()
  const [sending, setSending] = useState(false)
  const reason = state.status === 'signed-out' ? state.reason : undefined

  async function submit(credentials: Credentials) {
    setSending(true)
    setFailure(undefined)
    try {
      signedIn(await signIn(credentials))
    } catch (error) {
      // A code is good for half a minute: the next try needs the next one.
      form.setFieldValue('code', '')
      setFailure(showFailure(form, error, FIELDS))
      setSending(false)
    }
  }

  return (
    <PublicFrame title="工作人员登录">
      {reason && !failure && <Alert className="console-form-alert" type="info" showIcon title={NOTICES[reason]} />}
      {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={sending}>
        <Form.Item name="login" label="登录名" rules={[{ required: true, whitespace: true, message: '请输入登录名' }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <CodeField />
        <Button type="primary" htmlType="submit" block loading={sending}>
          登录
        </Button>
      </Form>
      <p className="console-help">还没有账号，或者忘记了密码、换了手机？请联系系统管理员，为您发放新的启用链接。</p>
    </PublicFrame>
  )
}
