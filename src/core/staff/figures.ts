// The annual report's figures (年度数据): the rules the service counts by and the words the console
// shows them in. One place for both, so that the page says exactly what the numbers mean.
import { isValidDate } from '../calendar/working-days'

/** A period longer than this is refused: the report is annual, three years is generous. */
export const FIGURES_MAX_YEARS = 3

/**
 * 受理及时率: of the complaints (投诉) received in the period whose acceptance clock has ended —
 * decided (受理 or 不予受理), or still undecided after the last day for acceptance — the share decided
 * by that last day: the 5 working days of deadlines.ts (reportDeadlines: acceptBy), counted from the
 * day after receipt in the holiday calendar. The decision day is the filing day (立案日期) of an
 * accepted report, and the China day of the 不予受理 of a rejected one. A 举报 has no such term and is
 * not counted.
 */
export const ACCEPTANCE_IN_TIME_DEFINITION =
  '受理及时率：本期收到的投诉中，已作出受理或不予受理决定、或已过受理期限仍未决定的，在受理期限（收到后5个工作日）内作出决定的比例；举报没有受理期限，不计入。'

/** 满意率: (满意 + 基本满意) / all ratings given in the period. */
export const SATISFIED_DEFINITION = '满意率：本期收到的评价中，“满意”和“基本满意”所占的比例。'

export const MEDIAN_DAYS_DEFINITION = '办结用时：本期办结的反映从收到到办结的工作日数（按法定节假日安排计算），取中位数。'

export const COUNTERS_CITY_WIDE = '政策解读阅读量和练习答题情况由应用匿名汇总，不记录区县，只有全市合计。'

/** The period of the figures, or why it is refused (plain Chinese). */
export function checkFiguresPeriod(from: string, to: string): { path: 'from' | 'to'; message: string } | null {
  if (!isValidDate(from)) return { path: 'from', message: `开始日期 ${from} 不是有效的日期` }
  if (!isValidDate(to)) return { path: 'to', message: `结束日期 ${to} 不是有效的日期` }
  if (from > to) return { path: 'to', message: '结束日期不能早于开始日期' }
  const limit = `${Number(from.slice(0, 4)) + FIGURES_MAX_YEARS}${from.slice(4)}`
  if (to >= limit) return { path: 'to', message: `统计期间最长${FIGURES_MAX_YEARS}年，请缩短期间` }
  return null
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** part / whole, or null when there is nothing to divide by. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

const trimmed = (value: number): string => value.toFixed(2).replace(/\.?0+$/, '')
const grouped = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/**
 * A large number the way a report writes it: 8,560 below ten thousand, then 1.72万, then 1.53亿
 * (two decimals at most, trailing zeros dropped). Rounds to the nearest; 9,999.5 stays 1万.
 */
export function bigNumberInWords(value: number): string {
  const abs = Math.abs(value)
  if (abs < 10_000) return grouped(Math.round(value * 100) / 100)
  if (Math.round(abs / 100) < 1_000_000) return `${trimmed(value / 10_000)}万`
  return `${trimmed(value / 100_000_000)}亿`
}

/** Money in fen as a report writes it: 5,000元, 86.4万元, 1.53亿元. */
export function yuanInWords(fen: number): string {
  return `${bigNumberInWords(fen / 100)}元`
}

/** The headline of the outcomes: 为1.72万名劳动者追回欠薪1.53亿元. */
export function recoveryHeadline(workersPaid: number, recoveredFen: number): string {
  if (workersPaid === 0 && recoveredFen === 0) return '本期没有追回欠薪的记录'
  if (workersPaid === 0) return `追回欠薪${yuanInWords(recoveredFen)}`
  return `为${bigNumberInWords(workersPaid)}名劳动者追回欠薪${yuanInWords(recoveredFen)}`
}

/** A share as a percentage with one decimal (87.5%); — when there is none. */
export function percentOf(share: number | null): string {
  return share === null ? '—' : `${trimmedOne(share * 100)}%`
}

const trimmedOne = (value: number): string => value.toFixed(1).replace(/\.0$/, '')
