import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'

import { KeyringError, parseHashKey, parseKeyring } from '../../../server/privacy/keyring'

const keyText = (bytes = 32): string => randomBytes(bytes).toString('base64')

function problemsOf(parse: () => unknown): string[] {
  try {
    parse()
  } catch (error) {
    if (error instanceof KeyringError) return error.problems
    throw error
  }
  throw new Error('expected a KeyringError')
}

describe('parseKeyring', () => {
  it('takes the first key as the current one and keeps the others for decryption', () => {
    const keyring = parseKeyring(` k2:${keyText()} , k1:${keyText()} ,`)
    expect(keyring.currentKeyId).toBe('k2')
    expect(keyring.keyIds).toEqual(['k2', 'k1'])
    expect(keyring.has('k1')).toBe(true)
    expect(keyring.has('k3')).toBe(false)
    expect(keyring.material('k1')).toHaveLength(32)
  })

  it('accepts key ids with digits', () => {
    const keyring = parseKeyring(`2024a:${keyText()}`)
    expect(keyring.currentKeyId).toBe('2024a')
  })

  it('never shows key material when logged or serialised', () => {
    const material = keyText()
    const keyring = parseKeyring(`k1:${material}`)
    const hashMaterial = keyText()
    const hashKey = parseHashKey(hashMaterial)
    const hex = Buffer.from(material, 'base64').toString('hex')
    for (const shown of [inspect(keyring, { showHidden: true, depth: 10 }), JSON.stringify(keyring), JSON.stringify({ hashKey }), inspect(hashKey, { showHidden: true })]) {
      expect(shown).not.toContain(material)
      expect(shown).not.toContain(hashMaterial)
      expect(shown).not.toContain(hex)
    }
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({ currentKeyId: 'k1', keyIds: ['k1'] })
  })

  it.each(['', '   ', ',', ' , , '])('rejects an empty configuration %j', (text) => {
    expect(problemsOf(() => parseKeyring(text))).toEqual([expect.stringMatching(/^PUFA_FIELD_KEYS 没有设置任何密钥.*openssl rand -base64 32/)])
  })

  it('names a short key by its id and says how long it is', () => {
    const short = keyText(16)
    const problems = problemsOf(() => parseKeyring(`k2:${keyText()},k1:${short}`))
    expect(problems).toEqual(['PUFA_FIELD_KEYS 中的密钥 k1 解码后为 16 字节，应为 32 字节；可用 openssl rand -base64 32 生成'])
    expect(problems.join('\n')).not.toContain(short)
  })

  it('rejects a key that is too long', () => {
    expect(problemsOf(() => parseKeyring(`k1:${keyText(48)}`))).toEqual([expect.stringContaining('密钥 k1 解码后为 48 字节，应为 32 字节')])
  })

  it.each([
    ['characters outside base64', `${keyText().slice(0, 40)}!!!!`],
    ['base64url instead of base64', 'A'.repeat(40) + '-_-_'],
    ['a length that is not a multiple of 4', keyText().slice(0, 43)],
    ['padding in the middle', `${keyText().slice(0, 20)}==${keyText().slice(0, 22)}`],
  ])('rejects bad base64: %s, without echoing it', (_case, bad) => {
    const problems = problemsOf(() => parseKeyring(`k1:${bad}`))
    expect(problems).toEqual([expect.stringMatching(/^PUFA_FIELD_KEYS 中的密钥 k1 不是有效的 base64/)])
    expect(problems.join('\n')).not.toContain(bad)
  })

  it('rejects an id used twice, once', () => {
    const first = keyText()
    const second = keyText()
    const problems = problemsOf(() => parseKeyring(`k1:${first},k1:${second},k1:${keyText()}`))
    expect(problems).toEqual(['PUFA_FIELD_KEYS 中的密钥编号 k1 重复出现，每个编号只能用一次'])
  })

  it('rejects an entry without an id by its position, without echoing it', () => {
    const pasted = keyText()
    const problems = problemsOf(() => parseKeyring(`k1:${keyText()},${pasted}`))
    expect(problems).toEqual(['PUFA_FIELD_KEYS 第 2 项缺少密钥编号，应写成“编号:密钥”，如 k1:<base64>'])
    expect(problems.join('\n')).not.toContain(pasted)
  })

  it.each(['K1', 'key-1', 'k'.repeat(17), ''])('rejects the id %j by position, without echoing it', (id) => {
    const problems = problemsOf(() => parseKeyring(`${id}:${keyText()}`))
    expect(problems).toEqual(['PUFA_FIELD_KEYS 第 1 项的密钥编号不符合要求：只能用小写字母和数字，1 到 16 个字符'])
  })

  it('rejects an id followed by nothing', () => {
    expect(problemsOf(() => parseKeyring('k1:'))).toEqual([expect.stringMatching(/^PUFA_FIELD_KEYS 中的密钥 k1 是空的/)])
  })

  it('lists every problem at once, in a message with none of the key material', () => {
    const materials = [keyText(16), 'not base64!', keyText(), keyText()]
    const text = `k3:${materials[0]},k2:${materials[1]},${materials[2]},k1:${materials[3]},k1:${materials[3]}`
    let error: unknown
    try {
      parseKeyring(text)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(KeyringError)
    const { message, problems } = error as KeyringError
    expect(problems).toHaveLength(4)
    expect(message).toMatch(/^密钥配置有误，请修改后重试：\n {2}- PUFA_FIELD_KEYS 中的密钥 k3 解码后为 16 字节/)
    expect(message).toContain('密钥 k2 不是有效的 base64')
    expect(message).toContain('第 3 项缺少密钥编号')
    expect(message).toContain('密钥编号 k1 重复出现')
    for (const material of materials) expect(message).not.toContain(material)
  })

  it('names the variable it was given', () => {
    expect(problemsOf(() => parseKeyring('', 'OTHER_KEYS'))[0]).toMatch(/^OTHER_KEYS /)
  })
})

describe('parseHashKey', () => {
  it('reads one base64 key of 32 bytes', () => {
    const material = randomBytes(32)
    expect(parseHashKey(` ${material.toString('base64')} `).material().equals(material)).toBe(true)
  })

  it('rejects an empty value', () => {
    expect(problemsOf(() => parseHashKey('  '))).toEqual([expect.stringMatching(/^PUFA_HASH_KEY 没有设置.*openssl rand -base64 32/)])
  })

  it('rejects a short key, bad base64 and a key with an id, without echoing them', () => {
    const short = keyText(31)
    expect(problemsOf(() => parseHashKey(short))).toEqual(['PUFA_HASH_KEY 解码后为 31 字节，应为 32 字节；可用 openssl rand -base64 32 生成'])
    const withId = `h1:${keyText()}`
    const problems = problemsOf(() => parseHashKey(withId))
    expect(problems).toEqual(['PUFA_HASH_KEY 只写一个密钥的 base64，不写编号，也不用逗号分开多个密钥'])
    expect(problems.join('\n')).not.toContain(withId.slice(3))
    const bad = `${keyText().slice(0, 40)}!!!!`
    expect(problemsOf(() => parseHashKey(bad))).toEqual([expect.stringMatching(/^PUFA_HASH_KEY 不是有效的 base64/)])
  })
})
