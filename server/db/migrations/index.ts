import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'

import { ADVISORY_LOCKS, whileLocked } from '../advisory-locks'
import { dialectOf, type Dialect } from '../database'
import type { Database } from '../schema'
import { createFeedback } from './0001_feedback'
import { createContent } from './0002_content'
import { createTips } from './0003_tips'
import { createUploads } from './0004_uploads'
import { createStaff } from './0005_staff'
import { createContests } from './0006_contests'
import { uniqueFeedbackClientId } from './0007_feedback_client_id'
import { tipsAmount } from './0008_tips_amount'
import { addFeedbackContact } from './0009_feedback_contact'
import { addTipRating } from './0010_tips_rating'
import { contentSourceRejections } from './0011_content_source_rejections'
import { staffAccounts } from './0012_staff_accounts'
import { workspace } from './0013_workspace'
import { tipMessages } from './0014_tip_messages'
import { usageCounters } from './0015_usage_counters'
import { contestConsole } from './0016_contest_console'
import { feedbackHandling } from './0017_feedback_handling'
import { figuresIndexes } from './0018_figures_indexes'
import { photoBlobs } from './0019_photo_blobs'
import { wechatIdentity } from './0020_wechat_identity'
import { wechatNotices } from './0021_wechat_notices'

// A static list rather than a folder scan: the order is reviewed in code, and nothing depends on
// how the files are laid out once installed. Names sort in the order they must run; never rename one.
// A migration whose DDL differs between SQLite and PostgreSQL is a function of the dialect.
const MIGRATIONS: Record<string, Migration | ((dialect: Dialect) => Migration)> = {
  '0001_feedback': createFeedback,
  '0002_content': createContent,
  '0003_tips': createTips,
  '0004_uploads': createUploads,
  '0005_staff': createStaff,
  '0006_contests': createContests,
  '0007_feedback_client_id': uniqueFeedbackClientId,
  '0008_tips_amount': tipsAmount,
  '0009_feedback_contact': addFeedbackContact,
  '0010_tips_rating': addTipRating,
  '0011_content_source_rejections': contentSourceRejections,
  '0012_staff_accounts': staffAccounts,
  '0013_workspace': workspace,
  '0014_tip_messages': tipMessages,
  '0015_usage_counters': usageCounters,
  '0016_contest_console': contestConsole,
  '0017_feedback_handling': feedbackHandling,
  '0018_figures_indexes': figuresIndexes,
  '0019_photo_blobs': photoBlobs,
  '0020_wechat_identity': wechatIdentity,
  '0021_wechat_notices': wechatNotices,
}

function providerFor(dialect: Dialect): MigrationProvider {
  const migrations = Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [name, typeof migration === 'function' ? migration(dialect) : migration]),
  )
  return { getMigrations: async () => migrations }
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

/**
 * Brings the schema up to date, or up to the migration named `to` (a test standing a database at
 * an older schema); returns the names of the migrations it applied (none if current). Instances
 * starting together on one PostgreSQL database migrate one after the other: the first applies, the
 * others find the schema current.
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect = dialectOf(db), { to }: { to?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: providerFor(dialect) })
  const { error, results = [] } = await whileLocked(db, dialect, ADVISORY_LOCKS.migrations, () =>
    to === undefined ? migrator.migrateToLatest() : migrator.migrateTo(to),
  )
  if (error !== undefined) {
    throw new MigrationError(results.find((result) => result.status === 'Error')?.migrationName, error)
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
