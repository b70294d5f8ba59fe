// What this device last learned of each report it sent (by tracking code), so that 我的反映 shows the
// service's current status rather than the stored 已提交, and marks a report whose progress changed
// since the reporter last looked at it.

export interface FollowedReport {
  /** The service's status at the last check (an unknown value from a newer service is kept as it is). */
  status: string
  /** Changes in the report's timeline after its submission, as last counted. */
  changes: number
  /** How many of those the reporter has seen on the status page. */
  seenChanges: number
  /** Epoch ms of the last successful check. */
  checkedAt: number
}

export type FollowedReports = Record<string, FollowedReport>

/** The entry after the service answered; `seen` when the answer is on the reporter's screen now. */
export function afterCheck(previous: FollowedReport | undefined, view: { status: string; timeline: readonly unknown[] }, now: number, seen: boolean): FollowedReport {
  const changes = Math.max(0, view.timeline.length - 1)
  return {
    status: view.status,
    changes,
    seenChanges: seen ? changes : Math.min(previous?.seenChanges ?? 0, changes),
    checkedAt: now,
  }
}

/** Something happened to the report that the reporter has not looked at yet. */
export function hasNews(entry: FollowedReport | undefined): boolean {
  return entry !== undefined && entry.changes > entry.seenChanges
}

/** Storage can hold anything: keep the entries that are whole. */
export function parseFollowed(raw: unknown): FollowedReports {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const out: FollowedReports = {}
  for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
    const entry = value as Partial<FollowedReport> | null
    if (
      typeof entry?.status === 'string' &&
      Number.isSafeInteger(entry.changes) &&
      Number.isSafeInteger(entry.seenChanges) &&
      typeof entry.checkedAt === 'number'
    ) {
      out[code] = { status: entry.status, changes: entry.changes as number, seenChanges: entry.seenChanges as number, checkedAt: entry.checkedAt }
    }
  }
  return out
}
