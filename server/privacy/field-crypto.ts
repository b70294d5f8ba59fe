// Personal data in a database column, encrypted with AES-256-GCM:
//
//   v1.<key id>.<nonce>.<ciphertext>.<tag>     (the last three in base64url, without padding)
//
// The key id says which key of the keyring decrypts it, so keys can be rotated value by value.
// The additional authenticated data binds a value to its table, row and column: a value copied
// elsewhere does not decrypt. The tag is always 16 bytes: GCM would otherwise accept a truncated
// tag, and a 4-byte tag can be forged by trying 2^32 values.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

import { FIELD_KEYS_VARIABLE, type Keyring } from './keyring'

/** Where a value lives; all three are bound into its encryption. */
export interface FieldLocation {
  table: string
  rowId: string
  column: string
}

export type FieldDecryptFailure = 'malformed' | 'unknown_key' | 'authentication'

/** A stored value that cannot be decrypted; the message names where it lives, never its content. */
export class FieldDecryptError extends Error {
  constructor(
    readonly reason: FieldDecryptFailure,
    readonly location: FieldLocation,
    readonly keyId?: string,
  ) {
    super(describeFailure(reason, location, keyId))
    this.name = 'FieldDecryptError'
  }
}

const VERSION = 'v1'
const ALGORITHM = 'aes-256-gcm'
const NONCE_BYTES = 12
const TAG_BYTES = 16
const KEY_ID_PATTERN = /^[a-z0-9]{1,16}$/
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function describeFailure(reason: FieldDecryptFailure, { table, rowId, column }: FieldLocation, keyId?: string): string {
  const where = `${table}.${column}（记录 ${rowId}）`
  switch (reason) {
    case 'malformed':
      return `${where} 中的加密数据格式不对，无法解密`
    case 'unknown_key':
      return `${where} 使用密钥 ${keyId} 加密，但 ${FIELD_KEYS_VARIABLE} 中没有这个密钥；请把它加回去（放在当前密钥之后），运行 pufa keys rotate 后再移除`
    case 'authentication':
      return `${where} 的加密数据未通过校验：可能被改动过、被复制到了别的记录或字段，或者密钥 ${keyId} 的内容不对`
  }
}

export function encryptField(keyring: Keyring, plaintext: string, location: FieldLocation): string {
  checkLocation(location)
  // Buffer.from would silently turn a lone surrogate into U+FFFD: what decrypts must be what was given.
  if (LONE_SURROGATE.test(plaintext)) throw new Error('field plaintext is not well-formed UTF-16 (lone surrogate)')
  const keyId = keyring.currentKeyId
  const key = requireKey(keyring, keyId)
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(additionalData(keyId, location))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, keyId, nonce.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.')
}

export function decryptField(keyring: Keyring, value: string, location: FieldLocation): string {
  checkLocation(location)
  const parsed = parseValue(value, location)
  const key = keyring.material(parsed.keyId)
  if (!key) throw new FieldDecryptError('unknown_key', location, parsed.keyId)
  try {
    const decipher = createDecipheriv(ALGORITHM, key, parsed.nonce, { authTagLength: TAG_BYTES })
    decipher.setAAD(additionalData(parsed.keyId, location))
    decipher.setAuthTag(parsed.tag)
    const plaintext = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()])
    return plaintext.toString('utf8')
  } catch {
    throw new FieldDecryptError('authentication', location, parsed.keyId)
  }
}

/** The value under the current key, for `pufa keys rotate`; a value already under it is checked and returned unchanged. */
export function reencryptField(keyring: Keyring, value: string, location: FieldLocation): string {
  const plaintext = decryptField(keyring, value, location)
  if (parseValue(value, location).keyId === keyring.currentKeyId) return value
  return encryptField(keyring, plaintext, location)
}

interface ParsedValue {
  keyId: string
  nonce: Buffer
  ciphertext: Buffer
  tag: Buffer
}

function parseValue(value: string, location: FieldLocation): ParsedValue {
  const malformed = () => new FieldDecryptError('malformed', location)
  const parts = value.split('.')
  if (parts.length !== 5) throw malformed()
  const [version, keyId, nonceText, ciphertextText, tagText] = parts
  if (version !== VERSION || !KEY_ID_PATTERN.test(keyId)) throw malformed()
  const nonce = decodeBase64url(nonceText)
  const ciphertext = decodeBase64url(ciphertextText)
  const tag = decodeBase64url(tagText)
  if (!nonce || !ciphertext || !tag) throw malformed()
  // Checked here as well as by authTagLength: a short tag must never reach setAuthTag.
  if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) throw malformed()
  return { keyId, nonce, ciphertext, tag }
}

// Only the canonical spelling is accepted, so each stored value has exactly one form.
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL_PATTERN.test(text)) return undefined
  const bytes = Buffer.from(text, 'base64url')
  return bytes.toString('base64url') === text ? bytes : undefined
}

// JSON of an array is unambiguous: no choice of table, row or column can imitate another.
function additionalData(keyId: string, { table, rowId, column }: FieldLocation): Buffer {
  return Buffer.from(JSON.stringify(['pufa-field', VERSION, keyId, table, rowId, column]), 'utf8')
}

function checkLocation({ table, rowId, column }: FieldLocation): void {
  if (!table || !rowId || !column) throw new Error('a field location needs a table, a row id and a column')
}

function requireKey(keyring: Keyring, keyId: string): Buffer {
  const key = keyring.material(keyId)
  if (!key) throw new Error(`keyring has no material for its current key ${keyId}`)
  return key
}
