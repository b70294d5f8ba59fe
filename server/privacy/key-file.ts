// Keys for the embedded default: when neither PUFA_FIELD_KEYS nor PUFA_HASH_KEY is set, fresh keys
// are generated once into `${DATA_DIR}/keys.json` (mode 0600) when the service or a command first
// starts (prepareDataDir; loading the configuration only reads), and read from there on later starts,
// so a fresh machine works without setup. Production sets the variables instead.
import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { FIELD_KEYS_VARIABLE, HASH_KEY_VARIABLE, HashKey, KEY_BYTES, Keyring, KeyringError, parseHashKey, parseKeyring } from './keyring'

export const KEY_FILE_NAME = 'keys.json'
const GENERATED_KEY_ID = 'k1'

export interface FileKeys {
  fieldKeys: Keyring
  hashKey: HashKey
  file: string
  /** True when these keys were generated here (and, after writeKeyFile, written by this call). */
  created: boolean
}

interface KeyFileContent {
  [FIELD_KEYS_VARIABLE]: string
  [HASH_KEY_VARIABLE]: string
}

/** The keys of `${dataDir}/keys.json`, or undefined when there is none. Throws a KeyringError (Chinese, no key material). */
export function readKeyFile(dataDir: string): FileKeys | undefined {
  const file = path.join(dataDir, KEY_FILE_NAME)
  const text = readIfExists(file)
  return text === undefined ? undefined : { ...parseKeyFile(text, file), file, created: false }
}

/** Fresh keys for `${dataDir}/keys.json`, in memory only: writeKeyFile puts them there. */
export function generateFileKeys(dataDir: string): FileKeys {
  const fieldKeys = new Keyring([[GENERATED_KEY_ID, randomBytes(KEY_BYTES)]])
  return { fieldKeys, hashKey: new HashKey(randomBytes(KEY_BYTES)), file: path.join(dataDir, KEY_FILE_NAME), created: true }
}

/**
 * Writes the keys to `${dataDir}/keys.json` unless the file exists; then its keys win (another
 * process made it first) and come back with `created: false`. Throws a KeyringError.
 */
export function writeKeyFile(dataDir: string, fieldKeys: Keyring, hashKey: HashKey): FileKeys {
  const file = path.join(dataDir, KEY_FILE_NAME)
  if (createKeyFile(file, fileContent(fieldKeys, hashKey))) return { fieldKeys, hashKey, file, created: true }
  const existing = readKeyFile(dataDir)
  if (existing === undefined) throw new KeyringError([`无法读取密钥文件 ${file}`])
  return existing
}

function fileContent(fieldKeys: Keyring, hashKey: HashKey): KeyFileContent {
  const material = fieldKeys.material(fieldKeys.currentKeyId)
  if (material === undefined) throw new KeyringError([`${FIELD_KEYS_VARIABLE} 缺少当前密钥`])
  return {
    [FIELD_KEYS_VARIABLE]: `${fieldKeys.currentKeyId}:${material.toString('base64')}`,
    [HASH_KEY_VARIABLE]: hashKey.material().toString('base64'),
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new KeyringError([`无法读取密钥文件 ${file}：${(error as NodeJS.ErrnoException).code ?? '未知错误'}`])
  }
}

// Written to a private temporary file, then linked into place: link fails if the name exists, so
// two processes starting at once never overwrite each other's keys and nobody reads half a file.
function createKeyFile(file: string, content: KeyFileContent): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
    try {
      linkSync(temporary, file)
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw error
    }
  } catch (error) {
    if (error instanceof KeyringError) throw error
    throw new KeyringError([`无法在 ${path.dirname(file)} 中生成密钥文件：${(error as NodeJS.ErrnoException).code ?? '未知错误'}；请检查目录权限，或设置 ${FIELD_KEYS_VARIABLE} 和 ${HASH_KEY_VARIABLE}`])
  } finally {
    try {
      unlinkSync(temporary)
    } catch {
      // Already gone or never written.
    }
  }
}

function parseKeyFile(text: string, file: string): { fieldKeys: Keyring; hashKey: HashKey } {
  let content: unknown
  try {
    content = JSON.parse(text)
  } catch {
    throw new KeyringError([`密钥文件 ${file} 不是有效的 JSON；如果这里还没有加密过的数据，可删除它以重新生成`])
  }
  const record = typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {}
  const fieldText = record[FIELD_KEYS_VARIABLE]
  const hashText = record[HASH_KEY_VARIABLE]
  const problems: string[] = []
  let fieldKeys: Keyring | undefined
  let hashKey: HashKey | undefined
  try {
    fieldKeys = parseKeyring(typeof fieldText === 'string' ? fieldText : '', `${file} 中的 ${FIELD_KEYS_VARIABLE}`)
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error
    problems.push(...error.problems)
  }
  try {
    hashKey = parseHashKey(typeof hashText === 'string' ? hashText : '', `${file} 中的 ${HASH_KEY_VARIABLE}`)
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error
    problems.push(...error.problems)
  }
  if (!fieldKeys || !hashKey) throw new KeyringError(problems)
  return { fieldKeys, hashKey }
}
