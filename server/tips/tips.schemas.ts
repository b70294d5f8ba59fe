import { Type, type Static } from '@sinclair/typebox'

import { Deadlines } from './tips.status.schemas'


export const TipReceived = Type.Object(
  {
    trackingCode: Type.String({ description: '查询码' }),
    accessKey: Type.Optional(Type.String({ description: '匿名反映的查询密钥，只返回这一次' })),
    deadlines: Deadlines,
  },
  { title: '已收到欠薪线索' },
)

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/
export type TipReceived = Static<typeof TipReceived>
