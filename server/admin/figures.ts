// The annual report's figures of a period, by district and for the whole city (or one district).
// The rules are stated in src/core/staff/figures.ts, in the words the console shows.
import type { Kysely } from 'kysely'

import { formatDate } from '../../src/core/calendar/day'
import { addWorkingDays, chinaDateOf, workingDaysBetween, type WorkCalendar } from '../../src/core/calendar/working-days'
import type { District } from '../../src/core/content/model'
import { DEFAULT_SITE } from '../../src/core/site'
import {
  ACCEPTANCE_IN_TIME_DEFINITION,
  COUNTERS_CITY_WIDE,
  MEDIAN_DAYS_DEFINITION,
  median,
  recoveryHeadline,
  SATISFIED_DEFINITION,
  shareOf,
  yuanInWords,
} from '../../src/core/staff/figures'
import { ACCEPTANCE_WORKING_DAYS } from '../../src/core/tips/deadlines'
import { CLOSE_METHOD_NAMES, CLOSE_METHODS, isCloseMethod, type CloseMethod } from '../../src/core/tips/outcome'
import { isTipRating, TIP_RATING_NAMES, TIP_RATINGS, type TipRating } from '../../src/core/tips/rating'
import type { Database } from '../db/schema'
import { workCalendarIn } from '../tips/due-dates'
import { readSite } from '../content/content.repository'
import { chinaDayNumberOf, countClosed, countParticipants, countRatings, countReceived, explainerCategories, sumCounters, type PeriodBounds } from './figures.repository'
import type { Figures } from './figures.schemas'

const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000
const UNKNOWN_CATEGORY = '其他（已删除的解读）'
/** Days before a period whose working days are counted in the database: reports closed in the period received earlier are counted here. */
const EARLIER_DAYS = 2 * 366

export function periodBounds(from: string, to: string): PeriodBounds {
  const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS
  return { from, to, since: midnight(from), until: midnight(to) + DAY_MS }
}

/** reportDeadlines(…).acceptBy.date, worked out once per day of receipt (a year's reports share a few hundred days). */
function acceptByMemo(calendar: WorkCalendar): (submittedOn: string) => string {
  const known = new Map<string, string>()
  return (submittedOn) => {
    let date = known.get(submittedOn)
    if (date === undefined) {
      date = addWorkingDays(submittedOn, ACCEPTANCE_WORKING_DAYS, calendar).date
      known.set(submittedOn, date)
    }
    return date
  }
}

/**
 * For each date, the working days after the earliest of them up to it: workingDaysBetween(a, b)
 * is then ordinal(b) − ordinal(a), with one walk over the calendar instead of one per report.
 */
function workingDayOrdinals(dates: Iterable<string>, calendar: WorkCalendar): Map<string, number> {
  const ordinals = new Map<string, number>()
  let previous: string | undefined
  let ordinal = 0
  for (const date of [...new Set(dates)].sort()) {
    if (previous !== undefined) ordinal += workingDaysBetween(previous, date, calendar)
    ordinals.set(date, ordinal)
    previous = date
  }
  return ordinals
}

interface Totals {
  complaints: number
  tips: number
  acceptanceDue: number
  acceptedInTime: number
  closeDays: number[]
  methods: Map<CloseMethod, number>
  recoveredFen: number
  workersPaid: number
  ratings: Map<TipRating, number>
  participants: number
}

const emptyTotals = (): Totals => ({
  complaints: 0,
  tips: 0,
  acceptanceDue: 0,
  acceptedInTime: 0,
  closeDays: [],
  methods: new Map(),
  recoveredFen: 0,
  workersPaid: 0,
  ratings: new Map(),
  participants: 0,
})

function parseOutcome(text: string | null): { method: CloseMethod; recoveredFen: number; workersPaid: number } {
  const outcome = text === null ? {} : (JSON.parse(text) as { method?: unknown; recoveredFen?: unknown; workersPaid?: unknown })
  const whole = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0)
  return { method: isCloseMethod(outcome.method) ? outcome.method : 'other', recoveredFen: whole(outcome.recoveredFen), workersPaid: whole(outcome.workersPaid) }
}

export interface FiguresRequest {
  from: string
  to: string
  /** Only this district (an inspector's own, or the one a supervisor picked). */
  district: string | undefined
  now: number
}

export async function computeFigures(db: Kysely<Database>, request: FiguresRequest): Promise<Figures> {
  const period = periodBounds(request.from, request.to)
  const { district } = request
  const today = chinaDateOf(new Date(request.now))
  const calendarRead = workCalendarIn(db)
  // The last day to decide on a complaint, for each day of the period (deadlines.ts's acceptBy, with
  // today's holiday calendar, as the inbox's clock uses): the database counts them with it.
  const receivedRead = calendarRead.then((calendar) => {
    const acceptByOf = acceptByMemo(calendar)
    const acceptBy = new Map<number, string>()
    for (let day = chinaDayNumberOf(period.since); day <= chinaDayNumberOf(period.until - 1); day += 1) acceptBy.set(day, acceptByOf(formatDate(day * DAY_MS)))
    return countReceived(db, period, district, acceptBy, today)
  })
  // A running count of working days for each day from two years before the period to its end: the
  // database works out the working days from receipt to closing with it (one walk over the calendar).
  const closedRead = calendarRead.then((calendar) => {
    const ordinals = new Map<number, number>()
    const first = chinaDayNumberOf(period.since) - EARLIER_DAYS
    const last = chinaDayNumberOf(period.until - 1)
    let ordinal = 0
    for (let day = first; day <= last; day += 1) {
      if (day > first) ordinal += workingDaysBetween(formatDate((day - 1) * DAY_MS), formatDate(day * DAY_MS), calendar)
      ordinals.set(day, ordinal)
    }
    return countClosed(db, period, district, ordinals)
  })
  const [site, calendar, received, closed, ratings, participants, counters] = await Promise.all([
    readSite(db),
    calendarRead,
    receivedRead,
    closedRead,
    countRatings(db, period, district),
    countParticipants(db, period, district),
    sumCounters(db, period, ['policy_read', 'practice_answered', 'practice_right']),
  ])
  const siteSettings = site ?? DEFAULT_SITE

  // Every district of the site (or the one asked), then any other code the data names (a district
  // dropped from the site since) so that the total is the sum of the rows.
  const districts: District[] = siteSettings.districts.filter((item) => district === undefined || item.code === district).map((item) => ({ ...item }))
  const byCode = new Map<string, Totals>(districts.map((item) => [item.code, emptyTotals()]))
  const totalsOf = (code: string): Totals => {
    let totals = byCode.get(code)
    if (!totals) {
      totals = emptyTotals()
      byCode.set(code, totals)
      districts.push({ code, name: code })
    }
    return totals
  }

  for (const row of received.tips) totalsOf(row.districtCode).tips += row.count
  for (const row of received.complaints) {
    const totals = totalsOf(row.districtCode)
    totals.complaints += row.complaints
    totals.acceptanceDue += row.acceptanceDue
    totals.acceptedInTime += row.acceptedInTime
  }
  for (const row of closed.days) {
    const totals = totalsOf(row.districtCode)
    for (let index = 0; index < row.count; index += 1) totals.closeDays.push(row.days)
  }
  // Reports received before the days counted above: their working days the same way, over their own days.
  const earlierOrdinals = workingDayOrdinals(
    closed.earlier.flatMap((row) => [formatDate(row.receivedDay * DAY_MS), formatDate(row.closedDay * DAY_MS)]),
    calendar,
  )
  for (const row of closed.earlier) {
    const totals = totalsOf(row.districtCode)
    const days = (earlierOrdinals.get(formatDate(row.closedDay * DAY_MS)) ?? 0) - (earlierOrdinals.get(formatDate(row.receivedDay * DAY_MS)) ?? 0)
    for (let index = 0; index < row.count; index += 1) totals.closeDays.push(days)
  }
  for (const row of closed.outcomes) {
    const totals = totalsOf(row.districtCode)
    const outcome = parseOutcome(row.outcome)
    totals.methods.set(outcome.method, (totals.methods.get(outcome.method) ?? 0) + row.count)
    totals.recoveredFen += outcome.recoveredFen * row.count
    totals.workersPaid += outcome.workersPaid * row.count
  }
  for (const row of ratings) {
    if (!isTipRating(row.rating)) continue
    const totals = totalsOf(row.districtCode)
    totals.ratings.set(row.rating, (totals.ratings.get(row.rating) ?? 0) + row.count)
  }
  for (const row of participants) totalsOf(row.districtCode).participants += row.participants

  const all = emptyTotals()
  for (const totals of byCode.values()) {
    all.complaints += totals.complaints
    all.tips += totals.tips
    all.acceptanceDue += totals.acceptanceDue
    all.acceptedInTime += totals.acceptedInTime
    all.closeDays.push(...totals.closeDays)
    for (const [method, count] of totals.methods) all.methods.set(method, (all.methods.get(method) ?? 0) + count)
    all.recoveredFen += totals.recoveredFen
    all.workersPaid += totals.workersPaid
    for (const [rating, count] of totals.ratings) all.ratings.set(rating, (all.ratings.get(rating) ?? 0) + count)
    all.participants += totals.participants
  }
  // The city's population only when every district gives its own.
  const cityPopulation = districts.every((item) => item.population !== undefined) && districts.length > 0 ? districts.reduce((sum, item) => sum + (item.population ?? 0), 0) : null
  const districtName = district === undefined ? siteSettings.cityName : (districts.find((item) => item.code === district)?.name ?? district)
  const totalName = district === undefined ? '全市合计' : '合计'

  const reportsRow = (code: string | null, name: string, totals: Totals) => ({
    code,
    name,
    complaints: totals.complaints,
    tips: totals.tips,
    received: totals.complaints + totals.tips,
    acceptanceDue: totals.acceptanceDue,
    acceptedInTime: totals.acceptedInTime,
    acceptedInTimeShare: shareOf(totals.acceptedInTime, totals.acceptanceDue),
    closed: totals.closeDays.length,
    medianWorkingDaysToClose: median(totals.closeDays),
  })
  const outcomesRow = (code: string | null, name: string, totals: Totals) => ({
    code,
    name,
    closed: totals.closeDays.length,
    methods: CLOSE_METHODS.map((method) => ({ method, name: CLOSE_METHOD_NAMES[method], count: totals.methods.get(method) ?? 0 })),
    recoveredFen: totals.recoveredFen,
    recoveredInWords: yuanInWords(totals.recoveredFen),
    workersPaid: totals.workersPaid,
  })
  const ratingsRow = (code: string | null, name: string, totals: Totals) => {
    const count = (rating: TipRating) => totals.ratings.get(rating) ?? 0
    const total = TIP_RATINGS.reduce((sum, rating) => sum + count(rating), 0)
    return {
      code,
      name,
      ratings: TIP_RATINGS.map((rating) => ({ rating, name: TIP_RATING_NAMES[rating], count: count(rating) })),
      total,
      satisfiedShare: shareOf(count('satisfied') + count('basically_satisfied'), total),
    }
  }
  const contestRow = (code: string | null, name: string, totals: Totals, population: number | null) => ({
    code,
    name,
    participants: totals.participants,
    population,
    per10000: population === null ? null : (totals.participants * 10_000) / population,
  })
  const rows = districts.map((item) => ({ item, totals: byCode.get(item.code) ?? emptyTotals() }))

  const categories = await explainerCategories(db, [...new Set(counters.filter((row) => row.metric === 'policy_read').map((row) => row.subject))])
  const reads = new Map<string, number>()
  const answered = new Map<string, number>()
  const right = new Map<string, number>()
  for (const row of counters) {
    if (row.metric === 'policy_read') {
      const category = categories.get(row.subject) ?? UNKNOWN_CATEGORY
      reads.set(category, (reads.get(category) ?? 0) + row.count)
    } else if (row.metric === 'practice_answered') answered.set(row.subject, (answered.get(row.subject) ?? 0) + row.count)
    else right.set(row.subject, (right.get(row.subject) ?? 0) + row.count)
  }
  const practice = [...new Set([...answered.keys(), ...right.keys()])]
    .map((category) => {
      const count = answered.get(category) ?? 0
      const rightCount = right.get(category) ?? 0
      return { category, answered: count, right: rightCount, rightShare: shareOf(rightCount, count) }
    })
    // Where awareness is weakest first: the lowest share right; none answered last.
    .sort((a, b) => (a.rightShare ?? 2) - (b.rightShare ?? 2) || b.answered - a.answered || a.category.localeCompare(b.category))

  return {
    from: request.from,
    to: request.to,
    district: district ?? null,
    districtName,
    bureauName: siteSettings.bureauName,
    cityName: siteSettings.cityName,
    headline: recoveryHeadline(all.workersPaid, all.recoveredFen),
    definitions: [ACCEPTANCE_IN_TIME_DEFINITION, MEDIAN_DAYS_DEFINITION, SATISFIED_DEFINITION, COUNTERS_CITY_WIDE],
    reports: { districts: rows.map(({ item, totals }) => reportsRow(item.code, item.name, totals)), total: reportsRow(null, totalName, all) },
    outcomes: { districts: rows.map(({ item, totals }) => outcomesRow(item.code, item.name, totals)), total: outcomesRow(null, totalName, all) },
    ratings: { districts: rows.map(({ item, totals }) => ratingsRow(item.code, item.name, totals)), total: ratingsRow(null, totalName, all) },
    contest: {
      districts: rows.map(({ item, totals }) => contestRow(item.code, item.name, totals, item.population ?? null)),
      total: contestRow(null, totalName, all, cityPopulation),
    },
    explainerReads: [...reads.entries()].map(([category, count]) => ({ category, reads: count })).sort((a, b) => b.reads - a.reads || a.category.localeCompare(b.category)),
    practice,
  }
}
