// What the annual figures read: a few columns of the reports of a period, counted in the service
// (the legal clock needs the holiday calendar), and sums the databases make themselves.
import { sql, type Kysely, type RawBuilder } from 'kysely'

import { addDays } from '../../src/core/calendar/day'

import { dialectOf } from '../db/database'
import type { Database } from '../db/schema'

/** Epoch-ms bounds of a period of China dates: [since, until). */
export interface PeriodBounds {
  from: string
  to: string
  since: number
  until: number
}

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000

/** The China day of epoch ms, as days since 1970-01-01 (what chinaDateOf gives, as a number). */
export const chinaDayNumberOf = (epochMs: number): number => Math.floor((epochMs + CHINA_UTC_OFFSET_MS) / DAY_MS)

export interface ComplaintCounts {
  districtCode: string
  complaints: number
  /** Complaints decided, or undecided past their last day (ACCEPTANCE_IN_TIME_DEFINITION). */
  acceptanceDue: number
  /** Decided (accepted on, or refused on) no later than the last day. */
  acceptedInTime: number
}

/**
 * The complaints received in the period by district, with their acceptance clock: `acceptBy` gives,
 * for each China day of the period (chinaDayNumberOf), the last day to decide on a complaint received
 * that day; a complaint counts once decided (the day it was accepted, or refused: its first refusal)
 * or once that day is before `today`, and is in time when decided no later than that day. The 举报
 * counted by district (they have none). District: only that one.
 */
export async function countReceived(
  db: Kysely<Database>,
  period: PeriodBounds,
  district: string | undefined,
  acceptBy: ReadonlyMap<number, string>,
  today: string,
): Promise<{ complaints: ComplaintCounts[]; tips: { districtCode: string; count: number }[] }> {
  const postgres = dialectOf(db) === 'postgres'
  const lastDays = JSON.stringify(Object.fromEntries([...acceptBy].map(([day, date]) => [String(day), date])))
  // The China day of epoch ms (as text: the keys of the JSON object), and as a date string.
  const dayOf = (column: RawBuilder<unknown>) => sql`cast((${column} + ${sql.lit(CHINA_UTC_OFFSET_MS)}) / ${sql.lit(DAY_MS)} as text)`
  const dateOf = (column: RawBuilder<unknown>) =>
    postgres
      ? sql`to_char(date '1970-01-01' + cast((${column} + ${sql.lit(CHINA_UTC_OFFSET_MS)}) / ${sql.lit(DAY_MS)} as integer), 'YYYY-MM-DD')`
      : sql`date(((${column} + ${sql.lit(CHINA_UTC_OFFSET_MS)}) / ${sql.lit(DAY_MS)}) * 86400, 'unixepoch')`
  const lastDayTable = postgres ? sql`select key as day, value as last_day from jsonb_each_text(cast(${lastDays} as jsonb))` : sql`select key as day, value as last_day from json_each(${lastDays})`
  // One pass over the period's reports (the index tips_figures_received_idx holds every column read).
  // SQLite's `+`: not grouped by an index on the district (a look-up in the table per report).
  const counted = await sql<{ district_code: string; complaints: number | string; tips: number | string; due: number | string | null; in_time: number | string | null }>`
    with last_days as ${postgres ? sql`` : sql`materialized `}(${lastDayTable})
    select received.district_code,
      sum(case when received.kind = 'complaint' then 1 else 0 end) as complaints,
      sum(case when received.kind = 'complaint' then 0 else 1 end) as tips,
      sum(case when received.kind = 'complaint' and (received.decided_on is not null or last_days.last_day < ${today}) then 1 else 0 end) as due,
      sum(case when received.kind = 'complaint' and received.decided_on <= last_days.last_day then 1 else 0 end) as in_time
    from (
      select tips.kind, tips.district_code, tips.created_at, coalesce(tips.accepted_on, ${dateOf(sql.ref('refusals.at'))}) as decided_on
      from tips
      left join (select tip_id, min(at) as at from tip_events where to_status = 'rejected' group by tip_id) refusals on refusals.tip_id = tips.id
      where tips.created_at >= ${period.since} and tips.created_at < ${period.until}
      ${district === undefined ? sql`` : sql`and tips.district_code = ${district}`}
    ) received
    join last_days on last_days.day = ${dayOf(sql.ref('received.created_at'))}
    group by ${postgres ? sql`` : sql`+`}received.district_code
  `.execute(db)
  const rows = counted.rows.map((row) => ({ districtCode: row.district_code, complaints: Number(row.complaints), tips: Number(row.tips), due: Number(row.due ?? 0), inTime: Number(row.in_time ?? 0) }))
  return {
    complaints: rows.filter((row) => row.complaints > 0).map((row) => ({ districtCode: row.districtCode, complaints: row.complaints, acceptanceDue: row.due, acceptedInTime: row.inTime })),
    tips: rows.filter((row) => row.tips > 0).map((row) => ({ districtCode: row.districtCode, count: row.tips })),
  }
}

export interface ClosedCounts {
  /** Working days from receipt to closing, by district and number of days. */
  days: { districtCode: string; days: number; count: number }[]
  /** Reports received on a day before those of `ordinals`: their China days (chinaDayNumberOf), by district. */
  earlier: { districtCode: string; receivedDay: number; closedDay: number; count: number }[]
  /** The outcomes (JSON {method, recoveredFen, workersPaid}) by district, with how many reports have each. */
  outcomes: { districtCode: string; outcome: string | null; count: number }[]
}

/**
 * The reports closed (办结) in the period, whenever they were received, counted by district: by the
 * working days they took — `ordinals` gives a running count of working days for the China days
 * (chinaDayNumberOf) from some day before the period to its end — and by outcome.
 */
export async function countClosed(db: Kysely<Database>, period: PeriodBounds, district: string | undefined, ordinals: ReadonlyMap<number, number>): Promise<ClosedCounts> {
  const postgres = dialectOf(db) === 'postgres'
  const json = JSON.stringify(Object.fromEntries([...ordinals].map(([day, ordinal]) => [String(day), ordinal])))
  const ordinalTable = postgres ? sql`select key as day, cast(value as integer) as ordinal from jsonb_each_text(cast(${json} as jsonb))` : sql`select key as day, value as ordinal from json_each(${json})`
  const dayOf = (column: RawBuilder<unknown>) => sql`cast((${column} + ${sql.lit(CHINA_UTC_OFFSET_MS)}) / ${sql.lit(DAY_MS)} as text)`
  // The district is left out of the queries: with it, SQLite starts from the district's reports and
  // reads the period's status changes again for each. Its rows are picked from the city's few.
  const materialized = postgres ? sql`` : sql`materialized `
  // One pass over the period's closings (materialized: read once), counted by working days and by outcome.
  const counted = await sql<{ part: string; district_code: string; received_day: string | null; closed_day: string | null; days: number | string | null; outcome: string | null; count: number | string }>`
    with ordinals as ${materialized}(${ordinalTable}),
    closed as materialized (
      select tips.district_code, tips.outcome, ${dayOf(sql.ref('tips.created_at'))} as received_day, ${dayOf(sql.ref('tip_events.at'))} as closed_day
      from tip_events join tips on tips.id = tip_events.tip_id
      where tip_events.to_status = 'closed' and tip_events.at >= ${period.since} and tip_events.at < ${period.until}
    )
    select 'days' as part, closed.district_code,
      case when received.ordinal is null then closed.received_day end as received_day,
      case when received.ordinal is null then closed.closed_day end as closed_day,
      closing.ordinal - received.ordinal as days,
      null as outcome,
      count(*) as count
    from closed
    join ordinals closing on closing.day = closed.closed_day
    left join ordinals received on received.day = closed.received_day
    group by 2, 3, 4, 5
    union all
    select 'outcome' as part, district_code, null, null, null, outcome, count(*) as count from closed group by district_code, outcome
  `.execute(db)
  const dayRows = counted.rows.filter((row) => row.part === 'days')
  const outcomeRows = counted.rows.filter((row) => row.part === 'outcome')
  const picked = <T extends { district_code: string }>(rows: T[]) => rows.filter((row) => district === undefined || row.district_code === district)
  const result: ClosedCounts = { days: [], earlier: [], outcomes: [] }
  for (const row of picked(dayRows)) {
    if (row.received_day === null || row.closed_day === null) result.days.push({ districtCode: row.district_code, days: Number(row.days), count: Number(row.count) })
    else result.earlier.push({ districtCode: row.district_code, receivedDay: Number(row.received_day), closedDay: Number(row.closed_day), count: Number(row.count) })
  }
  result.outcomes = picked(outcomeRows).map((row) => ({ districtCode: row.district_code, outcome: row.outcome, count: Number(row.count) }))
  return result
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
  // Each participant once (distinct before the join: no sort of every attempt by district), then counted by district.
  const query = db
    .selectFrom((eb) =>
      eb
        .selectFrom('quiz_attempts')
        .select('participant_id')
        .distinct()
        .where('finished_at', '>=', period.since)
        .where('finished_at', '<', period.until)
        .as('finished'),
    )
    .innerJoin('quiz_participants', 'quiz_participants.id', 'finished.participant_id')
    .select((eb) => ['quiz_participants.district_code', eb.fn.countAll<number>().as('participants')])
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
