// 全国年节及纪念日放假办法 (2024 revision, in force from 1 January 2025): the statutory holiday days
// of art. 2, which fix the 300% overtime days in every year, and the make-up days of art. 6, which
// with them estimate a year whose holiday notice (国务院办公厅) is not published yet.
import { addDays, isWeekend } from './day'
import { FESTIVAL_DAYS, FESTIVAL_DAYS_FROM } from './festival-dates'

export type Festival = 'new-year' | 'spring-festival' | 'qingming' | 'labour-day' | 'dragon-boat' | 'mid-autumn' | 'national-day'

/** Art. 2's festivals, in its order. */
export const FESTIVAL_NAMES: Record<Festival, string> = {
  'new-year': '元旦',
  'spring-festival': '春节',
  qingming: '清明节',
  'labour-day': '劳动节',
  'dragon-boat': '端午节',
  'mid-autumn': '中秋节',
  'national-day': '国庆节',
}

/** The years art. 2 as revised in 2024 governs and the festival table covers. */
export const STATUTORY_YEARS = { first: FESTIVAL_DAYS_FROM, last: FESTIVAL_DAYS_FROM + FESTIVAL_DAYS.length / 4 - 1 }

/** How a year without a published notice is estimated, for a sentence that follows 「…还没有公布，」. */
export const ESTIMATE_METHOD =
  '暂按《全国年节及纪念日放假办法》推算：第二条规定的节日放假（含春节、清明节、端午节、中秋节，按当年的农历和节气），' +
  '节日适逢周六、周日的按第六条补假，推算时补在其后的工作日；不推算调休。以国务院办公厅公布的放假安排为准。'

/** The note under dates marked 估算. */
export const ESTIMATE_NOTE = `标有“估算”的日期，所在年份的放假安排还没有公布，${ESTIMATE_METHOD}`

export interface FestivalDay {
  date: string
  festival: Festival
}

export interface EstimatedRestDay extends FestivalDay {
  /** statutory: a day of art. 2; make-up: the working day that makes up for one on a weekend (art. 6). */
  kind: 'statutory' | 'make-up'
}

export function hasStatutoryDays(year: number): boolean {
  return Number.isInteger(year) && year >= STATUTORY_YEARS.first && year <= STATUTORY_YEARS.last
}

/**
 * Art. 2's 13 days of a year, in date order. A date can be there twice: 中秋 sometimes falls on one
 * of 国庆's three days (2028-10-03).
 */
export function statutoryDays(year: number): FestivalDay[] {
  if (!hasStatutoryDays(year)) {
    throw new RangeError(`Statutory holidays are known for ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}, not ${year}`)
  }
  const offset = (year - FESTIVAL_DAYS_FROM) * 4
  const [eve, qingming, dragonBoat, midAutumn] = FESTIVAL_DAYS.slice(offset, offset + 4).map((days) => addDays(`${year}-01-01`, days))
  const days: FestivalDay[] = [
    { date: `${year}-01-01`, festival: 'new-year' },
    ...[0, 1, 2, 3].map((n): FestivalDay => ({ date: addDays(eve, n), festival: 'spring-festival' })),
    { date: qingming, festival: 'qingming' },
    { date: `${year}-05-01`, festival: 'labour-day' },
    { date: `${year}-05-02`, festival: 'labour-day' },
    { date: dragonBoat, festival: 'dragon-boat' },
    { date: midAutumn, festival: 'mid-autumn' },
    ...['01', '02', '03'].map((day): FestivalDay => ({ date: `${year}-10-${day}`, festival: 'national-day' })),
  ]
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * A year's rest days as the law alone gives them: art. 2's days, and for each of them that falls on
 * a Saturday or Sunday one make-up day (art. 6), placed on the next weekday that is not already a
 * holiday or a make-up day. Art. 6 names only weekends, so a day that is two festivals at once on a
 * weekday gets no extra day here. Bridging (调休, art. 7) is left to the notice.
 */
export function estimatedRestDays(year: number): EstimatedRestDay[] {
  const statutory = statutoryDays(year)
  const taken = new Set(statutory.map((day) => day.date))
  const makeUps: EstimatedRestDay[] = []
  for (const day of statutory) {
    if (!isWeekend(day.date)) continue
    let candidate = addDays(day.date, 1)
    while (isWeekend(candidate) || taken.has(candidate)) candidate = addDays(candidate, 1)
    taken.add(candidate)
    makeUps.push({ date: candidate, festival: day.festival, kind: 'make-up' })
  }
  return [...statutory.map((day): EstimatedRestDay => ({ ...day, kind: 'statutory' })), ...makeUps].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  )
}
