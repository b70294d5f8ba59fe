import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'

import type { Database } from '../schema'
import { createFeedback } from './0001_feedback'
import { createContent } from './0002_content'
import { createTips } from './0003_tips'

// A static list rather than a folder scan: the order is reviewed in code, and nothing depends on
// how the files are laid out once installed. Names sort in the order they must run; never rename one.
const MIGRATIONS: Record<string, Migration> = {
  '0001_feedback': createFeedback,
  '0002_content': createContent,
  '0003_tips': createTips,
}

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(migrationName === undefined ? `migrations could not start: ${reason}` : `migration ${migrationName} failed: ${reason}`, { cause })
    this.name = 'MigrationError'
  }
}

/** Brings the schema up to date; returns the names of the migrations it applied (none if current). */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const { error, results = [] } = await new Migrator({ db, provider }).migrateToLatest()
  if (error !== undefined) {
    throw new MigrationError(results.find((result) => result.status === 'Error')?.migrationName, error)
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
