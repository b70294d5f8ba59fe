import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

import { version } from '../package.json'
import { POLICY_CATEGORIES, type PolicyCategory } from '../src/core/content/model'
import { parseStaffArgs, staffCommand } from './admin/staff.cli'
import { ConfigError, describeDatabase, loadConfig, prepareDataDir, REPO_ROOT, SETTINGS, type Config, type Environment } from './config'
import { openDatabase } from './db/database'
import { migrate, MigrationError } from './db/migrations'
import { ingestSource, WRITE_BATCH_SIZE, type IngestReport } from './ingest/ingest'
import { fileSource, urlSource, type ContentSource } from './ingest/sources'
import { checkKeysArgs, keysCommand } from './privacy/keys.cli'
import { listen, type SignalSource } from './server'
import { parseTipsArgs, tipsCommand } from './tips/purge.cli'

export interface Output {
  write(text: string): unknown
}

export interface CliContext {
  stdout: Output
  stderr: Output
  env: Environment
  /** Where SIGTERM/SIGINT come from; the process unless a test supplies its own. */
  signals?: SignalSource
  /** Builds the H5 app and settles with the build's exit code; Taro unless a test supplies its own. */
  buildH5?: (env: Environment) => Promise<number>
  /** Builds the staff console likewise; Vite unless a test supplies its own. */
  buildConsole?: (env: Environment) => Promise<number>
}

interface Command {
  name: string
  summary: string
  needsConfig: boolean
  /** Checks the command's own arguments (a message when they are wrong); without it, it takes none. */
  checkArgs?(args: string[]): string | undefined
  run(context: CliContext, config: Config, args: string[]): Promise<number>
}

const EXIT_OK = 0
const EXIT_FAILURE = 1
const EXIT_USAGE = 2

const ENVIRONMENT_HELP = Object.values(SETTINGS).map((setting) => [setting.variable, setting.help] as const)

/** A command's argument check from its parser: the parser's message when the arguments are wrong. */
function problemOf(parse: (args: string[]) => object | { problem: string }): (args: string[]) => string | undefined {
  return (args) => {
    const parsed = parse(args)
    return 'problem' in parsed && typeof parsed.problem === 'string' ? parsed.problem : undefined
  }
}

const COMMANDS: Command[] = [
  {
    name: 'start',
    summary: '一键启动：网页版或工作人员平台还没构建就先构建，再更新数据库并启动服务（npm start 运行的就是它）',
    needsConfig: true,
    run: startCommand,
  },
  { name: 'serve', summary: '更新数据库并启动服务，网页版、工作人员平台（/console/）和接口使用同一个端口', needsConfig: true, run: serveCommand },
  { name: 'migrate', summary: '只更新数据库结构，然后退出', needsConfig: true, run: migrateCommand },
  {
    name: 'ingest',
    summary: '读取一次订阅源并写入内容：pufa ingest --url 网址 或 --file 文件 [--category 分类：RSS、Atom 条目没有分类时用它] [--dry-run 只检查不写入]',
    needsConfig: true,
    checkArgs: problemOf(parseIngestArgs),
    run: ingestCommand,
  },
  {
    name: 'staff',
    summary:
      '管理工作人员：staff create --name 姓名 --login 登录名 --role 角色 [--district 区县代码] 创建账号并打印一次性注册链接，staff create --name 名称 (--district 区县代码 | --city) 创建接口令牌，staff list 列出，staff enrol --login 登录名 重新生成注册链接，staff disable --login 登录名 停用账号，staff revoke --id 编号 吊销令牌',
    needsConfig: true,
    checkArgs: problemOf(parseStaffArgs),
    run: staffCommand,
  },
  {
    name: 'keys',
    summary: 'keys rotate：把反映中的个人信息和工作人员的身份验证器密钥全部改用 PUFA_FIELD_KEYS 的第一个（当前）密钥加密，之后即可移除旧密钥',
    needsConfig: true,
    checkArgs: checkKeysArgs,
    run: keysCommand,
  },
  {
    name: 'tips',
    summary: 'tips purge [--dry-run]：删除超过保存期限（TIPS_RETENTION_DAYS）的已办结或不予受理的反映及其照片；--dry-run 只统计不删除',
    needsConfig: true,
    checkArgs: (args) => {
      const parsed = parseTipsArgs(args)
      return 'problem' in parsed ? parsed.problem : undefined
    },
    run: tipsCommand,
  },
  { name: 'help', summary: '显示本说明', needsConfig: false, run: async (context) => printHelp(context) },
]

const HELP_FLAGS = new Set(['--help', '-h', 'help'])

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length), ...ENVIRONMENT_HELP.map(([name]) => name.length)) + 2
  const pad = (text: string) => text.padEnd(width)
  return [
    `法治人社服务 pufa ${version}`,
    '',
    '用法：pufa <命令>',
    '',
    '命令：',
    ...COMMANDS.map((command) => `  ${pad(command.name)}${command.summary}`),
    '',
    '环境变量（都可以不设置）：',
    ...ENVIRONMENT_HELP.map(([name, text]) => `  ${pad(name)}${text}`),
    '',
    '例子：',
    '  npm start',
    '  PORT=8080 HOST=0.0.0.0 npx pufa serve',
    '  DATABASE_URL=postgres://pufa:密码@db.example.cn:5432/pufa npx pufa migrate',
    '  npx pufa ingest --url https://rsj.example.gov.cn/feed.json --dry-run',
    '  npx pufa staff create --name 张三 --login zhangsan --role inspector --district 440104',
    '  npx pufa staff create --name 越秀区劳动监察大队 --district 440104',
    '  npx pufa tips purge --dry-run',
    '',
  ].join('\n')
}

async function printHelp(context: CliContext): Promise<number> {
  context.stdout.write(usage())
  return EXIT_OK
}

/** Runs one command; returns the process exit code (only bin/pufa.js exits). */
export async function main(args: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = args
  if (name === undefined || HELP_FLAGS.has(name)) return printHelp(context)
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${version}\n`)
    return EXIT_OK
  }

  const command = COMMANDS.find((candidate) => candidate.name === name)
  if (!command) {
    context.stderr.write(`没有“${name}”这个命令。运行 pufa --help 查看可用的命令。\n`)
    return EXIT_USAGE
  }
  if (rest.some((arg) => HELP_FLAGS.has(arg))) return printHelp(context)
  if (command.checkArgs) {
    const problem = command.checkArgs(rest)
    if (problem !== undefined) {
      context.stderr.write(`${problem}\n`)
      return EXIT_USAGE
    }
  } else if (rest.length > 0) {
    context.stderr.write(`命令 ${command.name} 不接受参数“${rest[0]}”。端口、数据库等设置请用环境变量，运行 pufa --help 查看。\n`)
    return EXIT_USAGE
  }

  let config: Config
  try {
    config = prepareDataDir(loadConfig(context.env))
  } catch (error) {
    if (error instanceof ConfigError) {
      context.stderr.write(`${error.message}\n`)
      return EXIT_FAILURE
    }
    throw error
  }

  try {
    return await command.run(context, config, rest)
  } catch (error) {
    context.stderr.write(`${describeFailure(error, config)}\n`)
    return EXIT_FAILURE
  }
}

async function migrateCommand(context: CliContext, config: Config): Promise<number> {
  const database = openDatabase(config)
  let applied: string[]
  try {
    applied = await migrate(database.db)
  } finally {
    await database.close()
  }
  context.stdout.write(describeMigrations(config, applied))
  return EXIT_OK
}

function describeMigrations(config: Config, applied: string[]): string {
  const where = describeDatabase(config)
  if (applied.length === 0) return `数据库已是最新（${where}），无需迁移。\n`
  return `已在 ${where} 上完成 ${applied.length} 个迁移：\n${applied.map((name) => `  - ${name}\n`).join('')}`
}

/** One of the web builds the service serves, and how to make it. */
interface WebBuild {
  /** The build in the messages: 「未找到…，正在构建」. */
  name: string
  /** What it is, for the note when `serve` finds it missing. */
  what: string
  dir: (config: Config) => string
  variable: string
  defaultDir: string
  script: string
  firstBuild: string
  build: (context: CliContext) => (env: Environment) => Promise<number>
}

const WEB_BUILDS: readonly WebBuild[] = [
  {
    name: '网页版（H5）的构建',
    what: '网页版',
    dir: (config) => config.h5Dir,
    variable: 'H5_DIR',
    defaultDir: 'dist/h5',
    script: 'npm run build:h5',
    firstBuild: '首次约需 1 分钟',
    build: (context) => context.buildH5 ?? runTaroBuild,
  },
  {
    name: '工作人员平台的构建',
    what: '工作人员平台（/console/）',
    dir: (config) => config.consoleDir,
    variable: 'CONSOLE_DIR',
    defaultDir: 'dist/console',
    script: 'npm run build:console',
    firstBuild: '约需 10 秒',
    build: (context) => context.buildConsole ?? runViteBuild,
  },
]

function isBuilt(build: WebBuild, config: Config): boolean {
  return existsSync(path.join(build.dir(config), 'index.html'))
}

async function serveCommand(context: CliContext, config: Config): Promise<number> {
  const running = await listen(config, { signals: context.signals })
  context.stdout.write(describeMigrations(config, running.applied))
  if (config.keySource.kind === 'file') {
    context.stdout.write(`提示：个人信息加密密钥${config.keySource.created ? '已生成并' : ''}保存在 ${config.keySource.file}（请妥善备份）；生产环境请设置 PUFA_FIELD_KEYS 和 PUFA_HASH_KEY。\n`)
  }
  for (const report of running.sampleContent ?? []) context.stdout.write(describeSampleLoad(report))
  for (const build of WEB_BUILDS.filter((candidate) => !isBuilt(candidate, config))) {
    context.stdout.write(`提示：没有找到${build.name}（${build.dir(config)}），${build.what}暂时打不开，接口不受影响。运行 ${build.script} 后刷新网页即可。\n`)
  }
  context.stdout.write(`法治人社已启动：${running.url}\n`)
  const code = await running.stopped
  context.stdout.write(code === EXIT_OK ? '服务已停止。\n' : '服务未能按时停止，已强制退出。\n')
  return code
}

async function startCommand(context: CliContext, config: Config): Promise<number> {
  for (const build of WEB_BUILDS.filter((candidate) => !isBuilt(candidate, config))) {
    context.stdout.write(`未找到${build.name}，正在构建（${build.firstBuild}）…\n`)
    const code = await build.build(context)(context.env)
    if (code !== 0) {
      context.stderr.write(`${build.name}失败（退出码 ${code}），请查看上面的输出。修好后再运行 npm start。\n`)
      return EXIT_FAILURE
    }
    if (!isBuilt(build, config)) {
      context.stderr.write(`${build.name}已完成，但在 ${build.dir(config)} 里没有找到 index.html。请检查 ${build.variable} 是否指向构建输出目录（默认 ${build.defaultDir}）。\n`)
      return EXIT_FAILURE
    }
    context.stdout.write(`${build.name}完成。\n`)
  }
  return serveCommand(context, config)
}

function describeSampleLoad(report: IngestReport): string {
  if (report.outcome === 'failed') return `示例内容 ${report.source} 未能载入：${report.error}\n`
  const rejected = report.rejected.length > 0 ? `，${report.rejected.length} 条有问题未载入（运行 pufa ingest --file ${report.source} --dry-run 查看原因）` : ''
  return `已载入示例内容 ${report.source}：${report.added} 条${rejected}\n`
}

const INGEST_USAGE = '用法：pufa ingest --url 网址 [--category 分类] [--dry-run] 或 pufa ingest --file 文件路径 [--category 分类] [--dry-run]'

interface IngestArgs {
  source: ContentSource
  dryRun: boolean
  /** Default category of the source's RSS and Atom items, for this read. */
  category?: PolicyCategory
}

function parseIngestArgs(args: string[]): IngestArgs | { problem: string } {
  let source: ContentSource | undefined
  let dryRun = false
  let category: PolicyCategory | undefined
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    if (flag === '--dry-run' && inline === undefined) {
      dryRun = true
      continue
    }
    if (flag === '--category') {
      const value = inline ?? args[(index += 1)]
      category = POLICY_CATEGORIES.find((name) => name === value)
      if (category === undefined) return { problem: `--category 后面要写 ${POLICY_CATEGORIES.join('、')} 之一。${INGEST_USAGE}` }
      continue
    }
    if (flag !== '--url' && flag !== '--file') return { problem: `pufa ingest 不认识参数“${arg}”。${INGEST_USAGE}` }
    if (source !== undefined) return { problem: `pufa ingest 一次只读取一个订阅源。${INGEST_USAGE}` }
    const value = inline ?? args[(index += 1)]
    if (value === undefined || value === '' || value.startsWith('--')) return { problem: `${flag} 后面要写${flag === '--url' ? '网址' : '文件路径'}。${INGEST_USAGE}` }
    if (flag === '--url') {
      source = urlSource(value)
      if (source === undefined) return { problem: `“${value}”不是以 http:// 或 https:// 开头的网址。${INGEST_USAGE}` }
    } else {
      source = fileSource(value)
    }
  }
  if (source === undefined) return { problem: `请用 --url 或 --file 指定要读取的订阅源。${INGEST_USAGE}` }
  return { source, dryRun, ...(category !== undefined ? { category } : {}) }
}

const FORMAT_NAMES = { json_feed: 'JSON Feed', rss: 'RSS', atom: 'Atom' } as const

function describeIngest(report: IngestReport): string {
  const lines: string[] = []
  const listing = report.complete ? '完整列表（不在其中的已有内容会被删除）' : '滚动列表（不删除已有内容）'
  lines.push(report.dryRun ? `试运行完成，没有写入数据库：${report.source}` : `读取完成：${report.source}`)
  lines.push(`  ${report.format ? FORMAT_NAMES[report.format] : ''}，${listing}，共 ${report.total} 条`)
  const verb = report.dryRun ? '将' : ''
  lines.push(
    `  ${verb}新增 ${report.added} 条，${verb}更新 ${report.updated} 条，${verb}删除 ${report.deleted} 条，未变 ${report.unchanged} 条，拒绝 ${report.rejected.length} 条` +
      (report.ignored.length > 0 ? `，跳过 ${report.ignored.length} 条` : ''),
  )
  if (report.rejected.length > 0) {
    lines.push('  被拒绝的内容（数据库中已有的版本保持不变）：')
    for (const item of report.rejected) lines.push(`    - ${item.reason}`)
  }
  if (report.ignored.length > 0) {
    lines.push('  跳过的内容：')
    for (const item of report.ignored) lines.push(`    - ${item.reason}`)
  }
  return `${lines.join('\n')}\n`
}

async function ingestCommand(context: CliContext, config: Config, args: string[]): Promise<number> {
  const parsed = parseIngestArgs(args)
  if ('problem' in parsed) {
    context.stderr.write(`${parsed.problem}\n`)
    return EXIT_USAGE
  }
  const { dryRun } = parsed
  // A configured source keeps its CONTENT_SOURCE_CATEGORIES default unless --category says otherwise.
  const defaultCategory = parsed.category ?? config.contentSources.find((known) => known.name === parsed.source.name)?.defaultCategory
  const source: ContentSource = defaultCategory === undefined ? parsed.source : { ...parsed.source, defaultCategory }
  const database = openDatabase(config)
  try {
    await migrate(database.db)
    context.stdout.write(`正在读取 ${source.name}${dryRun ? '（试运行）' : ''}…\n`)
    const report = await ingestSource(database.db, source, {
      dryRun,
      onProgress: (done, total) => {
        if (total > WRITE_BATCH_SIZE) context.stdout.write(`  已处理 ${done}/${total} 条…\n`)
      },
    })
    if (report.outcome === 'failed') {
      context.stderr.write(`读取订阅源 ${source.name} 失败：${report.error}。数据库中已有的内容保持不变。\n`)
      return EXIT_FAILURE
    }
    context.stdout.write(describeIngest(report))
    return EXIT_OK
  } finally {
    await database.close()
  }
}

class BuildToolMissingError extends Error {}

function runBuild(tool: string, args: string[], env: Environment): Promise<number> {
  const command = path.join(REPO_ROOT, 'node_modules', '.bin', tool)
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env })
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new BuildToolMissingError(command) : error)
    })
    child.on('exit', (code) => resolve(code ?? EXIT_FAILURE))
  })
}

function runTaroBuild(env: Environment): Promise<number> {
  return runBuild('taro', ['build', '--type', 'h5'], { ...env, NODE_ENV: 'production', TARO_ENV: 'h5' })
}

// `npm run build:console`, into dist/console (like the H5 build, it does not follow the directory variable).
function runViteBuild(env: Environment): Promise<number> {
  return runBuild('vite', ['build', 'console'], { ...env, NODE_ENV: 'production' })
}

interface ErrorLike {
  code?: unknown
  message?: unknown
  cause?: unknown
  errors?: unknown
}

// Drivers wrap their causes (Kysely's migrator, Node's AggregateError for dual-stack connects).
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return []
  const { code, cause, errors } = error as ErrorLike
  const nested = Array.isArray(errors) ? errors.flatMap((inner) => errorCodes(inner, depth + 1)) : []
  return [...(typeof code === 'string' ? [code] : []), ...errorCodes(cause, depth + 1), ...nested]
}

const DATABASE_FAILURES: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝，数据库没有运行或地址、端口不对',
  ENOTFOUND: '找不到这个主机名',
  EAI_AGAIN: '暂时无法解析主机名',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
  '28P01': '用户名或密码不正确',
  '28000': '数据库拒绝了这个用户的登录',
  '3D000': '数据库不存在，请先创建',
  '42501': '数据库用户权限不足',
  '53300': '数据库连接数已满',
  '57P03': '数据库正在启动或关闭',
  SQLITE_CANTOPEN: '无法打开数据库文件，请检查 DATA_DIR 是否可写',
  SQLITE_READONLY: '数据库文件是只读的',
  SQLITE_BUSY: '数据库文件被其他进程锁定',
  SQLITE_NOTADB: '这不是有效的数据库文件',
  SQLITE_CORRUPT: '数据库文件已损坏',
  SQLITE_FULL: '磁盘已满',
}

function describeFailure(error: unknown, config: Config): string {
  if (error instanceof BuildToolMissingError) {
    return `找不到构建工具（${error.message}）。请先在项目目录运行 npm install。`
  }
  const codes = errorCodes(error)
  if (codes.includes('EADDRINUSE')) return `端口 ${config.port} 已被占用，请用 PORT=… 指定其他端口。`
  if (codes.includes('EACCES')) return `没有权限使用端口 ${config.port}，请用 PORT=… 指定 1024 以上的端口。`
  if (codes.includes('EADDRNOTAVAIL')) return `本机没有地址 ${config.host}，无法在上面监听，请检查 HOST。`
  const databaseCode = codes.find((code) => code in DATABASE_FAILURES)
  if (databaseCode !== undefined) {
    return `无法使用数据库 ${describeDatabase(config)}：${DATABASE_FAILURES[databaseCode]}。`
  }
  if (error instanceof MigrationError && error.migrationName !== undefined) {
    const reason = error.cause instanceof Error ? error.cause.message : String(error.cause)
    return `数据库迁移 ${error.migrationName} 失败（${describeDatabase(config)}）：${reason}`
  }
  const message = error instanceof Error ? error.message : String(error)
  return `出错了：${message}`
}
