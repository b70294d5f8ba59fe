import { Alert, Button, Form, Input, Result, Spin, Typography } from 'antd'
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

import { ApiError } from '../../api/client'
import { completeEnrolment, readEnrolment, type Enrolment } from '../../api/staff'
import { CodeField } from '../../components/code-field'
import { PublicFrame } from '../../components/public-frame'
import { StaffDetails } from '../../components/staff-details'
import { showFailure } from '../../forms'
import { usePageTitle } from '../../page-title'
import { navigate } from '../../router'
import { useSession } from '../../session'

type Loaded = { status: 'loading' } | { status: 'found'; enrolment: Enrolment; qrCode: string } | { status: 'failed'; error: ApiError | undefined }

interface Answer {
  password: string
  confirmation: string
  code: string
}

const FIELDS = ['password', 'code'] as const

/** The seconds between codes that the key asks for (the Key URI Format's default is 30). */
function codePeriod(otpauthUri: string): string {
  return new URL(otpauthUri).searchParams.get('period') ?? '30'
}

/** Base32 in groups of four, as authenticator apps show and take it. */
function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

export function EnrolPage({ code }: { code: string }) {
  usePageTitle('启用账号')
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })

  useEffect(() => {
    let current = true
    readEnrolment(code)
      .then(async (enrolment) => ({ enrolment, qrCode: await QRCode.toDataURL(enrolment.otpauthUri, { margin: 2, width: 200 }) }))
      .then(
        (found) => current && setLoaded({ status: 'found', ...found }),
        (error: unknown) => current && setLoaded({ status: 'failed', error: error instanceof ApiError ? error : undefined }),
      )
    return () => {
      current = false
    }
  }, [code])

  if (loaded.status === 'loading') {
    return (
      <PublicFrame title="启用账号">
        <Spin tip="正在读取启用信息…">
          <div className="console-spin-space" />
        </Spin>
      </PublicFrame>
    )
  }
  if (loaded.status === 'failed') return <EnrolmentUnavailable error={loaded.error} />
  return <EnrolmentForm code={code} enrolment={loaded.enrolment} qrCode={loaded.qrCode} />
}

function EnrolmentUnavailable({ error }: { error: ApiError | undefined }) {
  const notFound = error?.status === 404
  return (
    <PublicFrame title="启用账号">
      <Result
        status={notFound ? 'warning' : 'error'}
        title={notFound ? '这个启用链接不能使用' : '暂时无法读取启用信息'}
        subTitle={
          notFound
            ? '链接可能不完整，或者已经用过、已经过期。请联系系统管理员重新发放启用链接；账号已经启用的，请直接登录。'
            : (error?.message ?? '出现了意外的错误，请刷新页面后再试')
        }
        extra={
          <Button type="primary" href="#/sign-in">
            去登录
          </Button>
        }
      />
    </PublicFrame>
  )
}

function EnrolmentForm({ code, enrolment, qrCode }: { code: string; enrolment: Enrolment; qrCode: string }) {
  const { signedIn } = useSession()
  const [form] = Form.useForm<Answer>()
  const [failure, setFailure] = useState<string>()
  const [sending, setSending] = useState(false)
  const minLength = enrolment.passwordMinLength

  async function submit({ password, code: totp }: Answer) {
    setSending(true)
    setFailure(undefined)
    try {
      signedIn(await completeEnrolment(code, { password, code: totp }))
      // Home: the first page of the role's menu (shell/menu.ts homeOf).
      navigate({ name: 'home' }, { replace: true })
    } catch (error) {
      form.setFieldValue('code', '')
      setFailure(showFailure(form, error, FIELDS))
      setSending(false)
    }
  }

  return (
    <PublicFrame title="启用账号" wide>
      <Typography.Paragraph>系统管理员为下面这位工作人员开通了账号。请本人按以下三步完成启用，完成后即已登录。</Typography.Paragraph>
      <StaffDetails staff={enrolment} />

      <Typography.Title level={2} className="console-step-title">
        第一步：在手机上添加身份验证器
      </Typography.Title>
      <Typography.Paragraph>
        在手机上安装一个身份验证器应用（如 Microsoft Authenticator 或 Google Authenticator），用它扫描下面的二维码。
      </Typography.Paragraph>
      <div className="console-enrol-key">
        <img src={qrCode} width={200} height={200} alt="添加到身份验证器的二维码（内容与右侧的密钥相同）" />
        <div>
          <Typography.Paragraph>无法扫码时，在应用里选择手动输入密钥：账号名填写登录名 {enrolment.login}，密钥填写下面这串字符（类型选“基于时间”）。</Typography.Paragraph>
          <Typography.Paragraph className="console-secret" copyable={{ text: enrolment.secret, tooltips: ['复制密钥', '已复制'] }}>
            {groupedSecret(enrolment.secret)}
          </Typography.Paragraph>
          <Typography.Paragraph>密钥只用于这一个账号，不要拍照或转发给他人。</Typography.Paragraph>
        </div>
      </div>

      {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={sending}>
        <Typography.Title level={2} className="console-step-title">
          第二步：设置密码
        </Typography.Title>
        <Form.Item
          name="password"
          label="密码"
          extra={`至少 ${minLength} 个字符。不要使用生日、手机号、连续数字等容易被猜到的密码。`}
          rules={[
            { required: true, message: '请设置密码' },
            { min: minLength, message: `密码至少要有 ${minLength} 个字符` },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmation"
          label="再次输入密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再输入一次密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>

        <Typography.Title level={2} className="console-step-title">
          第三步：输入验证码
        </Typography.Title>
        <Typography.Paragraph>添加成功后，身份验证器里会出现这个账号，每 {codePeriod(enrolment.otpauthUri)} 秒换一个 6 位数字。输入当前的数字，证明已添加好。</Typography.Paragraph>
        <CodeField />
        <Button type="primary" htmlType="submit" loading={sending}>
          启用账号并登录
        </Button>
      </Form>
    </PublicFrame>
  )
}
