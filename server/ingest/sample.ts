import { readdirSync } from 'node:fs'
import path from 'node:path'

import type { Kysely } from 'kysely'

import { REPO_ROOT } from '../config'
import { hasAnyContent } from '../content/content.repository'
import type { Database } from '../db/schema'
import { openSampleContest } from '../quiz/sample-contest'
import { ingestSource, type IngestReport } from './ingest'
import { fileSource } from './sources'

/** The sample feed written for this project, which `npm start` loads into an empty database. */
export const SAMPLE_FEED_DIR = path.join(REPO_ROOT, 'assets', 'feed')

export function sampleFeedFiles(dir = SAMPLE_FEED_DIR): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.filter((name) => name.endsWith('.json')).sort().map((name) => path.join(dir, name))
}

/**
 * Loads every `*.json` feed in `dir` as a file source when no content was ever stored (not even a
 * tombstone), and opens the sample contest on its contest questions; returns the reports, or
 * undefined when the database already had content.
 */
export async function loadSampleContentIfEmpty(db: Kysely<Database>, dir = SAMPLE_FEED_DIR): Promise<IngestReport[] | undefined> {
  if (await hasAnyContent(db)) return undefined
  const reports: IngestReport[] = []
  for (const file of sampleFeedFiles(dir)) reports.push(await ingestSource(db, fileSource(file)))
  await openSampleContest(db)
  return reports
}
