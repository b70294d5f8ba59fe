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
  /** When staff last wrote to the reporter (ISO), as last checked; null when they have not. */
  staffMessageAt: string | null
  /** The newest staff message the reporter has seen on the status page (ISO), or null. */
  seenStaffMessageAt: string | null
}

export type FollowedReports = Record<string, FollowedReport>

/** What the status view says of the conversation (a service older than it says nothing). */
interface MessagesSeen {
  latestStaffAt: string | null
}

/** The entry after the service answered; `seen` when the answer is on the reporter's screen now. */
export function afterCheck(
  previous: FollowedReport | undefined,
  view: { status: string; timeline: readonly unknown[]; messages?: MessagesSeen },
  now: number,
  seen: boolean,
): FollowedReport {
  const changes = Math.max(0, view.timeline.length - 1)
  const staffMessageAt = view.messages?.latestStaffAt ?? null
  return {
    status: view.status,
    changes,
    seenChanges: seen ? changes : Math.min(previous?.seenChanges ?? 0, changes),
    checkedAt: now,
    staffMessageAt,
    seenStaffMessageAt: seen ? staffMessageAt : (previous?.seenStaffMessageAt ?? null),
  }
}

/** Staff wrote something the reporter has not looked at yet. */
export function hasNewMessages(entry: FollowedReport | undefined): boolean {
  if (entry?.staffMessageAt == null) return false
  return entry.seenStaffMessageAt === null || Date.parse(entry.staffMessageAt) > Date.parse(entry.seenStaffMessageAt)
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
      // The message times came later than the first stored entries: absent means none.
      const time = (value: unknown) => (typeof value === 'string' ? value : null)
      out[code] = {
        status: entry.status,
        changes: entry.changes as number,
        seenChanges: entry.seenChanges as number,
        checkedAt: entry.checkedAt,
        staffMessageAt: time(entry.staffMessageAt),
        seenStaffMessageAt: time(entry.seenStaffMessageAt),
      }
    }
  }
  return out
}
