import { Type, type Static } from '@sinclair/typebox'

/** The one shape of every error answer. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '错误代码（英文，供程序判断），如 validation_failed、tip_not_found、too_many_requests' }),
      message: Type.String({ description: '给人看的中文说明，可直接展示' }),
      fields: Type.Optional(
        Type.Record(Type.String(), Type.String(), {
          description: '校验失败时，每个有问题的字段（以点分隔的路径，如 reporter.mobile）及其中文说明',
        }),
      ),
    }),
  },
  { title: '错误' },
)
export type ErrorResponse = Static<typeof ErrorResponse>
