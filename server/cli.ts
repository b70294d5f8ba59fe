// `pufa <command>`: finds the command (server/cli/<command>.ts), checks its arguments, loads the
// configuration, prepares DATA_DIR and runs it. The commands never import this file.
import { version } from '../package.json'
import { ConfigError, loadConfig, prepareDataDir, SETTINGS, type Config } from './config'
import { describeFailure } from './cli/failure'
import { INGEST_COMMAND } from './cli/ingest'
import { KEYS_COMMAND } from './cli/keys'
import { MIGRATE_COMMAND } from './cli/migrate'
import { SERVE_COMMAND, START_COMMAND } from './cli/serve'
import { STAFF_COMMAND } from './cli/staff'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliContext, type Command } from './cli/support'
import { TIPS_COMMAND } from './cli/tips'

export type { CliContext, Output } from './cli/support'

const HELP_COMMAND = {
  name: 'help',
  summary: '显示本说明',
  run: async (context: CliContext) => printHelp(context),
}

const COMMANDS: readonly Command[] = [START_COMMAND, SERVE_COMMAND, MIGRATE_COMMAND, INGEST_COMMAND, STAFF_COMMAND, KEYS_COMMAND, TIPS_COMMAND, HELP_COMMAND]

const HELP_FLAGS = new Set(['--help', '-h', 'help'])

function usage(): string {
  const variables = Object.values(SETTINGS)
  const width = Math.max(...COMMANDS.map((command) => command.name.length), ...variables.map((setting) => setting.variable.length)) + 2
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
    ...variables.map((setting) => `  ${pad(setting.variable)}${setting.help}`),
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

function printHelp(context: CliContext): number {
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
