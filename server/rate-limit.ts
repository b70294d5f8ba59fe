import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

import { DEVICE_ID_HEADER, isDeviceId } from '../src/core/device-id'
import { parseTrackingCode } from '../src/core/tips/tracking-code'
import { AppError } from './errors'
import { keyedHash } from './privacy/keyed-hash'
import { participantTokenOf } from './quiz/participant-token'

/**
 * Whom a rule counts together: an identity of the client's own (the app's device id, a contest
 * participant's token, a staff account) or, where there is none, its network address; or what is
 * being guessed at, whoever guesses (a report's tracking code, in the path as `:code`).
 */
export type ClientKind = 'device' | 'participant' | 'staff' | 'address' | 'trackingCode'

/** At most `limit` requests per client in each window of `windowMs`. */
export interface RateRule {
  /** What the client was doing, for the message: 提交反映, 上传照片, 查询进度. */
  action: string
  key: ClientKind
  limit: number
  /**
   * With an identity key: at most this many requests from one address in the window, whoever sends
   * them. A flood guard sized for a work site's WiFi or a carrier's NAT, not a per-person limit;
   * requests without an identity meet only this one.
   */
  perAddress?: number
  windowMs: number
  /** Why the limit exists, for README and the API document. */
  purpose: string
}

const MINUTE = 60 * 1000

/**
 * The one table of limits (README「限流」shows it). Generous for a person, tight for a script; an
 * address holds many people (a site's WiFi, a carrier's NAT), so it is only a flood guard.
 */
export const RATE_RULES = {
  tips: { action: '提交反映', key: 'device', limit: 30, perAddress: 600, windowMs: 10 * MINUTE, purpose: '防止脚本大量提交反映' },
  uploads: { action: '上传照片', key: 'device', limit: 120, perAddress: 1200, windowMs: 10 * MINUTE, purpose: '防止大量上传占满存储' },
  // Every lookup counts, found or not: guessing codes or verifiers costs the same.
  lookups: { action: '查询进度', key: 'device', limit: 30, perAddress: 300, windowMs: 10 * MINUTE, purpose: '防止猜测查询码和查询密钥' },
  // Failed verifiers (X-Tip-Verifier) of one tracking code, from any device or address: a named
  // report opens to the last four digits of a phone, 10,000 guesses, so rotating device ids and
  // addresses must not buy more tries. Counted for unknown codes too (a lock tells nothing), and
  // once reached the code is refused before any check, the right verifier too, until the hour ends.
  verifierFailures: { action: '输错验证信息', key: 'trackingCode', limit: 10, windowMs: 60 * MINUTE, purpose: '防止知道查询码后猜测联系电话后四位或查询密钥' },
  // The reporter's replies to staff (each also counts as a lookup: it opens the report by its code).
  replies: { action: '发送回复', key: 'device', limit: 20, perAddress: 400, windowMs: 10 * MINUTE, purpose: '防止大量回复淹没工作人员' },
  // 投诉建议 and 纠错: a person sends a few; an outbox resending after a lost answer counts too.
  feedback: { action: '提交投诉建议', key: 'device', limit: 30, perAddress: 300, windowMs: 10 * MINUTE, purpose: '防止大量投诉建议和纠错淹没工作人员' },
  // Anonymous by design: the batches carry no device id, so only the address is counted.
  counters: { action: '提交使用计数', key: 'address', limit: 600, windowMs: 10 * MINUTE, purpose: '防止刷高阅读和练习计数' },
  // Registration has no identity yet: a carrier's NAT or a factory's WiFi during an organised
  // contest can put a couple of thousand people behind one address in ten minutes.
  participants: { action: '登记参赛', key: 'address', limit: 2000, windowMs: 10 * MINUTE, purpose: '防止脚本大量登记参赛者' },
  // Every launch of the mini-program signs in once; like registration, no identity yet.
  wechatSessions: { action: '微信登录', key: 'address', limit: 2000, windowMs: 10 * MINUTE, purpose: '防止脚本大量调用微信登录接口' },
  // WeChat charges the bureau for each phone number it hands over; a person fills a form a few times.
  phoneNumbers: { action: '获取微信手机号', key: 'device', limit: 10, perAddress: 600, windowMs: 10 * MINUTE, purpose: '微信按次收取获取手机号的费用，防止脚本刷取' },
  // Starting attempts, answering, handing in, reading results: a 100-question attempt is 103 requests.
  quiz: { action: '答题', key: 'participant', limit: 300, perAddress: 30000, windowMs: 10 * MINUTE, purpose: '防止脚本刷题' },
  // Only failed bearer tokens on the staff API count (an expired session is no guess).
  staffLogins: { action: '登录', key: 'address', limit: 60, windowMs: 10 * MINUTE, purpose: '防止猜测工作人员令牌' },
  // Failed sign-ins and enrolment attempts of staff accounts (each account also locks itself).
  staffSignIns: { action: '登录', key: 'address', limit: 20, windowMs: 10 * MINUTE, purpose: '防止猜测工作人员密码和验证码' },
  // Five a second for ten minutes: far above a person working the console (a page a second is 600)
  // or a system paging through an export, below a runaway script.
  staff: { action: '访问工作台', key: 'staff', limit: 3000, windowMs: 10 * MINUTE, purpose: '防止失控的脚本拖慢工作台' },
} satisfies Record<string, RateRule>

export type RateRuleName = keyof typeof RATE_RULES

const KEY_NAMES: Record<ClientKind, string> = {
  device: `设备（请求头 ${DEVICE_ID_HEADER}；在微信小程序中为微信用户）`,
  participant: '参赛者',
  staff: '工作人员账号',
  address: '网络地址',
  trackingCode: '查询码',
}

/** The rule in words, for the API document. */
export function describeRateRule(rule: RateRule): string {
  const minutes = rule.windowMs / MINUTE
  const guard = rule.perAddress === undefined ? '' : `；同一网络地址合计每 ${minutes} 分钟最多 ${rule.perAddress} 次`
  return `每个${KEY_NAMES[rule.key]}每 ${minutes} 分钟最多${rule.action} ${rule.limit} 次${guard}，超过时返回 429 和 Retry-After（RATE_LIMITS=false 时不限）。`
}

export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`
  return seconds < 2 * 60 * 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${Math.ceil(seconds / 3600)} 小时`
}

/** A 429 with Retry-After, in the documented error shape (the error handler adds nothing else). */
export function rateLimited(reply: FastifyReply, waitSeconds: number, message: (wait: string) => string): AppError {
  reply.header('retry-after', String(waitSeconds))
  return new AppError(429, 'rate_limited', message(waitInWords(waitSeconds)))
}

const badDeviceId = () =>
  new AppError(400, 'invalid_device_id', `请求头 ${DEVICE_ID_HEADER} 应为 32 位十六进制字符（小写）的设备标识；可以不带，但不能乱写`)

/**
 * The client's own identity of the kind, or undefined when the request carries none. The one place
 * identities are read: a person signed in from WeChat (X-Pufa-Session, server/wechat/wechat-session.ts)
 * is counted as that person on every phone, ahead of the device id or participant token.
 */
function identityOf(request: FastifyRequest, kind: ClientKind): string | undefined {
  switch (kind) {
    case 'device': {
      if (request.wechatUserId) return `wechat:${request.wechatUserId}`
      const header = request.headers[DEVICE_ID_HEADER.toLowerCase()]
      if (header === undefined) return undefined
      if (typeof header !== 'string' || !isDeviceId(header)) throw badDeviceId()
      return header
    }
    case 'participant':
      return request.wechatUserId ? `wechat:${request.wechatUserId}` : participantTokenOf(request)
    case 'staff':
      return request.staff?.id
    case 'address':
      return addressOf(request)
    case 'trackingCode': {
      // As the lookup reads it, so that another spelling of the code is no fresh start; a code
      // that cannot be one opens nothing, and counts nothing.
      const { code } = request.params as { code?: unknown }
      const parsed = typeof code === 'string' ? parseTrackingCode(code) : undefined
      return parsed?.ok ? parsed.value : undefined
    }
  }
}

// The address honours TRUST_PROXY; an IPv6 client holds a whole /64, counted as one.
const addressOf = (request: FastifyRequest) => normalizeIP(request.ip)

type Limiter = ReturnType<FastifyInstance['createRateLimit']>

/** Where a client's count stands in its window, which ends in `ttl` ms. */
interface Count {
  /** The request just counted went over the limit. */
  exceeded: boolean
  /** Nothing is left in the window: the next request would go over. */
  usedUp: boolean
  ttl: number
}

/** Counters of one rule, by key; failures of the store answer undefined (the request goes through). */
type Counter = (request: FastifyRequest, key: string, increment: boolean) => Promise<Count | undefined>

export interface FailureCounter {
  /** 429 when the client has already used up the rule; counts nothing. Call before doing the work. */
  refuseWhenOver(request: FastifyRequest, reply: FastifyReply, message: (wait: string) => string): Promise<void>
  /** Counts one failure; the seconds to wait when the client is now over the rule, else 0. */
  count(request: FastifyRequest): Promise<number>
}

export interface RequestLimits {
  /** An onRequest hook counting every request against the rule: 429 once the client, or its address, is over. */
  guard(name: RateRuleName): onRequestAsyncHookHandler
  /** A rule that counts failures only (sign-in guesses). */
  failures(name: RateRuleName): FailureCounter
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The limits of RATE_RULES; they let everything through with RATE_LIMITS=false. */
    limits: RequestLimits
  }
}

const noLimits: RequestLimits = {
  guard: () => async () => {},
  failures: () => ({ refuseWhenOver: async () => {}, count: async () => 0 }),
}

const waitSeconds = (count: Count) => Math.max(1, Math.ceil(count.ttl / 1000))

/**
 * When Redis fails, limits are skipped rather than the service (skipOnError, done here so that it is
 * logged): one warning when it starts, one line when it is back, nothing about the request.
 */
class StoreHealth {
  private failing = false

  constructor(private readonly app: FastifyInstance) {}

  failed(error: unknown): void {
    if (this.failing) return
    this.failing = true
    const { name, code } = error as { name?: unknown; code?: unknown }
    this.app.log.warn({ store: 'redis', error: { name: String(name), code: typeof code === 'string' ? code : undefined } }, '限流计数暂时无法读写 Redis：在恢复之前不限流')
  }

  succeeded(): void {
    if (!this.failing) return
    this.failing = false
    this.app.log.info({ store: 'redis' }, '限流计数已恢复读写 Redis')
  }
}

function redisClient(app: FastifyInstance, url: string, health: StoreHealth): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    // A command while Redis is away fails at once instead of waiting in a queue: the request goes on unlimited.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
  })
  redis.on('error', (error: unknown) => health.failed(error))
  redis.on('ready', () => health.succeeded())
  app.addHook('onClose', async () => {
    if (redis.status === 'ready') await redis.quit()
    else redis.disconnect()
  })
  return redis
}

async function requestLimits(app: FastifyInstance): Promise<RequestLimits> {
  const { config } = app
  const health = new StoreHealth(app)
  const redis = config.redisUrl === undefined ? undefined : redisClient(app, config.redisUrl, health)
  // Without Redis each instance counts in its own memory (the latest 5,000 clients of each limit).
  // In Redis, keys read <prefix>rl:undefinedundefined-<rule>:<kind>:<hash>: the plugin puts a route
  // there, and limiters made with createRateLimit have none.
  await app.register(fastifyRateLimit, {
    global: false,
    skipOnError: false,
    ...(redis ? { redis, nameSpace: `${config.redisKeyPrefix}rl:` } : {}),
  })
  // An instance whose Redis is down still starts and serves, unlimited; ioredis keeps reconnecting.
  await redis?.connect().catch((error: unknown) => health.failed(error))

  // The plugin asks the key of a request; ours is chosen per call (identity or address), so it is handed over here.
  const keys = new WeakMap<FastifyRequest, string>()
  const counterOf = (max: number, windowMs: number): Counter => {
    const limiter: Limiter = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (request) => keys.get(request) ?? '' })
    return async (request, key, increment) => {
      keys.set(request, key)
      try {
        const result = await limiter(request, { increment })
        if (redis) health.succeeded()
        return result.isAllowed ? undefined : { exceeded: result.isExceeded, usedUp: result.remaining === 0, ttl: result.ttl }
      } catch (error) {
        health.failed(error)
        return undefined
      }
    }
  }
  // Keyed hashes: Redis holds no address or device id, and one rule's counts never meet another's.
  const keyOf = (name: RateRuleName, kind: ClientKind | 'network', identity: string) =>
    `${name}:${kind}:${keyedHash(config.hashKey, 'rate_limit_client', `${kind === 'network' ? 'address' : kind}:${identity}`)}`

  // One count per rule however many routes ask for it: in memory, each limiter counts apart.
  const guards = new Map<RateRuleName, onRequestAsyncHookHandler>()
  const failureCounters = new Map<RateRuleName, FailureCounter>()
  const once = <T>(made: Map<RateRuleName, T>, name: RateRuleName, make: () => T): T => {
    const known = made.get(name)
    if (known !== undefined) return known
    const fresh = make()
    made.set(name, fresh)
    return fresh
  }

  return {
    guard: (name) => once(guards, name, () => guardOf(name)),
    failures: (name) => once(failureCounters, name, () => failuresOf(name)),
  }

  function guardOf(name: RateRuleName): onRequestAsyncHookHandler {
    const rule: RateRule = RATE_RULES[name]
    const perClient = counterOf(rule.limit, rule.windowMs)
    const perAddress = rule.perAddress === undefined ? undefined : counterOf(rule.perAddress, rule.windowMs)
    return async (request, reply) => {
      const identity = identityOf(request, rule.key)
      if (identity !== undefined) {
        const count = await perClient(request, keyOf(name, rule.key, identity), true)
        if (count?.exceeded) throw rateLimited(reply, waitSeconds(count), (wait) => `${rule.action}太频繁了，请 ${wait}后再试`)
      }
      if (perAddress && rule.key !== 'address') {
        const count = await perAddress(request, keyOf(name, 'network', addressOf(request)), true)
        if (count?.exceeded) {
          throw rateLimited(reply, waitSeconds(count), (wait) => `同一网络中${rule.action}的请求太多了，请 ${wait}后再试`)
        }
      }
    }
  }

  function failuresOf(name: RateRuleName): FailureCounter {
    const rule: RateRule = RATE_RULES[name]
    const counter = counterOf(rule.limit, rule.windowMs)
    const keyFor = (request: FastifyRequest) => {
      const identity = identityOf(request, rule.key)
      return identity === undefined ? undefined : keyOf(name, rule.key, identity)
    }
    return {
      async refuseWhenOver(request, reply, message) {
        const key = keyFor(request)
        const count = key === undefined ? undefined : await counter(request, key, false)
        if (count?.usedUp) throw rateLimited(reply, waitSeconds(count), message)
      },
      async count(request) {
        const key = keyFor(request)
        const count = key === undefined ? undefined : await counter(request, key, true)
        return count?.exceeded ? waitSeconds(count) : 0
      },
    }
  }
}

/**
 * The limits as a plugin (@fastify/rate-limit): counts in Redis when REDIS_URL is set, shared by
 * every instance, else in this instance's memory. Registered before the routes that use them.
 */
export const rateLimits = fp(
  async (app: FastifyInstance) => {
    app.decorate('limits', app.config.rateLimits ? await requestLimits(app) : noLimits)
  },
  { name: 'pufa-rate-limits', fastify: '5.x' },
)
