// Time-based one-time passwords as authenticator apps make them: RFC 6238 over the HOTP of RFC 4226,
// with the parameters every app supports (HMAC-SHA-1, 6 digits, 30-second steps).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

import { base32Decode, base32Encode } from './base32'

const STEP_SECONDS = 30
const DIGITS = 6
/** Steps either side of now that are still accepted: a phone's clock may be off by up to 30 s. */
const DRIFT_STEPS = 1
/** 160 bits, the length RFC 4226 recommends (the HMAC-SHA-1 block's natural key). */
const SECRET_BYTES = 20

/** A new secret, in base32 as apps take it. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES))
}

/** The HOTP value of RFC 4226 for a counter, as 6 digits. */
export function hotp(secret: Uint8Array, counter: number): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const digest = createHmac('sha1', secret).update(message).digest()
  // Dynamic truncation (RFC 4226 section 5.3).
  const offset = digest[digest.length - 1] & 0x0f
  const binary = digest.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0')
}

/** The time step T of RFC 6238 at an instant. */
export function totpStepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / STEP_SECONDS)
}

/** The code an app shows at an instant. */
export function totpAt(secretBase32: string, epochMs: number): string {
  return hotp(secretBytes(secretBase32), totpStepAt(epochMs))
}

/** What a person typed, as 6 digits ('123 456' → '123456'), or undefined when it cannot be a code. */
export function normaliseTotpCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '')
  return new RegExp(`^\\d{${DIGITS}}$`).test(digits) ? digits : undefined
}

/**
 * The time step whose code this is, within DRIFT_STEPS of now, or undefined. Every candidate is
 * computed and compared in constant time, so the time taken says nothing about which one matched.
 */
export function matchTotp(secretBase32: string, typed: string, epochMs: number): number | undefined {
  const code = normaliseTotpCode(typed) ?? '-'.repeat(DIGITS)
  const secret = secretBytes(secretBase32)
  const now = totpStepAt(epochMs)
  let matched: number | undefined
  for (let step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step += 1) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code)) && matched === undefined) matched = step
  }
  return matched
}

/** The otpauth URI (Google Authenticator's Key Uri Format) that a QR code carries to the app. */
export function otpauthUri({ issuer, account, secretBase32 }: { issuer: string; account: string; secretBase32: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`
  const query = new URLSearchParams({ secret: secretBase32, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(STEP_SECONDS) })
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`
}

function secretBytes(secretBase32: string): Buffer {
  const bytes = base32Decode(secretBase32)
  if (!bytes || bytes.length === 0) throw new Error('a TOTP secret must be base32')
  return bytes
}
