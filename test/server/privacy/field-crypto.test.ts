import { randomBytes } from 'node:crypto'

import { decryptField, encryptField, FieldDecryptError, reencryptField, type FieldLocation } from '../../../server/privacy/field-crypto'
import { parseKeyring, type Keyring } from '../../../server/privacy/keyring'

const K1 = randomBytes(32).toString('base64')
const K2 = randomBytes(32).toString('base64')
const keyringK1 = parseKeyring(`k1:${K1}`)
const keyringK2K1 = parseKeyring(`k2:${K2},k1:${K1}`)
const keyringK2 = parseKeyring(`k2:${K2}`)

const here: FieldLocation = { table: 'tips', rowId: 'tip_01HZX3', column: 'reporter_phone' }
const PHONE = '13812345678'

/** The decryption failure, or a test failure if the value decrypted. */
function failureOf(keyring: Keyring, value: string, location: FieldLocation = here): FieldDecryptError {
  try {
    decryptField(keyring, value, location)
  } catch (error) {
    if (error instanceof FieldDecryptError) return error
    throw error
  }
  throw new Error('expected a FieldDecryptError')
}

const parts = (value: string): string[] => value.split('.')
const decode = (part: string): Buffer => Buffer.from(part, 'base64url')
const withPart = (value: string, index: number, bytes: Buffer): string => {
  const next = parts(value)
  next[index] = bytes.toString('base64url')
  return next.join('.')
}

describe('encryptField and decryptField', () => {
  it('round-trips a phone number', () => {
    const value = encryptField(keyringK1, PHONE, here)
    expect(decryptField(keyringK1, value, here)).toBe(PHONE)
  })

  it.each([
    ['Chinese', '张三丰'],
    ['an ID number with X', '11010519491231002X'],
    ['emoji and combining marks', '李四 👷🏽‍♂️ é 𠮷'],
    ['the empty string', ''],
    ['a long text', '工地'.repeat(5000)],
  ])('round-trips %s', (_case, plaintext) => {
    expect(decryptField(keyringK1, encryptField(keyringK1, plaintext, here), here)).toBe(plaintext)
  })

  it('writes v1.<key id>.<12-byte nonce>.<ciphertext>.<16-byte tag> with no plain text in it', () => {
    const value = encryptField(keyringK2K1, PHONE, here)
    expect(value).toMatch(/^v1\.k2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    const [, , nonce, ciphertext, tag] = parts(value)
    expect(decode(nonce)).toHaveLength(12)
    expect(decode(ciphertext)).toHaveLength(Buffer.byteLength(PHONE))
    expect(decode(tag)).toHaveLength(16)
    expect(value).not.toContain(PHONE)
    expect(value).not.toContain('5678')
  })

  it('uses a fresh nonce every time: the same plaintext never gives the same value', () => {
    const values = Array.from({ length: 200 }, () => encryptField(keyringK1, PHONE, here))
    expect(new Set(values).size).toBe(values.length)
    expect(new Set(values.map((value) => parts(value)[2])).size).toBe(values.length)
    for (const value of values.slice(0, 5)) expect(decryptField(keyringK1, value, here)).toBe(PHONE)
  })

  it.each<[string, FieldLocation]>([
    ['another row', { ...here, rowId: 'tip_01HZX4' }],
    ['another column', { ...here, column: 'reporter_name' }],
    ['another table', { ...here, table: 'tips_archive' }],
    ['a shifted split of the same characters', { table: 'tips', rowId: 'tip_01HZX3reporter', column: '_phone' }],
  ])('refuses a value copied to %s', (_case, elsewhere) => {
    const value = encryptField(keyringK1, PHONE, here)
    const error = failureOf(keyringK1, value, elsewhere)
    expect(error.reason).toBe('authentication')
    expect(error.keyId).toBe('k1')
    expect(error.location).toEqual(elsewhere)
  })

  describe('tampering', () => {
    const value = encryptField(keyringK1, '王五 13812345678', here)

    it.each([
      ['nonce', 2],
      ['ciphertext', 3],
      ['tag', 4],
    ])('refuses every single-byte change of the %s', (_part, index) => {
      const original = decode(parts(value)[index])
      expect(original.length).toBeGreaterThan(0)
      for (let position = 0; position < original.length; position += 1) {
        for (const flip of [0x01, 0x80, 0xff]) {
          const tampered = Buffer.from(original)
          tampered[position] ^= flip
          expect(failureOf(keyringK1, withPart(value, index, tampered)).reason).toBe('authentication')
        }
      }
    })

    it('refuses a value whose key id was changed to another key', () => {
      const relabelled = value.replace(/^v1\.k1\./, 'v1.k2.')
      const keyring = parseKeyring(`k2:${K1},k1:${K1}`)
      expect(decryptField(keyring, value, here)).toBe('王五 13812345678')
      expect(failureOf(keyring, relabelled).reason).toBe('authentication')
    })

    it('refuses a value under the wrong key material', () => {
      const impostor = parseKeyring(`k1:${K2}`)
      expect(failureOf(impostor, value).reason).toBe('authentication')
    })

    it('refuses ciphertext with a byte added or removed', () => {
      const ciphertext = decode(parts(value)[3])
      expect(failureOf(keyringK1, withPart(value, 3, Buffer.concat([ciphertext, Buffer.from([0])]))).reason).toBe('authentication')
      expect(failureOf(keyringK1, withPart(value, 3, ciphertext.subarray(0, -1))).reason).toBe('authentication')
    })
  })

  describe('truncated tags (the GCM short-tag forgery)', () => {
    const value = encryptField(keyringK1, PHONE, here)
    const tag = decode(parts(value)[4])

    // Node accepts a genuine tag cut to 4 bytes unless the length is enforced; a 4-byte tag
    // would be forged in 2^32 tries.
    it.each([0, 1, 4, 8, 12, 13, 15])('refuses the genuine tag cut to %i bytes', (length) => {
      expect(failureOf(keyringK1, withPart(value, 4, tag.subarray(0, length))).reason).toBe('malformed')
    })

    it('refuses a tag that is too long', () => {
      expect(failureOf(keyringK1, withPart(value, 4, Buffer.concat([tag, Buffer.from([0])]))).reason).toBe('malformed')
    })

    it('refuses a nonce of the wrong size', () => {
      const nonce = decode(parts(value)[2])
      expect(failureOf(keyringK1, withPart(value, 2, nonce.subarray(0, 8))).reason).toBe('malformed')
      expect(failureOf(keyringK1, withPart(value, 2, Buffer.concat([nonce, nonce]))).reason).toBe('malformed')
    })
  })

  it.each([
    ['plain text', PHONE],
    ['an empty string', ''],
    ['another version', 'v2.k1.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['too few parts', 'v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['too many parts', 'v1.k1.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['a bad key id', 'v1.K1.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['standard base64 characters', 'v1.k1.AAAAAAAAAAAAAAA+.AAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['padding', 'v1.k1.AAAAAAAAAAAAAAAA.AA==.AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses a malformed value: %s', (_case, value) => {
    const error = failureOf(keyringK1, value)
    expect(error.reason).toBe('malformed')
    expect(error.message).toBe('tips.reporter_phone（记录 tip_01HZX3） 中的加密数据格式不对，无法解密')
  })

  it('refuses a non-canonical base64url spelling of the same bytes', () => {
    const value = encryptField(keyringK1, PHONE, here)
    const tagText = parts(value)[4]
    // 16 bytes use 2 of the 6 bits of the last character; setting a spare bit decodes to the same tag.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = last[last.indexOf(tagText[21]) ^ 1]
    const respelled = [...parts(value).slice(0, 4), tagText.slice(0, 21) + sibling].join('.')
    expect(decode(tagText.slice(0, 21) + sibling).equals(decode(tagText))).toBe(true)
    expect(failureOf(keyringK1, respelled).reason).toBe('malformed')
  })

  it('names an unknown key id and says what to do', () => {
    const value = encryptField(keyringK1, PHONE, here)
    const error = failureOf(keyringK2, value)
    expect(error.reason).toBe('unknown_key')
    expect(error.keyId).toBe('k1')
    expect(error.message).toBe(
      'tips.reporter_phone（记录 tip_01HZX3） 使用密钥 k1 加密，但 PUFA_FIELD_KEYS 中没有这个密钥；请把它加回去（放在当前密钥之后），运行 pufa keys rotate 后再移除',
    )
  })

  it('never puts plaintext, ciphertext or key material in its errors', () => {
    const plaintext = '赵六 13900001111'
    const value = encryptField(keyringK1, plaintext, here)
    const [, , nonce, ciphertext, tag] = parts(value)
    const errors = [
      failureOf(keyringK1, value, { ...here, rowId: 'other' }),
      failureOf(keyringK2, value),
      failureOf(keyringK1, `${value}x`),
      failureOf(parseKeyring(`k1:${K2}`), value),
    ]
    for (const error of errors) {
      const shown = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`
      for (const secret of [plaintext, '13900001111', '1111', nonce, ciphertext, tag, K1, K2]) expect(shown).not.toContain(secret)
    }
  })

  it('needs a table, a row id and a column', () => {
    expect(() => encryptField(keyringK1, PHONE, { ...here, rowId: '' })).toThrow('a field location needs a table, a row id and a column')
    expect(() => decryptField(keyringK1, encryptField(keyringK1, PHONE, here), { ...here, column: '' })).toThrow('a field location')
  })

  it('refuses text that UTF-8 cannot carry unchanged (a lone surrogate), without echoing it', () => {
    expect(() => encryptField(keyringK1, `张三\uD83D`, here)).toThrow(/^field plaintext is not well-formed UTF-16 \(lone surrogate\)$/)
    expect(() => encryptField(keyringK1, `\uDC00138`, here)).toThrow('lone surrogate')
  })
})

describe('key rotation', () => {
  const rows = Array.from({ length: 5 }, (_, index) => ({
    location: { table: 'tips', rowId: `tip_${index}`, column: 'reporter_name' },
    plaintext: `工人${index}号 👷`,
  }))
  const underK1 = rows.map(({ location, plaintext }) => encryptField(keyringK1, plaintext, location))

  it('still decrypts values written under k1 after k2 becomes current, and writes new ones under k2', () => {
    rows.forEach(({ location, plaintext }, index) => {
      expect(underK1[index]).toMatch(/^v1\.k1\./)
      expect(decryptField(keyringK2K1, underK1[index], location)).toBe(plaintext)
    })
    expect(encryptField(keyringK2K1, PHONE, here)).toMatch(/^v1\.k2\./)
  })

  it('re-encrypts old values under the current key, and they then decrypt without k1', () => {
    rows.forEach(({ location, plaintext }, index) => {
      const rotated = reencryptField(keyringK2K1, underK1[index], location)
      expect(rotated).toMatch(/^v1\.k2\./)
      expect(decryptField(keyringK2, rotated, location)).toBe(plaintext)
    })
  })

  it('leaves a value already under the current key unchanged', () => {
    const current = encryptField(keyringK2K1, PHONE, here)
    expect(reencryptField(keyringK2K1, current, here)).toBe(current)
  })

  it('refuses to re-encrypt a value bound to another place or tampered with', () => {
    expect(() => reencryptField(keyringK2K1, underK1[0], rows[1].location)).toThrow(FieldDecryptError)
    const current = encryptField(keyringK2K1, PHONE, here)
    expect(() => reencryptField(keyringK2K1, current, { ...here, column: 'reporter_name' })).toThrow(FieldDecryptError)
  })

  it('fails clearly on values left under k1 once k1 is removed', () => {
    const error = failureOf(keyringK2, underK1[0], rows[0].location)
    expect(error.reason).toBe('unknown_key')
    expect(error.message).toContain('使用密钥 k1 加密，但 PUFA_FIELD_KEYS 中没有这个密钥')
    expect(() => reencryptField(keyringK2, underK1[0], rows[0].location)).toThrow(FieldDecryptError)
  })
})
