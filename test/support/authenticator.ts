// What a staff member's authenticator app does with the key it was given (RFC 6238 TOTP with the
// parameters every app uses: HMAC-SHA-1, 6 digits, 30-second steps), written apart from the
// service's own code so that the browser tests check the two agree.
import { createHmac } from 'node:crypto'

const STEP_SECONDS = 30
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function base32Bytes(text: string): Buffer {
  const bits = [...text.replace(/[\s=]/g, '').toUpperCase()]
    .map((char) => {
      const value = BASE32.indexOf(char)
      if (value < 0) throw new Error(`not base32: ${char}`)
      return value.toString(2).padStart(5, '0')
    })
    .join('')
  const bytes: number[] = []
  for (let index = 0; index + 8 <= bits.length; index += 8) bytes.push(parseInt(bits.slice(index, index + 8), 2))
  return Buffer.from(bytes)
}

export function totpStep(at = Date.now()): number {
  return Math.floor(at / 1000 / STEP_SECONDS)
}

export function totpCode(secret: string, step = totpStep()): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(value).padStart(6, '0')
}

/** The code of the first step after `step`, waiting for it: the service takes each step's code once. */
export async function codeAfter(secret: string, step: number): Promise<{ code: string; step: number }> {
  while (totpStep() <= step) await new Promise((resolve) => setTimeout(resolve, 250))
  const now = totpStep()
  return { code: totpCode(secret, now), step: now }
}
