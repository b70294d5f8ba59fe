import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from '@sinclair/typebox'

import { ErrorResponse } from '../errors'
import { UPLOAD_TTL_MS } from '../uploads/uploads.store'

const HOUR_MS = 60 * 60 * 1000

export const PrivacyTerms = Type.Object(
  {
    tipsRetentionDays: Type.Integer({ description: '已办结或不予受理的反映在最后一次处理后保存的天数（TIPS_RETENTION_DAYS）' }),
    uploadExpiryHours: Type.Integer({ description: '证据照片上传后，没有用于反映的，多少小时后删除' }),
  },
  { title: '个人信息的保存期限（隐私政策中说明）' },
)
export type PrivacyTerms = Static<typeof PrivacyTerms>

/** The periods this service is configured to keep data for, so that the app's privacy text names them truly. */
export const privacyTermsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const terms: PrivacyTerms = {
    tipsRetentionDays: app.config.tipsRetentionDays,
    uploadExpiryHours: Math.round(UPLOAD_TTL_MS / HOUR_MS),
  }
  app.get(
    '/privacy-terms',
    {
      schema: {
        summary: '个人信息的保存期限',
        response: { 200: PrivacyTerms, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async () => terms,
  )
}
