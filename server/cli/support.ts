// What the CLI's commands share: the context they run in, exit codes, flags, the database. The
// commands (server/cli/<command>.ts) import this, never server/cli.ts, so there is no cycle.
import { parseArgs } from 'node:util'

import type { Kysely } from 'kysely'

import type { Config, Environment } from '../config'
import { openDatabase } from '../db/database'
import { migrate } from '../db/migrations'
import type { Database } from '../db/schema'
import type { SignalSource } from '../server'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

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

/** One `pufa <name>` command, listed in `pufa --help` in the order of server/cli.ts. */
export interface Command {
  name: string
  summary: string
  /** Checks the command's own arguments (a message when they are wrong); without it, it takes none. */
  checkArgs?(args: string[]): string | undefined
  run(context: CliContext, config: Config, args: string[]): Promise<number>
}

/** A command's argument check from its parser: the parser's message when the arguments are wrong. */
export function problemOf(parse: (args: string[]) => object | { problem: string }): (args: string[]) => string | undefined {
  return (args) => {
    const parsed = parse(args)
    return 'problem' in parsed && typeof parsed.problem === 'string' ? parsed.problem : undefined
  }
}

/** Opens and migrates the configured database for `work`, and closes it afterwards. */
export async function withMigratedDatabase<T>(config: Config, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = openDatabase(config)
  try {
    await migrate(database.db, database.dialect)
    return await work(database.db)
  } finally {
    await database.close()
  }
}

// Flags: `--name 值` or `--name=值` for values, `--dry-run` for switches.

export type FlagKind = 'value' | 'switch'

export type ParsedFlags = Record<string, string | true>

export type FlagsResult = { ok: true; flags: ParsedFlags } | { ok: false; problem: string }

/** One argument as node:util parseArgs read it against a spec. */
export type ArgToken =
  /** A flag of the spec: its value as written (`inline` for `--name=值`), absent when none followed. */
  | { kind: FlagKind; flag: string; arg: string; value: string | undefined; inline: boolean }
  /** Anything else: an unknown flag, a word, `--`. */
  | { kind: 'unknown'; arg: string }

/**
 * The arguments read by node:util parseArgs, leniently (strict: false), so that each command
 * words its own messages: a value flag takes the next argument even when it starts with `--`
 * (the caller refuses that), and an unknown flag or a word comes back as `unknown`.
 */
export function argTokens(args: readonly string[], spec: Readonly<Record<string, FlagKind>>): ArgToken[] {
  const options = Object.fromEntries(Object.entries(spec).map(([flag, kind]) => [flag.replace(/^--/, ''), { type: kind === 'value' ? ('string' as const) : ('boolean' as const) }]))
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true })
  return tokens.map((token) => {
    const arg = args[token.index]
    if (token.kind !== 'option') return { kind: 'unknown', arg }
    const flag = `--${token.name}`
    const kind = token.rawName === flag && Object.hasOwn(spec, flag) ? spec[flag] : undefined
    if (kind === undefined) return { kind: 'unknown', arg }
    return { kind, flag, arg, value: token.value, inline: token.inlineValue === true }
  })
}

/** The flags given, or a message for the operator naming what is wrong (with `usage` appended). */
export function parseFlags(args: readonly string[], spec: Readonly<Record<string, FlagKind>>, usage: string): FlagsResult {
  const flags: ParsedFlags = {}
  for (const token of argTokens(args, spec)) {
    if (token.kind === 'unknown') return { ok: false, problem: `不认识参数“${token.arg}”。${usage}` }
    const { flag, value, inline } = token
    if (Object.hasOwn(flags, flag)) return { ok: false, problem: `参数 ${flag} 只能写一次。${usage}` }
    if (token.kind === 'switch') {
      if (value !== undefined) return { ok: false, problem: `${flag} 后面不用写值。${usage}` }
      flags[flag] = true
      continue
    }
    if (value === undefined || value.trim() === '' || (!inline && value.startsWith('--'))) return { ok: false, problem: `${flag} 后面要写上值。${usage}` }
    flags[flag] = value.trim()
  }
  return { ok: true, flags }
}
