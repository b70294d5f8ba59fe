// Helpers of the rate-limit tests: requests from one app device, and Redis for the shared store.
//
//   describe.each(redisStores())('… with Redis', () => {
//     const prefix = useRedisPrefix()   // a fresh REDIS_KEY_PREFIX, its keys deleted afterwards
//   })
//
// When Redis cannot be reached the Redis tests are skipped with a warning, except with CI=true,
// where they fail.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

import type { InjectOptions } from 'fastify'
import { Redis } from 'ioredis'

import { REPO_ROOT } from '../../server/config'
import { DEVICE_ID_HEADER } from '../../src/core/device-id'

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A device id as the app makes one. */
export function newDeviceId(): string {
  return randomBytes(16).toString('hex')
}

/** The request as the app on that device sends it. */
export function fromDevice<T extends InjectOptions>(options: T, deviceId: string): T {
  return { ...options, headers: { ...options.headers, [DEVICE_ID_HEADER.toLowerCase()]: deviceId } }
}

// Jest collects tests synchronously, so whether Redis answers must be known synchronously.
const PROBE = `
const { Redis } = require('ioredis')
const redis = new Redis(process.argv[1], { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null })
redis.connect().then(() => redis.ping()).then(() => redis.quit()).then(() => process.exit(0), () => process.exit(1))
`
let redisReachable: boolean | undefined

/** [TEST_REDIS_URL] when Redis answers (or CI=true, to fail there), else [] with a warning. */
export function redisUrls(): string[] {
  if (redisReachable === undefined) {
    const probe = spawnSync(process.execPath, ['-e', PROBE, TEST_REDIS_URL], { cwd: REPO_ROOT, timeout: 10_000 })
    redisReachable = probe.status === 0
    if (!redisReachable && process.env.CI !== 'true') {
      console.warn(`Redis at ${TEST_REDIS_URL} is unreachable: the tests of rate limits shared through Redis are skipped (set TEST_REDIS_URL, or CI=true to make this a failure).`)
    }
  }
  return redisReachable || process.env.CI === 'true' ? [TEST_REDIS_URL] : []
}

/** A REDIS_KEY_PREFIX of this block's own; its keys (and only those) are deleted afterwards. */
export function useRedisPrefix(url: string): string {
  const prefix = `pufa-test-${randomBytes(6).toString('hex')}:`
  afterAll(async () => {
    const redis = new Redis(url)
    try {
      let cursor = '0'
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
        if (keys.length > 0) await redis.del(...keys)
        cursor = next
      } while (cursor !== '0')
    } finally {
      await redis.quit()
    }
  })
  return prefix
}
