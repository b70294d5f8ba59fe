import { Type, type Static } from '@sinclair/typebox'

import { STAFF_ROLES } from '../../src/core/staff/roles'
import { IdString, Nullable, StringEnum } from '../schemas'

// How long a staff member's console password must and may be: the service enforces it (password-rules.ts)
// and tells the console the minimum when an account is enrolled (passwordMinLength).
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

export const StaffView = Type.Object(
  {
    id: Type.String({ description: '工作人员编号' }),
    name: Type.String({ description: '姓名' }),
    login: Type.String({ description: '登录名' }),
    role: StringEnum(STAFF_ROLES, { description: 'inspector 劳动监察员（一个区县），supervisor 监察督导（全市），organiser 竞赛和内容管理员，auditor 审计员' }),
    districtCode: Nullable(Type.String({ description: '劳动监察员所在区县的代码；其他角色为 null' })),
  },
  { title: '工作人员' },
)
export type StaffView = Static<typeof StaffView>

export const SignedIn = Type.Object({ staff: StaffView }, { title: '当前登录的工作人员' })
export type SignedIn = Static<typeof SignedIn>

const Password = Type.String({ title: '密码', minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 })
const TotpCode = Type.String({ title: '验证码', description: '身份验证器显示的 6 位数字', minLength: 1, maxLength: 20 })

export const SignInBody = Type.Object(
  {
    login: Type.String({ title: '登录名', minLength: 1, maxLength: 100 }),
    password: Password,
    code: TotpCode,
  },
  { additionalProperties: false, title: '登录' },
)

export const EnrolmentParams = Type.Object({ code: IdString('typedCode', '注册码') })

export const EnrolmentView = Type.Object(
  {
    name: Type.String({ description: '姓名' }),
    login: Type.String({ description: '登录名' }),
    role: StaffView.properties.role,
    districtCode: StaffView.properties.districtCode,
    otpauthUri: Type.String({ description: 'otpauth://totp/… 网址，做成二维码供身份验证器扫描' }),
    secret: Type.String({ description: '身份验证器的密钥（base32），无法扫码时手动输入' }),
    passwordMinLength: Type.Integer({ description: '密码的最少字符数' }),
  },
  { title: '注册信息' },
)

export type EnrolmentView = Static<typeof EnrolmentView>

export const EnrolmentBody = Type.Object(
  {
    password: Password,
    code: TotpCode,
  },
  { additionalProperties: false, title: '设置密码并绑定身份验证器' },
)
