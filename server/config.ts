import { accessSync, constants, existsSync, mkdirSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

import { CONTENT_SCHEMA, POLICY_CATEGORIES, type PolicyCategory } from '../src/core/content/model'
import { parseSourceLocation, type ContentSource } from './ingest/sources'
import { parseTemplateSetting, type TemplateSetting } from './wechat/notice-templates'
import { generateFileKeys, readKeyFile, writeKeyFile } from './privacy/key-file'
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
  /** The mini-program's AppID (WECHAT_APPID); unset: no WeChat features (H5 works without them). */
  wechatAppId: string | undefined
  /** The mini-program's AppSecret (WECHAT_SECRET), set together with WECHAT_APPID. */
  wechatSecret: string | undefined
  /** Where WeChat's server API answers (WECHAT_API_BASE), without a trailing slash. */
  wechatApiBase: string
  /** The subscription template for 受理 (WECHAT_TEMPLATE_ACCEPTED); unset: not offered. */
  wechatTemplateAccepted: TemplateSetting | undefined
  /** The subscription template for 办结 and 不予受理 (WECHAT_TEMPLATE_CLOSED). */
  wechatTemplateClosed: TemplateSetting | undefined
  /** The subscription template for a new message from staff (WECHAT_TEMPLATE_MESSAGE). */
  wechatTemplateMessage: TemplateSetting | undefined
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

const DEFAULT_HOST = '127.0.0.1'
const HOST_PATTERN = /^[A-Za-z0-9.:[\]%_-]+$/
const TRUE_VALUES = ['true', '1', 'yes', 'on']
const FALSE_VALUES = ['false', '0', 'no', 'off']
export const DEFAULT_RETENTION_DAYS = 1095
const DEFAULT_REDIS_KEY_PREFIX = 'pufa:'
export const DEFAULT_UPLOAD_CLIENT_BUDGET_MB = 200
export const DEFAULT_UPLOAD_QUOTA_MB = 2048
const MEGABYTE = 1024 * 1024
export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com'
const WECHAT_APPID_PATTERN = /^wx[0-9a-f]{16}$/
const WECHAT_SECRET_PATTERN = /^[0-9A-Za-z]{32}$/
const MIN_RETENTION_DAYS = 30
const MAX_RETENTION_DAYS = 36500
const MIN_POLL_SECONDS = 10
const MAX_POLL_SECONDS = 7 * 24 * 60 * 60
/**
 * One environment variable, declared once: how a set value is read and checked, the value when it
 * is unset, and how `pufa --help` (Chinese) and README's configuration table (English,
 * `npm run docs:config`) describe it.
 */
export interface Setting<T> {
  variable: string
  /** The value when the variable is unset or empty. */
  fallback: T
  /**
   * Reads a set (trimmed, non-empty) value. When it is wrong: pushes a Chinese problem naming the
   * variable (never echoing a secret) and returns undefined, so the fallback stands in while the
   * other variables are checked.
   */
  parse(value: string, problems: string[]): T | undefined
  /** `pufa --help`: what it does and its default, in Chinese. */
  help: string
  /** README's configuration table: the default and the meaning, in English (Markdown). */
  readme: { default: string; meaning: string }
}

function setting<T>(declared: Setting<T>): Setting<T> {
  return declared
}

function templateSetting(variable: string, event: string, whenInEnglish: string): Setting<TemplateSetting | undefined> {
  return setting<TemplateSetting | undefined>({
    variable,
    fallback: undefined,
    parse: (value, problems) => parseTemplateSetting(variable, value, problems),
    help: `${event}时发给反映人的订阅消息模板 ID，可在分号后写模板字段的用途（见 README）；不设置则不提供这项提醒`,
    readme: {
      default: 'unset: not offered',
      meaning: `the subscription-message template sent ${whenInEnglish}: \`<template id>\` or \`<template id>;thing1=subject,phrase2=status,time3=date,thing4=hint\` (see "WeChat")`,
    },
  })
}

/** Variables the service reads, in the order `pufa --help` and README list them. Adding one: one entry here and its field in Config. */
export const SETTINGS = {
  port: setting({
    variable: 'PORT',
    fallback: 3000,
    parse: parsePort,
    help: '监听端口，1 到 65535，默认 3000',
    readme: { default: '`3000`', meaning: 'port to listen on' },
  }),
  host: setting({
    variable: 'HOST',
    fallback: DEFAULT_HOST,
    parse: parseHost,
    help: '监听地址，默认 127.0.0.1；设为 0.0.0.0 可让同一网络里的其他设备访问',
    readme: { default: '`127.0.0.1`', meaning: 'address to listen on (`0.0.0.0` to let phones on the network reach it)' },
  }),
  databaseUrl: setting<string | undefined>({
    variable: 'DATABASE_URL',
    fallback: undefined,
    parse: parseDatabaseUrl,
    help: 'PostgreSQL 连接地址（postgres://用户名:密码@主机:5432/数据库名）；不设置则使用内置的 SQLite 数据库',
    readme: { default: 'unset: SQLite', meaning: '`postgres://user:password@host:5432/db` switches storage to PostgreSQL' },
  }),
  dataDir: setting({
    variable: 'DATA_DIR',
    fallback: path.join(REPO_ROOT, 'data'),
    parse: parseDataDir,
    help: '数据目录，存放 SQLite 数据库、上传的照片和自动生成的密钥，默认为项目下的 data/（启动时不存在会自动创建）',
    readme: {
      default: '`./data`',
      meaning: 'where the SQLite database, the evidence photos (`DATA_DIR/uploads`) and generated keys live (created when the service or a command starts); must not be inside `H5_DIR` or `CONSOLE_DIR`',
    },
  }),
  h5Dir: setting({
    variable: 'H5_DIR',
    fallback: path.join(REPO_ROOT, 'dist', 'h5'),
    parse: (value) => path.resolve(value),
    help: 'H5 网页的构建目录，默认为项目下的 dist/h5/',
    readme: { default: '`./dist/h5`', meaning: 'the H5 build the service serves at `/`' },
  }),
  consoleDir: setting({
    variable: 'CONSOLE_DIR',
    fallback: path.join(REPO_ROOT, 'dist', 'console'),
    parse: (value) => path.resolve(value),
    help: '工作人员平台（/console/）的构建目录，默认为项目下的 dist/console/',
    readme: { default: '`./dist/console`', meaning: "the staff console's build, served at `/console/`" },
  }),
  logLevel: setting<LogLevel>({
    variable: 'LOG_LEVEL',
    fallback: 'info',
    parse: parseLogLevel,
    help: `日志级别：${LOG_LEVELS.join('、')}，默认 info`,
    readme: { default: '`info`', meaning: '`fatal` … `trace`, or `silent`; request logs carry method, path pattern, status and time only' },
  }),
  trustProxy: setting({
    variable: 'TRUST_PROXY',
    fallback: false,
    parse: booleanParser('TRUST_PROXY'),
    help: '在反向代理（如 Nginx）之后运行时设为 true，默认 false',
    readme: { default: '`false`', meaning: '`true` behind a reverse proxy' },
  }),
  rateLimits: setting({
    variable: 'RATE_LIMITS',
    fallback: true,
    parse: booleanParser('RATE_LIMITS'),
    help: '限制提交、上传、查询和答题的频率（按设备、参赛者或工作人员账号计，网络地址只防洪泛），默认 true；仅压力测试时设为 false',
    readme: {
      default: '`true`',
      meaning:
        'the request limits of the table 限流 below (per device, participant or staff account; per address only as a flood guard); `false` only for load tests',
    },
  }),
  redisUrl: setting<string | undefined>({
    variable: 'REDIS_URL',
    fallback: undefined,
    parse: parseRedisUrl,
    help: 'Redis 连接地址（redis://主机:6379），多个实例共用限流计数；不设置则每个实例各自计数',
    readme: {
      default: 'unset: each instance counts in its memory',
      meaning: '`redis://host:6379` (or `rediss://`): the rate limits\' counts, shared by every instance (see 限流); if Redis cannot be reached the limits are skipped with a warning, never a 500',
    },
  }),
  redisKeyPrefix: setting({
    variable: 'REDIS_KEY_PREFIX',
    fallback: DEFAULT_REDIS_KEY_PREFIX,
    parse: parseRedisKeyPrefix,
    help: '本服务写入 Redis 的键的前缀，默认 pufa:',
    readme: { default: '`pufa:`', meaning: 'what every key this service writes to Redis starts with, so deployments can share one Redis' },
  }),
  contentSources: setting<ContentSource[]>({
    variable: 'CONTENT_SOURCES',
    fallback: [],
    parse: parseContentSources,
    help: '内容订阅源，多个用英文逗号分隔：网址（JSON Feed、RSS 或 Atom）或文件路径；不设置则空库启动时载入示例内容',
    readme: { default: 'unset: the sample feeds', meaning: 'comma-separated feed URLs or file paths to ingest' },
  }),
  sourceCategories: setting<SourceCategory[]>({
    variable: 'CONTENT_SOURCE_CATEGORIES',
    fallback: [],
    parse: parseSourceCategories,
    help: 'RSS、Atom 订阅源的默认分类，写成“订阅源=分类”，多个用英文逗号分隔；条目自己的 <category> 没有分类、又没有默认分类的，不予载入',
    readme: {
      default: 'unset',
      meaning:
        "default category for RSS/Atom items whose own `<category>` names none: comma-separated `订阅源=分类` pairs, each source written as in `CONTENT_SOURCES` (e.g. `https://rsj.gz.gov.cn/zcjd/rss.xml=劳动关系`); an unknown category or a source not in `CONTENT_SOURCES` stops start-up with a message; an item with neither is rejected (shown in `/api/v1/health` and by `pufa ingest`)",
    },
  }),
  contentPollSeconds: setting({
    variable: 'CONTENT_POLL_SECONDS',
    fallback: 600,
    parse: parsePollSeconds,
    help: '每隔多少秒读取一次订阅源，默认 600；0 表示不定时读取',
    readme: { default: '`600`', meaning: 'how often the sources are read (at start, then on this interval, with conditional GET); `0` = never, ingest with `pufa ingest`' },
  }),
  minClientSchema: setting({
    variable: 'CONTENT_MIN_CLIENT_SCHEMA',
    fallback: 1,
    parse: parseMinClientSchema,
    help: '应用内容版本低于此值时只读并提示更新，默认 1',
    readme: { default: '`1`', meaning: 'phones with an older content schema keep what they have and are asked to update' },
  }),
  tipsRetentionDays: setting({
    variable: 'TIPS_RETENTION_DAYS',
    fallback: DEFAULT_RETENTION_DAYS,
    parse: parseRetentionDays,
    help: `已办结或不予受理的反映在最后一次处理后保存的天数，默认 ${DEFAULT_RETENTION_DAYS}（3 年）；到期由 pufa tips purge 删除`,
    readme: {
      default: `\`${DEFAULT_RETENTION_DAYS}\` (3 years)`,
      meaning: `days a closed or rejected report is kept after its last change (${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}); \`pufa tips purge\` then deletes it with its history and photos (the audit log stays)`,
    },
  }),
  fieldKeys: setting<Keyring | undefined>({
    variable: FIELD_KEYS_VARIABLE,
    fallback: undefined,
    parse: (value, problems) => withKeyringProblems(() => parseKeyring(value), problems),
    help: `反映中个人信息的加密密钥，写成“编号:base64 密钥”（32 字节），多个用英文逗号分隔，第一个为当前密钥；与 ${HASH_KEY_VARIABLE} 同时设置。都不设置时首次启动生成到 DATA_DIR/keys.json，生产环境请设置`,
    readme: {
      default: 'unset: keys generated once into `DATA_DIR/keys.json` (0600) when the service or a command starts',
      meaning: "`id:base64key,…` (32-byte keys, first is current) encrypting reporters' name, phone and ID number at rest; set it (and the next one) in production",
    },
  }),
  hashKey: setting<HashKey | undefined>({
    variable: HASH_KEY_VARIABLE,
    fallback: undefined,
    parse: (value, problems) => withKeyringProblems(() => parseHashKey(value), problems),
    help: `查找重复反映所用的 HMAC 密钥（base64，32 字节）；与 ${FIELD_KEYS_VARIABLE} 同时设置`,
    readme: { default: 'as above', meaning: 'base64 32-byte key for the keyed hashes that find duplicate reports without decrypting' },
  }),
  publicUrl: setting<string | undefined>({
    variable: 'PUFA_PUBLIC_URL',
    fallback: undefined,
    parse: parsePublicUrl,
    help: '大家访问本服务的网址（如 https://rsj.example.gov.cn），用于 pufa staff 打印的注册链接；不设置则用 http://HOST:PORT',
    readme: {
      default: 'unset: `http://HOST:PORT`',
      meaning: 'the address people open the service at (an origin such as `https://rsj.example.gov.cn`): the links `pufa staff` prints, and the origin the console\'s requests must come from',
    },
  }),
  uploadClientBudgetBytes: setting({
    variable: 'UPLOAD_CLIENT_BUDGET_MB',
    fallback: DEFAULT_UPLOAD_CLIENT_BUDGET_MB * MEGABYTE,
    parse: megabytesParser('UPLOAD_CLIENT_BUDGET_MB', '一台设备（或一个地址）24 小时内可上传的照片总量'),
    help: `一台设备（没有设备标识时按地址）24 小时内可上传的照片总量，单位 MB，默认 ${DEFAULT_UPLOAD_CLIENT_BUDGET_MB}`,
    readme: {
      default: `\`${DEFAULT_UPLOAD_CLIENT_BUDGET_MB}\``,
      meaning: "megabytes of photos one device (the app's `X-Pufa-Device`, else one address) may upload in 24 hours",
    },
  }),
  uploadQuotaBytes: setting({
    variable: 'UPLOAD_QUOTA_MB',
    fallback: DEFAULT_UPLOAD_QUOTA_MB * MEGABYTE,
    parse: megabytesParser('UPLOAD_QUOTA_MB', '还没用于反映的照片合计最多占多少空间'),
    help: `还没用于反映的照片合计最多占多少空间，单位 MB，默认 ${DEFAULT_UPLOAD_QUOTA_MB}；用满后暂停接收照片`,
    readme: {
      default: `\`${DEFAULT_UPLOAD_QUOTA_MB}\``,
      meaning: 'megabytes that photos no report has taken yet may fill, all clients together; then uploads answer 503 until some expire or are attached',
    },
  }),
  wechatAppId: setting<string | undefined>({
    variable: 'WECHAT_APPID',
    fallback: undefined,
    parse: (value, problems) => {
      if (WECHAT_APPID_PATTERN.test(value)) return value
      problems.push(`WECHAT_APPID 应为小程序的 AppID（wx 加 16 位十六进制数字），当前为 ${quoted(value)}`)
      return undefined
    },
    help: '小程序的 AppID（微信公众平台“开发管理”中可见）；与 WECHAT_SECRET 同时设置后启用微信登录和订阅消息，不设置则不用微信功能',
    readme: { default: 'unset: no WeChat features', meaning: "the mini-program's AppID; with `WECHAT_SECRET`, turns on WeChat sign-in (openid, stored only as a keyed hash) and subscription messages" },
  }),
  wechatSecret: setting<string | undefined>({
    variable: 'WECHAT_SECRET',
    fallback: undefined,
    parse: (value, problems) => {
      if (WECHAT_SECRET_PATTERN.test(value)) return value
      // Not echoed: it is a secret.
      problems.push('WECHAT_SECRET 应为小程序的 AppSecret（32 位字母和数字）')
      return undefined
    },
    help: '小程序的 AppSecret，与 WECHAT_APPID 同时设置；只放在服务器的环境变量中',
    readme: { default: 'unset', meaning: "the mini-program's AppSecret (only in the server's environment, never in the repository or the app)" },
  }),
  wechatApiBase: setting({
    variable: 'WECHAT_API_BASE',
    fallback: DEFAULT_WECHAT_API_BASE,
    parse: parseWeChatApiBase,
    help: `微信服务端接口的地址，默认 ${DEFAULT_WECHAT_API_BASE}；测试时可指向本地的模拟服务`,
    readme: { default: `\`${DEFAULT_WECHAT_API_BASE}\``, meaning: "where WeChat's server API answers (a stand-in in tests)" },
  }),
  wechatTemplateAccepted: templateSetting('WECHAT_TEMPLATE_ACCEPTED', '受理', 'when staff accept a report (受理)'),
  wechatTemplateClosed: templateSetting('WECHAT_TEMPLATE_CLOSED', '办结或不予受理', 'when a report is closed (办结) or rejected (不予受理)'),
  wechatTemplateMessage: templateSetting('WECHAT_TEMPLATE_MESSAGE', '工作人员留言或提问', 'when staff write to the reporter (新消息)'),
} as const

type Settings = typeof SETTINGS
type SettingValues = { [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never }

/** Variables read elsewhere than the service, listed in README's table after the service's own. */
export const BUILD_VARIABLES: ReadonlyArray<{ variable: string; readme: Setting<unknown>['readme'] }> = [
  { variable: 'TARO_APP_API_BASE', readme: { default: '`http://127.0.0.1:3000`', meaning: 'build time, WeChat only: where the mini-program sends API calls' } },
]

// Empty values are treated as unset: `PORT=` in a compose file or a .env means "use the default".
function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
}

function readSettings(env: Environment, problems: string[]): SettingValues {
  const values: Partial<Record<keyof Settings, unknown>> = {}
  for (const [key, declared] of Object.entries(SETTINGS) as Array<[keyof Settings, Setting<unknown>]>) {
    const text = read(env, declared.variable)
    const parsed = text === undefined ? undefined : declared.parse(text, problems)
    values[key] = parsed === undefined ? declared.fallback : parsed
  }
  return values as SettingValues
}

/**
 * The configuration the environment describes, every problem reported at once (ConfigError).
 * Reads only: DATA_DIR and the generated key file are made by `prepareDataDir` when the service
 * or a command starts.
 */
export function loadConfig(env: Environment): Config {
  const problems: string[] = []
  const { sourceCategories, fieldKeys, hashKey, ...values } = readSettings(env, problems)
  const uploadsDir = path.join(values.dataDir, UPLOADS_DIR_NAME)
  checkUploadsOutsideWebRoot(values.dataDir, uploadsDir, 'H5_DIR', values.h5Dir, problems)
  checkUploadsOutsideWebRoot(values.dataDir, uploadsDir, 'CONSOLE_DIR', values.consoleDir, problems)
  const contentSources = withDefaultCategories(values.contentSources, sourceCategories, problems)
  const fieldText = read(env, FIELD_KEYS_VARIABLE)
  const hashText = read(env, HASH_KEY_VARIABLE)
  const keys = chooseKeys(fieldText === undefined ? undefined : fieldKeys, hashText === undefined ? undefined : hashKey, fieldText, hashText, values.dataDir, problems)
  if ((read(env, 'WECHAT_APPID') === undefined) !== (read(env, 'WECHAT_SECRET') === undefined)) {
    problems.push('WECHAT_APPID 和 WECHAT_SECRET 应同时设置（或都不设置，不使用微信功能）')
  }

  if (problems.length > 0 || keys === undefined) throw new ConfigError(problems)
  return {
    ...values,
    sqliteFile: path.join(values.dataDir, SQLITE_FILE_NAME),
    uploadsDir,
    contentSources,
    ...keys,
  }
}

type Keys = Pick<Config, 'fieldKeys' | 'hashKey' | 'keySource'>

function withKeyringProblems<T>(parse: () => T, problems: string[]): T | undefined {
  try {
    return parse()
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error
    problems.push(...error.problems)
    return undefined
  }
}

// Both set: production. Neither: the embedded default, with the keys of DATA_DIR/keys.json, or
// fresh ones that prepareDataDir writes there. One without the other is a mistake: a generated
// half would not match the other half's data.
function chooseKeys(
  fieldKeys: Keyring | undefined,
  hashKey: HashKey | undefined,
  fieldText: string | undefined,
  hashText: string | undefined,
  dataDir: string,
  problems: string[],
): Keys | undefined {
  if (fieldText === undefined && hashText === undefined) {
    if (problems.length > 0) return undefined
    const keys = withKeyringProblems(() => readKeyFile(dataDir) ?? generateFileKeys(dataDir), problems)
    return keys && { fieldKeys: keys.fieldKeys, hashKey: keys.hashKey, keySource: { kind: 'file', file: keys.file, created: keys.created } }
  }
  if (fieldText === undefined || hashText === undefined) {
    const missing = fieldText === undefined ? FIELD_KEYS_VARIABLE : HASH_KEY_VARIABLE
    problems.push(`${FIELD_KEYS_VARIABLE} 和 ${HASH_KEY_VARIABLE} 应同时设置（或都不设置，使用数据目录中自动生成的密钥），当前缺少 ${missing}`)
  }
  if (!fieldKeys || !hashKey) return undefined
  return { fieldKeys, hashKey, keySource: { kind: 'environment' } }
}

/**
 * Makes what the configuration needs on disk: DATA_DIR, and the key file when its keys were
 * generated by loadConfig. Called when the service or a command starts (never by loadConfig).
 * Returns the configuration to use: when another process wrote the key file first, its keys.
 */
export function prepareDataDir(config: Config): Config {
  try {
    // Reports, keys and photos live here: the service's own user only.
    mkdirSync(config.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '未知错误'
    throw new ConfigError([`DATA_DIR 应为可写入的目录（用于存放数据库和上传的文件），当前为 ${quoted(config.dataDir)}，无法创建（${code}）`])
  }
  if (config.keySource.kind !== 'file' || !config.keySource.created) return config
  try {
    const written = writeKeyFile(config.dataDir, config.fieldKeys, config.hashKey)
    // Ours, written now or by an earlier call (the CLI prepares, then the server it starts again).
    if (written.created || sameKeys(written, config)) return config
    return { ...config, fieldKeys: written.fieldKeys, hashKey: written.hashKey, keySource: { kind: 'file', file: written.file, created: false } }
  } catch (error) {
    if (error instanceof KeyringError) throw new ConfigError(error.problems)
    throw error
  }
}

function sameKeys(a: Pick<Config, 'fieldKeys' | 'hashKey'>, b: Pick<Config, 'fieldKeys' | 'hashKey'>): boolean {
  const current = a.fieldKeys.currentKeyId
  const [materialA, materialB] = [a.fieldKeys.material(current), b.fieldKeys.material(current)]
  return (
    current === b.fieldKeys.currentKeyId &&
    materialA !== undefined &&
    materialB !== undefined &&
    materialA.equals(materialB) &&
    a.hashKey.material().equals(b.hashKey.material())
  )
}

function parsePort(value: string, problems: string[]): number | undefined {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port
  problems.push(`PORT 应为 1 到 65535 之间的整数，当前为 ${quoted(value)}`)
  return undefined
}

function parseHost(value: string, problems: string[]): string | undefined {
  if (HOST_PATTERN.test(value)) return value
  problems.push(`HOST 应为主机名或 IP 地址（如 127.0.0.1 或 0.0.0.0），当前为 ${quoted(value)}`)
  return undefined
}

// The value is never echoed back: it may carry the database password.
function parseDatabaseUrl(value: string, problems: string[]): string | undefined {
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
function parseRedisUrl(value: string, problems: string[]): string | undefined {
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


function parseRedisKeyPrefix(value: string, problems: string[]): string | undefined {
  if (/^[A-Za-z0-9:_.-]{1,64}$/.test(value)) return value
  problems.push(`REDIS_KEY_PREFIX 应为 1 到 64 个字母、数字或 : _ . -（如 pufa:），当前为 ${quoted(value)}`)
  return undefined
}

// An origin only: the console's and the API's paths are the service's own, and a path or query here
// would make the printed links wrong.
function parsePublicUrl(value: string, problems: string[]): string | undefined {
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

function parseWeChatApiBase(value: string, problems: string[]): string | undefined {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    problems.push(`WECHAT_API_BASE 应为以 http:// 或 https:// 开头、不带参数的网址（默认 ${DEFAULT_WECHAT_API_BASE}），当前为 ${quoted(value)}`)
    return undefined
  }
  return url.href.replace(/\/+$/, '')
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

/** Directories the service creates under DATA_DIR: its own user only. */
export const PRIVATE_DIR_MODE = 0o700

// Checked without creating anything: the directory, or the nearest folder that exists above it
// (where prepareDataDir will create it), must be a directory this process may write to.
function parseDataDir(value: string, problems: string[]): string | undefined {
  const dir = path.resolve(value)
  let existing = dir
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing)
  try {
    if (!statSync(existing).isDirectory()) throw new Error('not a directory')
    accessSync(existing, constants.W_OK | constants.X_OK)
    return dir
  } catch {
    problems.push(`DATA_DIR 应为可写入的目录（用于存放数据库和上传的文件），当前为 ${quoted(dir)}，无法创建或不是目录`)
    return undefined
  }
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

function parseLogLevel(value: string, problems: string[]): LogLevel | undefined {
  const level = LOG_LEVELS.find((candidate) => candidate === value.toLowerCase())
  if (level) return level
  problems.push(`LOG_LEVEL 应为 ${LOG_LEVELS.join('、')} 之一，当前为 ${quoted(value)}`)
  return undefined
}

function booleanParser(name: string): Setting<boolean>['parse'] {
  return (value, problems) => {
    const lower = value.toLowerCase()
    if (TRUE_VALUES.includes(lower)) return true
    if (FALSE_VALUES.includes(lower)) return false
    problems.push(`${name} 应为 true 或 false，当前为 ${quoted(value)}`)
    return undefined
  }
}

function parseContentSources(value: string, problems: string[]): ContentSource[] {
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
interface SourceCategory {
  location: string
  category: string
}

function parseSourceCategories(value: string, problems: string[]): SourceCategory[] {
  const pairs: SourceCategory[] = []
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const separator = entry.lastIndexOf('=')
    const location = separator > 0 ? entry.slice(0, separator).trim() : ''
    const category = separator > 0 ? entry.slice(separator + 1).trim() : ''
    if (location === '' || category === '') {
      problems.push(`CONTENT_SOURCE_CATEGORIES 中的 ${quoted(entry)} 应写成“订阅源=分类”，如 ${SOURCE_CATEGORY_EXAMPLE}`)
    } else {
      pairs.push({ location, category })
    }
  }
  return pairs
}

function withDefaultCategories(sources: ContentSource[], pairs: SourceCategory[], problems: string[]): ContentSource[] {
  const chosen = new Map<string, PolicyCategory>()
  for (const { location, category } of pairs) {
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

function parsePollSeconds(value: string, problems: string[]): number | undefined {
  const seconds = /^\d{1,7}$/.test(value) ? Number(value) : NaN
  if (seconds === 0 || (seconds >= MIN_POLL_SECONDS && seconds <= MAX_POLL_SECONDS)) return seconds
  problems.push(`CONTENT_POLL_SECONDS 应为 0（不定时读取）或 ${MIN_POLL_SECONDS} 到 ${MAX_POLL_SECONDS} 之间的秒数，当前为 ${quoted(value)}`)
  return undefined
}

function parseRetentionDays(value: string, problems: string[]): number | undefined {
  const days = /^\d{1,6}$/.test(value) ? Number(value) : NaN
  if (days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS) return days
  problems.push(
    `TIPS_RETENTION_DAYS 应为 ${MIN_RETENTION_DAYS} 到 ${MAX_RETENTION_DAYS} 之间的天数（已办结或不予受理的反映在最后一次处理后保存多少天），当前为 ${quoted(value)}`,
  )
  return undefined
}


/** A whole number of megabytes (MiB), 1 to 10,000,000, as bytes. */
function megabytesParser(variable: string, meaning: string): (value: string, problems: string[]) => number | undefined {
  return (value, problems) => {
    const megabytes = /^\d{1,8}$/.test(value) ? Number(value) : NaN
    if (megabytes >= 1 && megabytes <= 10_000_000) return megabytes * MEGABYTE
    problems.push(`${variable} 应为 1 到 10000000 之间的整数（单位 MB，${meaning}），当前为 ${quoted(value)}`)
    return undefined
  }
}

function parseMinClientSchema(value: string, problems: string[]): number | undefined {
  const schema = /^\d{1,4}$/.test(value) ? Number(value) : NaN
  if (schema >= 1 && schema <= CONTENT_SCHEMA) return schema
  const allowed = CONTENT_SCHEMA === 1 ? '目前只能为 1' : `应为 1 到 ${CONTENT_SCHEMA} 之间的整数`
  problems.push(`CONTENT_MIN_CLIENT_SCHEMA ${allowed}（不能高于本服务的内容版本 ${CONTENT_SCHEMA}），当前为 ${quoted(value)}`)
  return undefined
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
