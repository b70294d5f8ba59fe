import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { loadConfig, prepareDataDir, type Environment } from '../../server/config'
import { decryptField, encryptField } from '../../server/privacy/field-crypto'
import { keyedHash } from '../../server/privacy/keyed-hash'
import { problemsOf } from './config-problems'
import { useTempDir } from './storage'

const location = { table: 'tips', rowId: 'row-1', column: 'reporter_mobile' }

describe('report keys in the configuration', () => {
  const tempDir = useTempDir()
  let counter = 0
  function freshDataDir(): string {
    counter += 1
    return path.join(tempDir(), `data-${counter}`)
  }

  // As the service and the commands start: loadConfig reads, prepareDataDir writes.
  const started = (env: Environment) => prepareDataDir(loadConfig(env))

  it('generates keys once into DATA_DIR/keys.json (mode 0600) when neither variable is set, and reuses them', () => {
    const dataDir = freshDataDir()
    const first = started({ DATA_DIR: dataDir })
    const file = path.join(dataDir, 'keys.json')
    expect(first.keySource).toEqual({ kind: 'file', file, created: true })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const content = JSON.parse(readFileSync(file, 'utf8'))
    expect(Object.keys(content).sort()).toEqual(['PUFA_FIELD_KEYS', 'PUFA_HASH_KEY'])

    const encrypted = encryptField(first.fieldKeys, '13800138000', location)
    const hash = keyedHash(first.hashKey, 'mobile', '13800138000')

    const second = started({ DATA_DIR: dataDir })
    expect(second.keySource).toEqual({ kind: 'file', file, created: false })
    expect(decryptField(second.fieldKeys, encrypted, location)).toBe('13800138000')
    expect(keyedHash(second.hashKey, 'mobile', '13800138000')).toBe(hash)
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(content, null, 2)}\n`)
  })

  it('keeps the key file another process wrote between loading and starting, and uses its keys', () => {
    const dataDir = freshDataDir()
    const mine = loadConfig({ DATA_DIR: dataDir })
    const theirs = started({ DATA_DIR: dataDir })
    const file = path.join(dataDir, 'keys.json')
    const content = readFileSync(file, 'utf8')

    const prepared = prepareDataDir(mine)
    expect(prepared.keySource).toEqual({ kind: 'file', file, created: false })
    expect(keyedHash(prepared.hashKey, 'mobile', '13800138000')).toBe(keyedHash(theirs.hashKey, 'mobile', '13800138000'))
    expect(keyedHash(mine.hashKey, 'mobile', '13800138000')).not.toBe(keyedHash(theirs.hashKey, 'mobile', '13800138000'))
    expect(readFileSync(file, 'utf8')).toBe(content)
  })

  it('gives different machines different keys', () => {
    const a = loadConfig({ DATA_DIR: freshDataDir() })
    const b = loadConfig({ DATA_DIR: freshDataDir() })
    expect(keyedHash(a.hashKey, 'mobile', '13800138000')).not.toBe(keyedHash(b.hashKey, 'mobile', '13800138000'))
  })

  it('uses PUFA_FIELD_KEYS and PUFA_HASH_KEY when both are set, and writes no key file', () => {
    const dataDir = freshDataDir()
    const k2 = randomBytes(32).toString('base64')
    const k1 = randomBytes(32).toString('base64')
    const config = started({ DATA_DIR: dataDir, PUFA_FIELD_KEYS: `k2:${k2},k1:${k1}`, PUFA_HASH_KEY: randomBytes(32).toString('base64') })
    expect(config.keySource).toEqual({ kind: 'environment' })
    expect(config.fieldKeys.currentKeyId).toBe('k2')
    expect(config.fieldKeys.keyIds).toEqual(['k2', 'k1'])
    expect(() => statSync(path.join(dataDir, 'keys.json'))).toThrow()
    // Key material never shows in the configuration's JSON.
    expect(JSON.stringify(config)).not.toContain(k2)
  })

  it('reports bad keys as configuration problems without echoing them', () => {
    const secretish = 'c2VjcmV0LXRvby1zaG9ydA=='
    const problems = problemsOf({ DATA_DIR: freshDataDir(), PUFA_FIELD_KEYS: `k1:${secretish}`, PUFA_HASH_KEY: 'not base64!' })
    expect(problems).toHaveLength(2)
    expect(problems[0]).toContain('PUFA_FIELD_KEYS 中的密钥 k1')
    expect(problems[1]).toContain('PUFA_HASH_KEY')
    expect(problems.join('\n')).not.toContain(secretish)
  })

  it('asks for both variables when only one is set', () => {
    const problems = problemsOf({ DATA_DIR: freshDataDir(), PUFA_FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}` })
    expect(problems).toEqual([expect.stringContaining('当前缺少 PUFA_HASH_KEY')])
  })

  it('reports a damaged key file in Chinese', () => {
    const dataDir = freshDataDir()
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(path.join(dataDir, 'keys.json'), '{ not json', { mode: 0o600 })
    expect(problemsOf({ DATA_DIR: dataDir })).toEqual([expect.stringContaining('不是有效的 JSON')])
  })
})
