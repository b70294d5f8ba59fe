// The real service for the journeys: the whole Fastify app on its own SQLite data folder with the
// sample content, reached by the build's wx.request (through app.inject, as the service would answer
// over HTTP), and the local stand-in of WeChat's server API that the tests use (test/support), which
// gives wx.login's codes and answers the service's jscode2session.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { loadConfig, prepareDataDir } from '../../../server/config'
import { migrate } from '../../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import { createServer } from '../../../server/server'
import { startWeChatStandIn, type WeChatStandIn } from '../../../test/support/wechat-standin'
import type { Reachable, WxRequest, WxResponse } from './wx-stub'

/** The bureau's subscription templates, as set in WECHAT_TEMPLATE_ACCEPTED, _CLOSED and _MESSAGE. */
export const SMOKE_TEMPLATES = { accepted: 'smoke-tpl-accepted', closed: 'smoke-tpl-closed', message: 'smoke-tpl-message' } as const

const APP_ID = 'wx0011223344556677'
const SECRET = 'SmokeTestSecret0123456789abcdefg'

export interface SmokeService extends Reachable {
  app: FastifyInstance
  wechat: WeChatStandIn
  /** The WeChat user the phone belongs to. */
  openid: string
  /** The login codes wx.login gave, in order. */
  loginCodes: string[]
  /** Every request the build made, with its answer. */
  requests: { method: string; path: string; headers: Record<string, string>; body: unknown; status: number; answer: unknown }[]
  /** Resolves once no request the build made is still being answered. */
  settled(): Promise<void>
  stop(): Promise<void>
}

export async function startSmokeService(): Promise<SmokeService> {
  const wechat = await startWeChatStandIn({ appId: APP_ID, secret: SECRET })
  Object.values(SMOKE_TEMPLATES).forEach((id) => wechat.templates.add(id))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-smoke-'))
  let app: FastifyInstance | undefined
  try {
    const config = prepareDataDir(
      loadConfig({
        DATA_DIR: path.join(dir, 'data'),
        H5_DIR: path.join(dir, 'h5'),
        CONSOLE_DIR: path.join(dir, 'console'),
        DATABASE_URL: '',
        LOG_LEVEL: 'silent',
        RATE_LIMITS: 'false',
        WECHAT_APPID: APP_ID,
        WECHAT_SECRET: SECRET,
        WECHAT_API_BASE: wechat.url,
        WECHAT_TEMPLATE_ACCEPTED: SMOKE_TEMPLATES.accepted,
        WECHAT_TEMPLATE_CLOSED: SMOKE_TEMPLATES.closed,
        WECHAT_TEMPLATE_MESSAGE: SMOKE_TEMPLATES.message,
      }),
    )
    app = await createServer(config, { logger: false })
    await app.ready()
    await migrate(app.db)
    // The bureau's site and content, without which the service takes no reports.
    await loadSampleContentIfEmpty(app.db)
  } catch (error) {
    await app?.close()
    await wechat.close()
    fs.rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const service: FastifyInstance = app
  const openid = 'o-smoke-worker'
  const loginCodes: string[] = []
  const requests: SmokeService['requests'] = []
  const answering = new Set<Promise<WxResponse>>()

  function request(options: WxRequest): Promise<WxResponse> {
    const answer = respond(options)
    answering.add(answer)
    void answer.finally(() => answering.delete(answer)).catch(() => undefined)
    return answer
  }

  async function respond(options: WxRequest): Promise<WxResponse> {
    const url = new URL(options.url)
    const method = (options.method ?? 'GET').toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE'
    const headers = Object.fromEntries(Object.entries(options.header ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]))
    const hasBody = method !== 'GET' && options.data !== undefined
    const payload = hasBody ? (typeof options.data === 'string' ? options.data : JSON.stringify(options.data)) : undefined
    const response = await service.inject({ method, url: `${url.pathname}${url.search}`, headers, payload })
    let data: unknown = response.body
    if (String(response.headers['content-type'] ?? '').includes('json') && response.body) data = JSON.parse(response.body) as unknown
    requests.push({ method, path: url.pathname, headers, body: hasBody ? options.data : undefined, status: response.statusCode, answer: data })
    const header = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]))
    return { statusCode: response.statusCode, data, header }
  }

  return {
    app: service,
    wechat,
    openid,
    loginCodes,
    requests,
    request,
    settled: async () => {
      while (answering.size > 0) await Promise.allSettled([...answering])
    },
    loginCode: () => {
      const code = wechat.loginCode(openid)
      loginCodes.push(code)
      return code
    },
    stop: async () => {
      await service.close()
      await wechat.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
