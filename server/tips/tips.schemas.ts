import { Type, type Static } from '@sinclair/typebox'

const Deadline = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD（中国日期）' }),
  covered: Type.Boolean({ description: 'false 表示节假日安排尚未覆盖，日期为估算' }),
})

export const TipReceived = Type.Object(
  {
    trackingCode: Type.String({ description: '查询码' }),
    accessKey: Type.Optional(Type.String({ description: '匿名反映的查询密钥，只返回这一次' })),
    deadlines: Type.Object({ acceptBy: Deadline, investigateBy: Deadline, extendedBy: Deadline }),
  },
  { title: '已收到欠薪线索' },
)

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/
export type TipReceived = Static<typeof TipReceived>
