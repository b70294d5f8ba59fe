// What the annual figures read: a few columns of the reports of a period, counted in the service
// (the legal clock needs the holiday calendar), and sums the databases make themselves.
import type { Kysely } from 'kysely'

import { addDays } from '../../src/core/calendar/day'

import type { Database } from '../db/schema'

/** Epoch-ms bounds of a period of China dates: [since, until). */
export interface PeriodBounds {
  from: string
  to: string
  since: number
  until: number
}

export interface ReceivedRow {
  kind: string
  districtCode: string
  status: string
  createdAt: number
  acceptedOn: string | null
  /** When it was refused (不予受理), epoch ms; null otherwise. */
  rejectedAt: number | null
}

/**
 * The complaints received in the period, one by one (their acceptance clock), and the 举报 counted
 * by district (they have none); district: only that one.
 */
export async function listReceived(db: Kysely<Database>, period: PeriodBounds, district: string | undefined): Promise<{ complaints: ReceivedRow[]; tips: { districtCode: string; count: number }[] }> {
  let query = db
    .selectFrom('tips')
    .select(['id', 'kind', 'district_code', 'status', 'created_at', 'accepted_on'])
    .where('created_at', '>=', period.since)
    .where('created_at', '<', period.until)
    .where('kind', '=', 'complaint')
  if (district !== undefined) query = query.where('district_code', '=', district)
  let tips = db
    .selectFrom('tips')
    .select((eb) => ['district_code', eb.fn.countAll().as('count')])
    .where('created_at', '>=', period.since)
    .where('created_at', '<', period.until)
    .where('kind', '<>', 'complaint')
  if (district !== undefined) tips = tips.where('district_code', '=', district)
  // When the refused ones among them were refused: one pass over the refusals, not a look-up per report.
  const refusals = db
    .selectFrom('tip_events')
    .innerJoin('tips', 'tips.id', 'tip_events.tip_id')
    .select((eb) => ['tip_events.tip_id', eb.fn.min('tip_events.at').as('at')])
    .where('tip_events.to_status', '=', 'rejected')
    .where('tips.kind', '=', 'complaint')
    .where('tips.created_at', '>=', period.since)
    .where('tips.created_at', '<', period.until)
  // No district here either (see listClosed): only the rows read above are looked up.
  const [rows, refused, tipCounts] = await Promise.all([query.execute(), refusals.groupBy('tip_events.tip_id').execute(), tips.groupBy('district_code').execute()])
  const refusedAt = new Map(refused.map((row) => [row.tip_id, Number(row.at)]))
  const complaints = rows.map((row) => ({
    kind: row.kind,
    districtCode: row.district_code,
    status: row.status,
    createdAt: Number(row.created_at),
    acceptedOn: row.accepted_on,
    rejectedAt: refusedAt.get(row.id) ?? null,
  }))
  return { complaints, tips: tipCounts.map((row) => ({ districtCode: row.district_code, count: Number(row.count) })) }
}

export interface ClosedRow {
  districtCode: string
  createdAt: number
  closedAt: number
  /** JSON {method, recoveredFen, workersPaid}. */
  outcome: string | null
}

/** The reports closed (办结) in the period, whenever they were received. */
export async function listClosed(db: Kysely<Database>, period: PeriodBounds, district: string | undefined): Promise<ClosedRow[]> {
  const query = db
    .selectFrom('tip_events')
    .innerJoin('tips', 'tips.id', 'tip_events.tip_id')
    .select(['tips.district_code', 'tips.created_at', 'tips.outcome', 'tip_events.at'])
    .where('tip_events.to_status', '=', 'closed')
    .where('tip_events.at', '>=', period.since)
    .where('tip_events.at', '<', period.until)
  // The district is left out of the query: with it, SQLite starts from the district's reports and
  // reads the period's status changes again for each.
  const rows = await query.execute()
  return rows
    .filter((row) => district === undefined || row.district_code === district)
    .map((row) => ({ districtCode: row.district_code, createdAt: Number(row.created_at), closedAt: Number(row.at), outcome: row.outcome }))
}

/** Ratings given in the period, by district and value. */
export async function countRatings(db: Kysely<Database>, period: PeriodBounds, district: string | undefined): Promise<{ districtCode: string; rating: string; count: number }[]> {
  let query = db
    .selectFrom('tips')
    .select((eb) => ['district_code', 'rating', eb.fn.countAll().as('count')])
    .where('rated_at', '>=', period.since)
    .where('rated_at', '<', period.until)
    .where('rating', 'is not', null)
  if (district !== undefined) query = query.where('district_code', '=', district)
  const rows = await query.groupBy(['district_code', 'rating']).execute()
  return rows.map((row) => ({ districtCode: row.district_code, rating: row.rating ?? '', count: Number(row.count) }))
}

/** Contest participants with an attempt finished in the period, by their district. */
export async function countParticipants(db: Kysely<Database>, period: PeriodBounds, district: string | undefined): Promise<{ districtCode: string; participants: number }[]> {
  const query = db
    .selectFrom('quiz_attempts')
    .innerJoin('quiz_participants', 'quiz_participants.id', 'quiz_attempts.participant_id')
    .select((eb) => ['quiz_participants.district_code', eb.fn.count<number>('quiz_attempts.participant_id').distinct().as('participants')])
    .where('quiz_attempts.finished_at', '>=', period.since)
    .where('quiz_attempts.finished_at', '<', period.until)
  // The district is picked from the city's few rows: filtered in the query, SQLite would start from
  // the district's participants and scan the attempts once for each of them.
  const rows = await query.groupBy('quiz_participants.district_code').execute()
  return rows.filter((row) => district === undefined || row.district_code === district).map((row) => ({ districtCode: row.district_code, participants: Number(row.participants) }))
}

/** The month after 'YYYY-MM'. */
function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number)
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`
}

/**
 * The whole months of a period of days ('YYYY-MM', first and last), undefined when it has none;
 * and the days before and after them, as [first day, day after the last) ranges.
 */
export function periodMonths(from: string, to: string): { months: { first: string; last: string } | undefined; days: [string, string][] } {
  const first = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7))
  const afterTo = nextDay(to)
  const last = afterTo.endsWith('-01') ? to.slice(0, 7) : previousMonth(to.slice(0, 7))
  if (first > last) return { months: undefined, days: [[from, afterTo]] }
  const days: [string, string][] = []
  if (from < `${first}-01`) days.push([from, `${first}-01`])
  if (`${nextMonth(last)}-01` < afterTo) days.push([`${nextMonth(last)}-01`, afterTo])
  return { months: { first, last }, days }
}

function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number)
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`
}

const nextDay = (date: string): string => addDays(date, 1)

/**
 * Sums of usage counters of some metrics over the period's days, by metric and subject: its whole
 * months from usage_counter_months (kept by triggers), the days before and after them from usage_counters.
 */
export async function sumCounters(db: Kysely<Database>, period: PeriodBounds, metrics: readonly string[]): Promise<{ metric: string; subject: string; count: number }[]> {
  const { months, days } = periodMonths(period.from, period.to)
  const queries = days.map(([first, after]) =>
    db
      .selectFrom('usage_counters')
      .select((eb) => ['metric', 'subject', eb.fn.sum<number>('count').as('count')])
      .where('metric', 'in', [...metrics])
      .where('day', '>=', first)
      .where('day', '<', after)
      .groupBy(['metric', 'subject'])
      .execute(),
  )
  if (months !== undefined) {
    queries.push(
      db
        .selectFrom('usage_counter_months')
        .select((eb) => ['metric', 'subject', eb.fn.sum<number>('count').as('count')])
        .where('metric', 'in', [...metrics])
        .where('month', '>=', months.first)
        .where('month', '<=', months.last)
        .groupBy(['metric', 'subject'])
        .execute(),
    )
  }
  const sums = new Map<string, { metric: string; subject: string; count: number }>()
  for (const rows of await Promise.all(queries)) {
    for (const row of rows) {
      const key = `${row.metric}\u0000${row.subject}`
      const known = sums.get(key)
      if (known === undefined) sums.set(key, { metric: row.metric, subject: row.subject, count: Number(row.count) })
      else known.count += Number(row.count)
    }
  }
  return [...sums.values()]
}

const ID_BATCH = 500

/** The category of each of these explainers (policy items, removed ones included), by id. */
export async function explainerCategories(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const categories = new Map<string, string>()
  for (let start = 0; start < ids.length; start += ID_BATCH) {
    const batch = ids.slice(start, start + ID_BATCH)
    const rows = await db
      .selectFrom('content_items')
      .select(['id', 'data'])
      .where('type', '=', 'policy')
      .where('id', 'in', batch)
      .execute()
    for (const row of rows) {
      const category = (JSON.parse(row.data) as { category?: unknown }).category
      if (typeof category === 'string') categories.set(row.id, category)
    }
  }
  return categories
}
