import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { ErrorResponse } from '../errors'
import { UPLOAD_TTL_MS } from '../uploads/uploads.store'
import { PrivacyTerms } from './privacy-terms.schemas'

const HOUR_MS = 60 * 60 * 1000

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
        description: '本服务配置的保存期限，应用的隐私政策据此写明反映和证据照片保存多久。',
        response: { 200: PrivacyTerms, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async () => terms,
  )
}
