import { createHash, randomBytes } from 'node:crypto'

import { keyedHash, type KeyedHashKind } from '../../../server/privacy/keyed-hash'
import { parseHashKey } from '../../../server/privacy/keyring'

const hashKey = parseHashKey(randomBytes(32).toString('base64'))

describe('keyedHash', () => {
  it('is stable: the same key, kind and value give the same 64 hex digits', () => {
    const first = keyedHash(hashKey, 'mobile', '13812345678')
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(keyedHash(hashKey, 'mobile', '13812345678')).toBe(first)
    expect(keyedHash(parseHashKey(hashKey.material().toString('base64')), 'mobile', '13812345678')).toBe(first)
  })

  it('matches a fixed vector, so the construction cannot drift unnoticed', () => {
    const fixed = parseHashKey(Buffer.alloc(32, 7).toString('base64'))
    expect(keyedHash(fixed, 'mobile', '13812345678')).toBe('420bec33de4117bafa4f9336755f9f328ac7060c9942246824a17793abdbcc1d')
  })

  it('separates kinds: the same string hashes differently as a phone, an ID number and an employer', () => {
    const value = '110105194912310021'
    const kinds: KeyedHashKind[] = ['mobile', 'resident_id', 'employer']
    const hashes = kinds.map((kind) => keyedHash(hashKey, kind, value))
    expect(new Set(hashes).size).toBe(3)
  })

  it('differs with a different key', () => {
    const otherKey = parseHashKey(randomBytes(32).toString('base64'))
    expect(keyedHash(otherKey, 'mobile', '13812345678')).not.toBe(keyedHash(hashKey, 'mobile', '13812345678'))
  })

  it('differs for different values, Chinese and emoji included', () => {
    const values = ['13812345678', '13812345679', '某某建筑劳务有限公司', '某某建筑劳务有限公司 ', '工地 👷', '工地 👷🏽']
    expect(new Set(values.map((value) => keyedHash(hashKey, 'employer', value))).size).toBe(values.length)
  })

  it('does not contain the value or a plain SHA-256 of it', () => {
    const hash = keyedHash(hashKey, 'mobile', '13812345678')
    expect(hash).not.toContain('13812345678')
    expect(hash).not.toBe(createHash('sha256').update('13812345678').digest('hex'))
  })

  it('refuses an empty value, which would link every report without one', () => {
    expect(() => keyedHash(hashKey, 'mobile', '')).toThrow('keyed hash of an empty mobile')
  })

  it('refuses an unknown kind', () => {
    expect(() => keyedHash(hashKey, 'email' as KeyedHashKind, 'a@b.cn')).toThrow('unknown keyed hash kind "email"')
  })
})
