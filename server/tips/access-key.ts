import { createHash } from 'node:crypto'

/**
 * What `tips.access_key_hash` stores for an anonymous report's access key, given in its canonical
 * form (formatAccessKey, or parseAccessKey of what the reporter typed). The same computation as in
 * tips.routes.ts: the key has 135 random bits, so a plain SHA-256 cannot be reversed by guessing.
 */
export function accessKeyHashOf(canonicalAccessKey: string): string {
  return createHash('sha256').update(`pufa-access-key:v1:${canonicalAccessKey}`).digest('hex')
}
