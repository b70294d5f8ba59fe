// What the CLI's operator commands (staff, keys, tips) share: flags, exit codes, the database.
import type { Kysely } from 'kysely'

import type { Config } from './config'
import { openDatabase } from './db/database'
import { migrate } from './db/migrations'
import type { Database } from './db/schema'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

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

/** The flags given, or a message for the operator naming what is wrong (with `usage` appended). */
export function parseFlags(args: readonly string[], spec: Readonly<Record<string, FlagKind>>, usage: string): FlagsResult {
  const flags: ParsedFlags = {}
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1
    const [flag, inline] = equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined]
    const kind = Object.hasOwn(spec, flag) ? spec[flag] : undefined
    if (kind === undefined) return { ok: false, problem: `不认识参数“${arg}”。${usage}` }
    if (Object.hasOwn(flags, flag)) return { ok: false, problem: `参数 ${flag} 只能写一次。${usage}` }
    if (kind === 'switch') {
      if (inline !== undefined) return { ok: false, problem: `${flag} 后面不用写值。${usage}` }
      flags[flag] = true
      continue
    }
    const value = inline ?? args[(index += 1)]
    if (value === undefined || value.trim() === '' || (inline === undefined && value.startsWith('--'))) return { ok: false, problem: `${flag} 后面要写上值。${usage}` }
    flags[flag] = value.trim()
  }
  return { ok: true, flags }
}
