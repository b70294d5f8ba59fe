import { createHash, randomBytes } from 'node:crypto'

// `pufa_st_` + 32 random bytes in base64url: the prefix lets secret scanners and people recognise
// a leaked token. 256 random bits need no slow hash: SHA-256 of the whole token is what is stored.
const TOKEN_PREFIX = 'pufa_st_'
const TOKEN_RANDOM_BYTES = 32
const TOKEN_PATTERN = /^pufa_st_[A-Za-z0-9_-]{43}$/

export function generateStaffToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(TOKEN_RANDOM_BYTES).toString('base64url')}`
}

export function looksLikeStaffToken(text: string): boolean {
  return TOKEN_PATTERN.test(text)
}

export function staffTokenHashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
