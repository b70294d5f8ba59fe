// Keys for the personal data in reports, read from configuration text. The wiring reads:
//
//   PUFA_FIELD_KEYS  encryption keys, newest first: `k2:<base64>,k1:<base64>`. The first encrypts
//                    new values; the others only decrypt old ones until `pufa keys rotate` has
//                    moved every value to the first, after which they can be removed.
//   PUFA_HASH_KEY    the HMAC key of the de-duplication hash: `<base64>`. It has no id and is not
//                    rotated with the others: changing it makes old hashes unmatchable.
//
// Every key is 32 random bytes in standard base64, e.g. from `openssl rand -base64 32`.
// Key material lives only in private fields, so neither logging nor JSON can print it.

export const FIELD_KEYS_VARIABLE = 'PUFA_FIELD_KEYS'
export const HASH_KEY_VARIABLE = 'PUFA_HASH_KEY'

export const KEY_BYTES = 32
const KEY_ID_PATTERN = /^[a-z0-9]{1,16}$/
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const GENERATE_HINT = '可用 openssl rand -base64 32 生成'

/** Every problem in the key configuration at once; messages name key ids and positions, never key material. */
export class KeyringError extends Error {
  constructor(readonly problems: string[]) {
    super(`密钥配置有误，请修改后重试：\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'KeyringError'
  }
}

/** The field encryption keys: the current one for new values, and older ones kept for decryption. */
export class Keyring {
  readonly currentKeyId: string
  readonly #keys: ReadonlyMap<string, Buffer>

  /** `keys` in configuration order, already checked by parseKeyring: the first is the current key. */
  constructor(keys: ReadonlyArray<readonly [id: string, material: Buffer]>) {
    if (keys.length === 0) throw new Error('a keyring needs at least one key')
    this.#keys = new Map(keys.map(([id, material]) => [id, Buffer.from(material)]))
    this.currentKeyId = keys[0][0]
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()]
  }

  has(keyId: string): boolean {
    return this.#keys.has(keyId)
  }

  /** The key bytes, for field-crypto only. */
  material(keyId: string): Buffer | undefined {
    return this.#keys.get(keyId)
  }

  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds }
  }
}

/** The HMAC key of the keyed hash. */
export class HashKey {
  readonly #material: Buffer

  constructor(material: Buffer) {
    this.#material = Buffer.from(material)
  }

  /** The key bytes, for keyed-hash only. */
  material(): Buffer {
    return this.#material
  }

  toJSON(): string {
    return '[HashKey]'
  }
}

/** `k2:<base64>,k1:<base64>`: the first key is the current one. Throws a KeyringError listing every problem. */
export function parseKeyring(text: string, variable: string = FIELD_KEYS_VARIABLE): Keyring {
  const problems: string[] = []
  const keys: Array<[string, Buffer]> = []
  const reportedDuplicates = new Set<string>()
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')

  if (entries.length === 0) {
    problems.push(`${variable} 没有设置任何密钥，应写成“编号:密钥”，多个之间用英文逗号分开，如 k1:<32 字节密钥的 base64>；${GENERATE_HINT}`)
  }

  entries.forEach((entry, index) => {
    const position = `第 ${index + 1} 项`
    const colon = entry.indexOf(':')
    if (colon < 0) {
      problems.push(`${variable} ${position}缺少密钥编号，应写成“编号:密钥”，如 k1:<base64>`)
      return
    }
    const id = entry.slice(0, colon).trim()
    // An id that breaks the rules may be key material pasted in the wrong place: it is not echoed.
    if (!KEY_ID_PATTERN.test(id)) {
      problems.push(`${variable} ${position}的密钥编号不符合要求：只能用小写字母和数字，1 到 16 个字符`)
      return
    }
    if (keys.some(([known]) => known === id)) {
      if (!reportedDuplicates.has(id)) problems.push(`${variable} 中的密钥编号 ${id} 重复出现，每个编号只能用一次`)
      reportedDuplicates.add(id)
      return
    }
    const material = decodeKey(entry.slice(colon + 1).trim(), `${variable} 中的密钥 ${id}`, problems)
    if (material) keys.push([id, material])
  })

  if (problems.length > 0) throw new KeyringError(problems)
  return new Keyring(keys)
}

/** One base64 key of 32 bytes, without an id. Throws a KeyringError. */
export function parseHashKey(text: string, variable: string = HASH_KEY_VARIABLE): HashKey {
  const problems: string[] = []
  const value = text.trim()
  if (value === '') {
    problems.push(`${variable} 没有设置，应为 ${KEY_BYTES} 字节密钥的 base64（不写编号）；${GENERATE_HINT}`)
    throw new KeyringError(problems)
  }
  if (value.includes(':')) {
    problems.push(`${variable} 只写一个密钥的 base64，不写编号，也不用逗号分开多个密钥`)
    throw new KeyringError(problems)
  }
  const material = decodeKey(value, variable, problems)
  if (!material) throw new KeyringError(problems)
  return new HashKey(material)
}

function decodeKey(encoded: string, name: string, problems: string[]): Buffer | undefined {
  if (encoded === '') {
    problems.push(`${name} 是空的，应为 ${KEY_BYTES} 字节密钥的 base64；${GENERATE_HINT}`)
    return undefined
  }
  if (!BASE64_PATTERN.test(encoded)) {
    problems.push(`${name} 不是有效的 base64（只能含字母、数字、+、/，末尾可有 =，长度为 4 的倍数）；${GENERATE_HINT}`)
    return undefined
  }
  const material = Buffer.from(encoded, 'base64')
  if (material.length !== KEY_BYTES) {
    problems.push(`${name} 解码后为 ${material.length} 字节，应为 ${KEY_BYTES} 字节；${GENERATE_HINT}`)
    return undefined
  }
  return material
}
