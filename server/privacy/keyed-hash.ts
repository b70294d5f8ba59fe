// A keyed hash of personal data, so reports from the same phone or against the same employer can
// be matched without decrypting anything. Without the key the hash cannot be tested against
// guesses (there are only about 10^10 mobile numbers). Callers normalise first (digits only, upper
// case, no spaces…): equal people must give equal strings.
import { createHmac } from 'node:crypto'

import type { HashKey } from './keyring'

/**
 * 'submission': the fingerprint of a whole report, which holds name, mobile and ID number.
 * 'rate_limit_client': whom a rate limit counts (a device id, a network address…), as kept in Redis.
 * 'wechat_openid': the mini-program user's openid, the only form in which it is stored.
 */
export const KEYED_HASH_KINDS = ['mobile', 'resident_id', 'employer', 'submission', 'address', 'rate_limit_client', 'upload_client', 'wechat_openid'] as const
export type KeyedHashKind = (typeof KEYED_HASH_KINDS)[number]

/** HMAC-SHA256 as 64 hex digits; the kind is part of the input, so a phone never matches an ID number. */
export function keyedHash(hashKey: HashKey, kind: KeyedHashKind, normalisedValue: string): string {
  if (!KEYED_HASH_KINDS.includes(kind)) throw new Error(`unknown keyed hash kind ${JSON.stringify(kind)}`)
  // Every empty value would hash alike and link unrelated reports.
  if (normalisedValue === '') throw new Error(`keyed hash of an empty ${kind}`)
  return createHmac('sha256', hashKey.material())
    .update(JSON.stringify(['pufa-keyed-hash', 'v1', kind, normalisedValue]), 'utf8')
    .digest('hex')
}
