import { mkdirSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

import { CONTENT_SCHEMA, POLICY_CATEGORIES, type PolicyCategory } from '../src/core/content/model'
import { parseSourceLocation, type ContentSource } from './ingest/sources'
import { loadOrCreateKeyFile } from './privacy/key-file'
import { FIELD_KEYS_VARIABLE, HASH_KEY_VARIABLE, type HashKey, type Keyring, KeyringError, parseHashKey, parseKeyring } from './privacy/keyring'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  port: number
  host: string
  /** PostgreSQL connection string; absent means the embedded SQLite database. */
  databaseUrl: string | undefined
  dataDir: string
  sqliteFile: string
  h5Dir: string
  /** The staff console's build, served at /console/ (CONSOLE_DIR). */
  consoleDir: string
  /** Evidence photos: DATA_DIR/uploads, never inside H5_DIR or CONSOLE_DIR (which anyone can download from). */
  uploadsDir: string
  logLevel: LogLevel
  trustProxy: boolean
  /** Per-client request limits (RATE_LIMITS; on unless turned off, e.g. for load tests). */
  rateLimits: boolean
  /** Redis holding the rate limits' counts, shared by every instance (REDIS_URL); absent: each instance counts in its memory. */
  redisUrl: string | undefined
  /** What every key this service writes to Redis starts with (REDIS_KEY_PREFIX), so deployments can share one Redis. */
  redisKeyPrefix: string
  /** Feeds to ingest: URLs polled with conditional GET, or files; each with its default category, if any. */
  contentSources: ContentSource[]
  /** Seconds between polls of the sources; 0 polls never. */
  contentPollSeconds: number
  /** Apps whose content schema is lower keep their content read-only and ask to be updated. */
  minClientSchema: number
  /** Days a closed or rejected report is kept after its last change; then `pufa tips purge` deletes it. */
  tipsRetentionDays: number
  /** Encryption keys of personal data in reports (PUFA_FIELD_KEYS). */
  fieldKeys: Keyring
  /** HMAC key of the de-duplication hashes (PUFA_HASH_KEY). */
  hashKey: HashKey
  /** Where the keys came from: the environment, or the generated key file of the embedded default. */
  keySource: { kind: 'environment' } | { kind: 'file'; file: string; created: boolean }
  /**
   * The address people open the service at (PUFA_PUBLIC_URL), as an origin such as
   * https://rsj.example.gov.cn: the links the CLI prints, and an origin the staff API accepts.
   * Unset: links use HOST and PORT (localUrl).
   */
  publicUrl: string | undefined
  /** Bytes of photos one client (device id, else address) may upload in 24 hours (UPLOAD_CLIENT_BUDGET_MB). */
  uploadClientBudgetBytes: number
  /** Bytes of photos no report has taken yet, all clients together (UPLOAD_QUOTA_MB). */
  uploadQuotaBytes: number
}

/** Environment variables: `process.env`, or a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>

export const REPO_ROOT = path.resolve(__dirname, '..')
const SQLITE_FILE_NAME = 'pufa.sqlite'
const UPLOADS_DIR_NAME = 'uploads'

/** Every problem found in the environment at once, so the operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误，请修改以下环境变量后重试：\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const DEFAULT_PORT = 3000
const DEFAULT_HOST = '127.0.0.1'
const HOST_PATTERN = /^[A-Za-z0-9.:[\]%_-]+$/
const TRUE_VALUES = ['true', '1', 'yes', 'on']
const FALSE_VALUES = ['false', '0', 'no', 'off']

// Empty values are treated as unset: `PORT=` in a compose file or a .env means "use the default".
function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
}

export function loadConfig(env: Environment): Config {
  const problems: string[] = []

  const port = parsePort(read(env, 'PORT'), problems)
  const host = parseHost(read(env, 'HOST'), problems)
  const databaseUrl = parseDatabaseUrl(read(env, 'DATABASE_URL'), problems)
  const dataDir = parseDataDir(read(env, 'DATA_DIR'), problems)
  const h5Dir = resolveDir(read(env, 'H5_DIR'), path.join(REPO_ROOT, 'dist', 'h5'))
  const consoleDir = resolveDir(read(env, 'CONSOLE_DIR'), path.join(REPO_ROOT, 'dist', 'console'))
  const uploadsDir = path.join(dataDir, UPLOADS_DIR_NAME)
  checkUploadsOutsideWebRoot(dataDir, uploadsDir, 'H5_DIR', h5Dir, problems)
  checkUploadsOutsideWebRoot(dataDir, uploadsDir, 'CONSOLE_DIR', consoleDir, problems)
  const logLevel = parseLogLevel(read(env, 'LOG_LEVEL'), problems)
  const trustProxy = parseBoolean('TRUST_PROXY', read(env, 'TRUST_PROXY'), false, problems)
  const rateLimits = parseBoolean('RATE_LIMITS', read(env, 'RATE_LIMITS'), true, problems)
  const redisUrl = parseRedisUrl(read(env, 'REDIS_URL'), problems)
  const redisKeyPrefix = parseRedisKeyPrefix(read(env, 'REDIS_KEY_PREFIX'), problems)
  const contentSources = withDefaultCategories(
    parseContentSources(read(env, 'CONTENT_SOURCES'), problems),
    read(env, 'CONTENT_SOURCE_CATEGORIES'),
    problems,
  )
  const contentPollSeconds = parsePollSeconds(read(env, 'CONTENT_POLL_SECONDS'), problems)
  const minClientSchema = parseMinClientSchema(read(env, 'CONTENT_MIN_CLIENT_SCHEMA'), problems)
  const tipsRetentionDays = parseRetentionDays(read(env, 'TIPS_RETENTION_DAYS'), problems)
  const publicUrl = parsePublicUrl(read(env, 'PUFA_PUBLIC_URL'), problems)
  const uploadClientBudgetBytes = parseMegabytes('UPLOAD_CLIENT_BUDGET_MB', read(env, 'UPLOAD_CLIENT_BUDGET_MB'), DEFAULT_UPLOAD_CLIENT_BUDGET_MB, '一台设备（或一个地址）24 小时内可上传的照片总量', problems)
  const uploadQuotaBytes = parseMegabytes('UPLOAD_QUOTA_MB', read(env, 'UPLOAD_QUOTA_MB'), DEFAULT_UPLOAD_QUOTA_MB, '还没用于反映的照片合计最多占多少空间', problems)
  const keys = parseKeys(read(env, FIELD_KEYS_VARIABLE), read(env, HASH_KEY_VARIABLE), dataDir, problems)

  if (problems.length > 0 || keys === undefined) throw new ConfigError(problems)
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    sqliteFile: path.join(dataDir, SQLITE_FILE_NAME),
    h5Dir,
    consoleDir,
    uploadsDir,
    logLevel,
    trustProxy,
    rateLimits,
    redisUrl,
    redisKeyPrefix,
    contentSources,
    contentPollSeconds,
    minClientSchema,
    tipsRetentionDays,
    ...keys,
    publicUrl,
    uploadClientBudgetBytes,
    uploadQuotaBytes,
  }
}

type Keys = Pick<Config, 'fieldKeys' | 'hashKey' | 'keySource'>

function keyringProblems(error: unknown, problems: string[]): undefined {
  if (!(error instanceof KeyringError)) throw error
  problems.push(...error.problems)
  return undefined
}

// Both set: production. Neither: the embedded default, with keys generated into DATA_DIR once.
// One without the other is a mistake: a generated half would not match the other half's data.
function parseKeys(fieldText: string | undefined, hashText: string | undefined, dataDir: string, problems: string[]): Keys | undefined {
  if (fieldText === undefined && hashText === undefined) {
    if (problems.length > 0) return undefined
    try {
      const { fieldKeys, hashKey, file, created } = loadOrCreateKeyFile(dataDir)
      return { fieldKeys, hashKey, keySource: { kind: 'file', file, created } }
    } catch (error) {
      return keyringProblems(error, problems)
    }
  }
  if (fieldText === undefined || hashText === undefined) {
    const missing = fieldText === undefined ? FIELD_KEYS_VARIABLE : HASH_KEY_VARIABLE
    problems.push(`${FIELD_KEYS_VARIABLE} 和 ${HASH_KEY_VARIABLE} 应同时设置（或都不设置，使用数据目录中自动生成的密钥），当前缺少 ${missing}`)
  }
  let fieldKeys: Keyring | undefined
  let hashKey: HashKey | undefined
  if (fieldText !== undefined) {
    try {
      fieldKeys = parseKeyring(fieldText)
    } catch (error) {
      keyringProblems(error, problems)
    }
  }
  if (hashText !== undefined) {
    try {
      hashKey = parseHashKey(hashText)
    } catch (error) {
      keyringProblems(error, problems)
    }
  }
  if (!fieldKeys || !hashKey) return undefined
  return { fieldKeys, hashKey, keySource: { kind: 'environment' } }
}

function parsePort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return DEFAULT_PORT
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port
  problems.push(`PORT 应为 1 到 65535 之间的整数，当前为 ${quoted(value)}`)
  return DEFAULT_PORT
}

function parseHost(value: string | undefined, problems: string[]): string {
  if (value === undefined) return DEFAULT_HOST
  if (HOST_PATTERN.test(value)) return value
  problems.push(`HOST 应为主机名或 IP 地址（如 127.0.0.1 或 0.0.0.0），当前为 ${quoted(value)}`)
  return DEFAULT_HOST
}

// The value is never echoed back: it may carry the database password.
function parseDatabaseUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    problems.push('DATABASE_URL 应为 PostgreSQL 连接地址，如 postgres://用户名:密码@主机:5432/数据库名，当前的值无法识别')
    return undefined
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push(`DATABASE_URL 应以 postgres:// 或 postgresql:// 开头，当前以 ${url.protocol}// 开头；不设置则使用内置的 SQLite 数据库`)
    return undefined
  }
  if (!url.hostname) {
    problems.push('DATABASE_URL 缺少数据库主机名，应为 postgres://用户名:密码@主机:5432/数据库名')
    return undefined
  }
  return value
}

// The value is never echoed back: it may carry the Redis password.
function parseRedisUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined
  const example = '如 redis://127.0.0.1:6379 或 rediss://:密码@主机:6380/0'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    problems.push(`REDIS_URL 应为 Redis 连接地址（${example}），当前的值无法识别`)
    return undefined
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    problems.push(`REDIS_URL 应以 redis:// 或 rediss:// 开头（${example}），当前以 ${url.protocol}// 开头；不设置则每个实例各自计数`)
    return undefined
  }
  if (!url.hostname) {
    problems.push(`REDIS_URL 缺少 Redis 主机名（${example}）`)
    return undefined
  }
  return value
}

const DEFAULT_REDIS_KEY_PREFIX = 'pufa:'

function parseRedisKeyPrefix(value: string | undefined, problems: string[]): string {
  if (value === undefined) return DEFAULT_REDIS_KEY_PREFIX
  if (/^[A-Za-z0-9:_.-]{1,64}$/.test(value)) return value
  problems.push(`REDIS_KEY_PREFIX 应为 1 到 64 个字母、数字或 : _ . -（如 pufa:），当前为 ${quoted(value)}`)
  return DEFAULT_REDIS_KEY_PREFIX
}

// An origin only: the console's and the API's paths are the service's own, and a path or query here
// would make the printed links wrong.
function parsePublicUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined
  const example = '如 https://rsj.example.gov.cn'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    problems.push(`PUFA_PUBLIC_URL 应为以 http:// 或 https:// 开头的网址（${example}），当前为 ${quoted(value)}`)
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`PUFA_PUBLIC_URL 应以 http:// 或 https:// 开头（${example}），当前为 ${quoted(value)}`)
  } else if (url.username !== '' || url.password !== '') {
    // Not echoed: it carries a password.
    problems.push(`PUFA_PUBLIC_URL 只写协议、域名和端口，不能带用户名或密码（${example}）`)
  } else if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    problems.push(`PUFA_PUBLIC_URL 只写协议、域名和端口，不带路径或参数（${example}），当前为 ${quoted(value)}`)
  } else {
    return url.origin
  }
  return undefined
}

/** The address of a service listening on HOST and PORT, for people on this machine. */
export function localUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return `http://127.0.0.1:${port}/`
  return host.includes(':') && !host.startsWith('[') ? `http://[${host}]:${port}/` : `http://${host}:${port}/`
}

/** Where people open the service: PUFA_PUBLIC_URL, or this machine's address. Ends with a slash. */
export function publicUrlOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  return config.publicUrl === undefined ? localUrl(config.host, config.port) : `${config.publicUrl}/`
}

function resolveDir(value: string | undefined, fallback: string): string {
  return value === undefined ? fallback : path.resolve(value)
}

/** Directories the service creates under DATA_DIR: its own user only. */
export const PRIVATE_DIR_MODE = 0o700

function parseDataDir(value: string | undefined, problems: string[]): string {
  const dir = resolveDir(value, path.join(REPO_ROOT, 'data'))
  try {
    // Reports, keys and photos live here: the service's own user only (0700 for what it creates).
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
    if (!statSync(dir).isDirectory()) throw new Error('not a directory')
  } catch {
    problems.push(`DATA_DIR 应为可写入的目录（用于存放数据库和上传的文件），当前为 ${quoted(dir)}，无法创建或不是目录`)
  }
  return dir
}

/** The directory as the file system sees it, symbolic links resolved, when it exists. */
function realDir(dir: string): string {
  try {
    return realpathSync(dir)
  } catch {
    return dir
  }
}

function isWithin(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

// Everything under a web root (H5_DIR, CONSOLE_DIR) is served to anyone, and the upload purge deletes
// what it does not know in the uploads folder: the two must not overlap either way. Checked before
// the key file is made.
function checkUploadsOutsideWebRoot(dataDir: string, uploadsDir: string, variable: string, webDir: string, problems: string[]): void {
  const uploads = [uploadsDir, path.join(realDir(dataDir), UPLOADS_DIR_NAME), realDir(uploadsDir)]
  const web = [webDir, realDir(webDir)]
  if (web.some((root) => uploads.some((dir) => isWithin(root, dir)))) {
    problems.push(`${variable} 不能是上传目录 ${quoted(uploadsDir)} 或其中的目录，否则清理过期照片时会删掉网页文件；请把 ${variable} 设到 DATA_DIR 之外，当前为 ${quoted(webDir)}`)
  } else if (uploads.some((dir) => web.some((root) => isWithin(dir, root)))) {
    problems.push(`DATA_DIR 不能位于网页目录 ${variable}（${quoted(webDir)}）之内，否则上传的证据照片会被任何人下载；请把 DATA_DIR 设到网页目录之外，当前为 ${quoted(dataDir)}`)
  }
}

function parseLogLevel(value: string | undefined, problems: string[]): LogLevel {
  if (value === undefined) return 'info'
  const level = LOG_LEVELS.find((candidate) => candidate === value.toLowerCase())
  if (level) return level
  problems.push(`LOG_LEVEL 应为 ${LOG_LEVELS.join('、')} 之一，当前为 ${quoted(value)}`)
  return 'info'
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined) return fallback
  const lower = value.toLowerCase()
  if (TRUE_VALUES.includes(lower)) return true
  if (FALSE_VALUES.includes(lower)) return false
  problems.push(`${name} 应为 true 或 false，当前为 ${quoted(value)}`)
  return fallback
}

const DEFAULT_POLL_SECONDS = 600
const MIN_POLL_SECONDS = 10
const MAX_POLL_SECONDS = 7 * 24 * 60 * 60

function parseContentSources(value: string | undefined, problems: string[]): ContentSource[] {
  if (value === undefined) return []
  const sources: ContentSource[] = []
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const source = parseSourceLocation(entry)
    if (source === undefined) {
      problems.push(`CONTENT_SOURCES 中的 ${quoted(entry)} 不是有效的订阅源：网址应以 http:// 或 https:// 开头，文件请写路径`)
    } else if (source.kind === 'file' && !isFile(source.path)) {
      problems.push(`CONTENT_SOURCES 中的文件 ${quoted(source.path)} 不存在或不是文件`)
    } else if (sources.some((known) => known.name === source.name)) {
      problems.push(`CONTENT_SOURCES 中的 ${quoted(entry)} 重复了`)
    } else {
      sources.push(source)
    }
  }
  return sources
}

const SOURCE_CATEGORY_EXAMPLE = 'https://rsj.example.gov.cn/zcjd/rss.xml=劳动关系'

/**
 * CONTENT_SOURCE_CATEGORIES: `订阅源=分类` pairs, comma-separated, giving the RSS and Atom items of
 * a source a category when their own `<category>` names none. The source is written as in
 * CONTENT_SOURCES (matched by the same name, so credentials and fragments do not matter); the
 * last `=` separates, since a URL's query may hold others.
 */
function withDefaultCategories(sources: ContentSource[], value: string | undefined, problems: string[]): ContentSource[] {
  if (value === undefined) return sources
  const chosen = new Map<string, PolicyCategory>()
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const separator = entry.lastIndexOf('=')
    const location = separator > 0 ? entry.slice(0, separator).trim() : ''
    const category = separator > 0 ? entry.slice(separator + 1).trim() : ''
    if (location === '' || category === '') {
      problems.push(`CONTENT_SOURCE_CATEGORIES 中的 ${quoted(entry)} 应写成“订阅源=分类”，如 ${SOURCE_CATEGORY_EXAMPLE}`)
      continue
    }
    const known = POLICY_CATEGORIES.find((name) => name === category)
    const source = parseSourceLocation(location)
    if (known === undefined) {
      problems.push(`CONTENT_SOURCE_CATEGORIES 中 ${quoted(location)} 的分类 ${quoted(category)} 不是 ${POLICY_CATEGORIES.join('、')} 之一`)
    } else if (source === undefined || !sources.some((candidate) => candidate.name === source.name)) {
      problems.push(`CONTENT_SOURCE_CATEGORIES 中的 ${quoted(location)} 不在 CONTENT_SOURCES 里，请写 CONTENT_SOURCES 中的同一个订阅源`)
    } else if (chosen.has(source.name)) {
      problems.push(`CONTENT_SOURCE_CATEGORIES 中的 ${quoted(location)} 重复了`)
    } else {
      chosen.set(source.name, known)
    }
  }
  return sources.map((source) => {
    const defaultCategory = chosen.get(source.name)
    return defaultCategory === undefined ? source : { ...source, defaultCategory }
  })
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function parsePollSeconds(value: string | undefined, problems: string[]): number {
  if (value === undefined) return DEFAULT_POLL_SECONDS
  const seconds = /^\d{1,7}$/.test(value) ? Number(value) : NaN
  if (seconds === 0 || (seconds >= MIN_POLL_SECONDS && seconds <= MAX_POLL_SECONDS)) return seconds
  problems.push(`CONTENT_POLL_SECONDS 应为 0（不定时读取）或 ${MIN_POLL_SECONDS} 到 ${MAX_POLL_SECONDS} 之间的秒数，当前为 ${quoted(value)}`)
  return DEFAULT_POLL_SECONDS
}

export const DEFAULT_RETENTION_DAYS = 1095
const MIN_RETENTION_DAYS = 30
const MAX_RETENTION_DAYS = 36500

function parseRetentionDays(value: string | undefined, problems: string[]): number {
  if (value === undefined) return DEFAULT_RETENTION_DAYS
  const days = /^\d{1,6}$/.test(value) ? Number(value) : NaN
  if (days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS) return days
  problems.push(
    `TIPS_RETENTION_DAYS 应为 ${MIN_RETENTION_DAYS} 到 ${MAX_RETENTION_DAYS} 之间的天数（已办结或不予受理的反映在最后一次处理后保存多少天），当前为 ${quoted(value)}`,
  )
  return DEFAULT_RETENTION_DAYS
}

export const DEFAULT_UPLOAD_CLIENT_BUDGET_MB = 200
export const DEFAULT_UPLOAD_QUOTA_MB = 2048
const MEGABYTE = 1024 * 1024

/** A whole number of megabytes (MiB), 1 to 10,000,000, as bytes. */
function parseMegabytes(variable: string, value: string | undefined, fallback: number, meaning: string, problems: string[]): number {
  if (value === undefined) return fallback * MEGABYTE
  const megabytes = /^\d{1,8}$/.test(value) ? Number(value) : NaN
  if (megabytes >= 1 && megabytes <= 10_000_000) return megabytes * MEGABYTE
  problems.push(`${variable} 应为 1 到 10000000 之间的整数（单位 MB，${meaning}），当前为 ${quoted(value)}`)
  return fallback * MEGABYTE
}

function parseMinClientSchema(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 1
  const schema = /^\d{1,4}$/.test(value) ? Number(value) : NaN
  if (schema >= 1 && schema <= CONTENT_SCHEMA) return schema
  const allowed = CONTENT_SCHEMA === 1 ? '目前只能为 1' : `应为 1 到 ${CONTENT_SCHEMA} 之间的整数`
  problems.push(`CONTENT_MIN_CLIENT_SCHEMA ${allowed}（不能高于本服务的内容版本 ${CONTENT_SCHEMA}），当前为 ${quoted(value)}`)
  return 1
}

/** Where the data lives, for people: never includes the PostgreSQL password. */
export function describeDatabase(config: Config): string {
  if (config.databaseUrl === undefined) {
    const relative = path.relative(process.cwd(), config.sqliteFile)
    const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : config.sqliteFile
    return `SQLite ${shown}`
  }
  const url = new URL(config.databaseUrl)
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(默认数据库)'
  return `PostgreSQL ${url.host}/${database}`
}
