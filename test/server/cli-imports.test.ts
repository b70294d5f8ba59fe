import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { REPO_ROOT } from '../../server/config'

const CLI_FILE = path.join(REPO_ROOT, 'server', 'cli.ts')
const COMMANDS_DIR = path.join(REPO_ROOT, 'server', 'cli')

// Relative imports only (packages cannot import the project), `import type` included: a cycle of
// types is still a cycle for the reader.
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((match) => match[1])
  return specifiers.map((specifier) => resolve(path.resolve(path.dirname(file), specifier))).filter((resolved): resolved is string => resolved !== undefined)
}

function resolve(base: string): string | undefined {
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  return undefined
}

/** Every project file `file` imports, directly or not. */
function reachableFrom(file: string): Set<string> {
  const seen = new Set<string>()
  const pending = importsOf(file)
  while (pending.length > 0) {
    const next = pending.pop()!
    if (seen.has(next)) continue
    seen.add(next)
    pending.push(...importsOf(next))
  }
  return seen
}

describe('the CLI and its commands', () => {
  const commandFiles = readdirSync(COMMANDS_DIR).map((name) => path.join(COMMANDS_DIR, name))

  it('has one file per command under server/cli, which server/cli.ts imports', () => {
    const imported = importsOf(CLI_FILE)
    for (const name of ['serve', 'migrate', 'ingest', 'staff', 'keys', 'tips']) expect(imported).toContain(path.join(COMMANDS_DIR, `${name}.ts`))
  })

  it.each(readdirSync(COMMANDS_DIR))('server/cli/%s never leads back to server/cli.ts', (name) => {
    expect([...reachableFrom(path.join(COMMANDS_DIR, name))].filter((file) => file === CLI_FILE)).toEqual([])
  })

  it('follows imports through other files (the walk is not only one step deep)', () => {
    expect(commandFiles.length).toBeGreaterThan(0)
    // keys.ts imports support.ts, which imports the database module.
    expect(importsOf(path.join(COMMANDS_DIR, 'keys.ts'))).not.toContain(path.join(REPO_ROOT, 'server', 'db', 'database.ts'))
    expect(reachableFrom(path.join(COMMANDS_DIR, 'keys.ts'))).toContain(path.join(REPO_ROOT, 'server', 'db', 'database.ts'))
  })
})
