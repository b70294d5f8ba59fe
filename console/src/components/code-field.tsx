import { Form, Input } from 'antd'

const CODE_PATTERN = /^\d{6}$/

/** The 6 digits of the authenticator app (TOTP); spaces typed or pasted from the app are dropped. */
export function CodeField({ label = '动态验证码' }: { label?: string }) {
  return (
    <Form.Item
      name="code"
      label={label}
      extra="打开手机上的身份验证器，输入它此刻显示的 6 位数字"
      normalize={(value: string) => value.replace(/\s+/g, '')}
      rules={[
        { required: true, message: '请输入动态验证码' },
        { pattern: CODE_PATTERN, message: '动态验证码是 6 位数字' },
      ]}
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={7} />
    </Form.Item>
  )
}
