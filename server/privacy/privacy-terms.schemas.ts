import { Type, type Static } from '@sinclair/typebox'

export const PrivacyTerms = Type.Object(
  {
    tipsRetentionDays: Type.Integer({ description: '已办结或不予受理的反映在最后一次处理后保存的天数（TIPS_RETENTION_DAYS）', minimum: 1 }),
    uploadExpiryHours: Type.Integer({ description: '证据照片上传后，没有用于反映的，多少小时后删除', minimum: 1 }),
  },
  { title: '个人信息的保存期限（隐私政策中说明）' },
)
export type PrivacyTerms = Static<typeof PrivacyTerms>
