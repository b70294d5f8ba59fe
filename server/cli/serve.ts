// `pufa serve` and `pufa start`: the service, after building the web apps when `start` finds them missing.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

import { REPO_ROOT, type Config, type Environment } from '../config'
import type { IngestReport } from '../ingest/ingest'
import { listen } from '../server'
import { BuildToolMissingError } from './failure'
import { describeMigrations } from './migrate'
import { EXIT_FAILURE, EXIT_OK, type CliContext, type Command } from './support'

export const SERVE_COMMAND: Command = {
  name: 'serve',
  summary: '更新数据库并启动服务，网页版、工作人员平台（/console/）和接口使用同一个端口',
  run: serveCommand,
}

export const START_COMMAND: Command = {
  name: 'start',
  summary: '一键启动：网页版或工作人员平台还没构建就先构建，再更新数据库并启动服务（npm start 运行的就是它）',
  run: startCommand,
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

function runBuild(tool: string, args: string[], env: Environment): Promise<number> {
  return run(path.join(REPO_ROOT, 'node_modules', '.bin', tool), args, env)
}

function run(command: string, args: string[], env: Environment): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env })
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new BuildToolMissingError(command) : error)
    })
    child.on('exit', (code) => resolve(code ?? EXIT_FAILURE))
  })
}

// `npm run build:h5`: Taro's build, the tab pages' first screens written into index.html
// (scripts/first-screens.js), then its scripts and styles compressed once (scripts/precompress.js).
async function runTaroBuild(env: Environment): Promise<number> {
  const built = await runBuild('taro', ['build', '--type', 'h5'], { ...env, NODE_ENV: 'production', TARO_ENV: 'h5' })
  if (built !== 0) return built
  for (const script of ['first-screens.js', 'precompress.js']) {
    const code = await run(process.execPath, [path.join(REPO_ROOT, 'scripts', script)], env)
    if (code !== 0) return code
  }
  return 0
}

// `npm run build:console`, into dist/console (like the H5 build, it does not follow the directory variable).
function runViteBuild(env: Environment): Promise<number> {
  return runBuild('vite', ['build', 'console'], { ...env, NODE_ENV: 'production' })
}
