import type { FastifyReply, FastifyRequest } from 'fastify'

import { AppError } from './errors'

/** At most `limit` requests per client in each window of `windowMs`. */
export interface RateRule {
  limit: number
  windowMs: number
  /** What the client was doing, for the message: 提交反映, 上传照片, 查询进度. */
  action: string
}

interface Window {
  startedAt: number
  count: number
}

const SWEEP_EVERY = 1000

/**
 * Fixed-window counters per client address, in this process's memory. One instance is what the
 * embedded default runs; several instances behind a load balancer each count their own share
 * (README says so): a shared store would be needed for an exact city-wide limit.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>()
  private calls = 0

  constructor(
    private readonly rule: RateRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; the seconds to wait when the client is over its limit, else 0. */
  take(client: string): number {
    const now = this.now()
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now)
    let window = this.windows.get(client)
    if (!window || now - window.startedAt >= this.rule.windowMs) {
      window = { startedAt: now, count: 0 }
      this.windows.set(client, window)
    }
    window.count += 1
    if (window.count <= this.rule.limit) return 0
    return Math.max(1, Math.ceil((window.startedAt + this.rule.windowMs - now) / 1000))
  }

  /**
   * The seconds to wait when the client has already used up its limit, else 0; counts nothing.
   * For work counted only when it fails (take after the failure), checked before doing the work.
   */
  peek(client: string): number {
    const now = this.now()
    const window = this.windows.get(client)
    if (!window || now - window.startedAt >= this.rule.windowMs || window.count < this.rule.limit) return 0
    return Math.max(1, Math.ceil((window.startedAt + this.rule.windowMs - now) / 1000))
  }

  private sweep(now: number): void {
    for (const [client, window] of this.windows) {
      if (now - window.startedAt >= this.rule.windowMs) this.windows.delete(client)
    }
  }
}

export function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`
}

/**
 * A `preHandler` that answers 429 with Retry-After when the client (its address, which honours
 * TRUST_PROXY) is over the rule; `undefined` rule means no limit (RATE_LIMITS=off).
 */
export function rateLimit(rule: RateRule | undefined, now?: () => number) {
  const limiter = rule && new RateLimiter(rule, now)
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!limiter || !rule) return
    const wait = limiter.take(request.ip)
    if (wait === 0) return
    reply.header('retry-after', String(wait))
    throw new AppError(429, 'rate_limited', `${rule.action}太频繁了，请 ${waitInWords(wait)}后再试`)
  }
}

const MINUTE = 60 * 1000

/** The limits per client address. Generous for a person, tight for a script. */
export const RATE_RULES = {
  tips: { limit: 30, windowMs: 10 * MINUTE, action: '提交反映' },
  uploads: { limit: 120, windowMs: 10 * MINUTE, action: '上传照片' },
  lookups: { limit: 30, windowMs: 10 * MINUTE, action: '查询进度' },
  // The reporter's replies to staff (each also counts as a lookup: it opens the report by its code).
  replies: { limit: 20, windowMs: 10 * MINUTE, action: '发送回复' },
  staffLogins: { limit: 60, windowMs: 10 * MINUTE, action: '登录' },
  // Failed sign-ins and enrolment attempts of staff accounts, from one address (each account also locks itself).
  staffSignIns: { limit: 20, windowMs: 10 * MINUTE, action: '登录' },
  // Plenty for a family sharing a phone, tight for a script.
  participants: { limit: 20, windowMs: 10 * MINUTE, action: '登记参赛' },
  // A phone sends a few batches a launch; many phones can share one address (a carrier's NAT).
  counters: { limit: 60, windowMs: 10 * MINUTE, action: '提交使用计数' },
  // 投诉建议 and 纠错: a person sends a few; an outbox resending after a lost answer counts too.
  feedback: { limit: 30, windowMs: 10 * MINUTE, action: '提交投诉建议' },
} satisfies Record<string, RateRule>

/** The rule in words, for the API document: 每个客户端每 10 分钟最多提交反映 30 次… */
export function describeRateRule(rule: RateRule): string {
  return `每个客户端（按地址计）每 ${rule.windowMs / MINUTE} 分钟最多${rule.action} ${rule.limit} 次，超过时返回 429 和 Retry-After（RATE_LIMITS=false 时不限）。`
}
