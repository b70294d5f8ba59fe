import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { DEFAULT_SITE } from '../../src/core/site'
import { ErrorResponse } from '../errors'
import { SiteSummary } from './site.schemas'

/**
 * The site settings without the long texts (privacy policy): what the staff console needs for its
 * header and district names, instead of paging through the whole content sync.
 */
export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/site',
    {
      schema: {
        summary: '站点设置摘要：城市、主管部门、服务热线、区县',
        description: '来自内容订阅源的站点设置；尚未载入时为默认城市，区县为空。',
        response: { 200: SiteSummary, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (_request, reply) => {
      const site = (await app.contentCache.facts()).site ?? DEFAULT_SITE
      reply.header('cache-control', 'no-cache')
      return {
        cityName: site.cityName,
        bureauName: site.bureauName,
        hotline: site.hotline,
        districts: site.districts.map(({ code, name }) => ({ code, name })),
      }
    },
  )
}
