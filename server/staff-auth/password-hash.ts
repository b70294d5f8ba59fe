// Staff passwords hashed with scrypt (memory-hard), a salt of their own, and the parameters
// written with the hash, so the parameters can be raised later: a sign-in with an older hash
// stores a new one (needsRehash).
//
//   scrypt$<log2 N>$<r>$<p>$<salt>$<key>      (salt and key in base64url)
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

interface Parameters {
  /** log2 of the CPU/memory cost N. */
  logN: number
  r: number
  p: number
}

// N = 2^15, r = 8: 32 MiB and about a tenth of a second per hash on this project's machine,
// bearable for a few sign-ins a minute and costly for anyone guessing offline.
const CURRENT: Parameters = { logN: 15, r: 8, p: 1 }
const SALT_BYTES = 16
const KEY_BYTES = 32
const PREFIX = 'scrypt'
const BASE64URL = /^[A-Za-z0-9_-]+$/

function derive(password: string, salt: Buffer, { logN, r, p }: Parameters): Promise<Buffer> {
  const N = 2 ** logN
  // scrypt needs 128·N·r bytes; Node refuses anything over maxmem (32 MiB by default), so allow twice that.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }
  return new Promise((resolve, reject) => {
    // NFC: the same password typed through different input methods is the same password.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, CURRENT)
  return [PREFIX, CURRENT.logN, CURRENT.r, CURRENT.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

interface Parsed extends Parameters {
  salt: Buffer
  key: Buffer
}

function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined
  const [logN, r, p] = parts.slice(1, 4).map(Number)
  const [salt, key] = parts.slice(4)
  const sane = Number.isInteger(logN) && logN >= 10 && logN <= 22 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16
  if (!sane || !BASE64URL.test(salt) || !BASE64URL.test(key)) return undefined
  return { logN, r, p, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
}

/** True when the password is the one hashed; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed)
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

/** A hash made with other parameters than today's: store a new one after the next good sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored)
  return !parsed || parsed.logN !== CURRENT.logN || parsed.r !== CURRENT.r || parsed.p !== CURRENT.p
}

let decoy: Promise<string> | undefined

/**
 * Hashes against a hash of nothing anyone knows: the work a wrong password for a real account costs,
 * spent when there is no account (or no password yet), so timing does not tell the two apart.
 */
export async function spendPasswordWork(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'))
  await verifyPassword(password, await decoy)
}
