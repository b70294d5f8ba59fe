/**
 * Dates as Chinese government CMSs write them in feeds: RFC 822 (`Wed, 01 May 2024 09:30:00
 * +0800`), ISO 8601, and the very common `2024-05-01 09:30:00`, `2024/5/1`, `2024年5月1日`.
 * A time without a zone is China time (Asia/Shanghai, UTC+8 all year, no daylight saving).
 * Pure arithmetic on Date.UTC: Date.parse differs between JavaScript engines.
 */

const CHINA_OFFSET_MINUTES = 8 * 60
const MINUTE_MS = 60_000

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}

// RFC 822 zone names. `CST` is read as China Standard Time, not US Central: Java's Date#toString
// prints it for Asia/Shanghai, and that is what Chinese CMSs put in their feeds.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, CST: 480, CCT: 480, BJT: 480, HKT: 480,
  EST: -300, EDT: -240, MST: -420, MDT: -360, PST: -480, PDT: -420,
}

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** Minutes east of UTC; undefined when the text gave no zone. */
  offset: number | undefined
}

/** A parsed date-time: the instant and its ISO form in China time. */
export interface FeedDateTime {
  epochMs: number
  /** `YYYY-MM-DDTHH:mm:ss+08:00` */
  iso: string
  /** The China calendar date, `YYYY-MM-DD`. */
  date: string
}

const DATE_PART = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`
const TIME_PART = String.raw`(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?`
const ZONE_PART = String.raw`(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?`
const NUMERIC = new RegExp(String.raw`^${DATE_PART}(?:(?:\s+|T)${TIME_PART}\s*${ZONE_PART})?$`, 'i')
const RFC822 = new RegExp(
  String.raw`^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,4})?$`,
)
// Java's Date#toString: "Wed May 01 09:30:00 CST 2024".
const JAVA = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{1,4})\s+(\d{4})$/

function zoneOffset(zone: string | undefined): number | undefined | null {
  if (zone === undefined || zone === '') return undefined
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3])
    if (Number(numeric[2]) > 14 || Number(numeric[3]) > 59) return null
    return numeric[1] === '-' ? -minutes : minutes
  }
  const named = ZONES[zone.toUpperCase()]
  return named === undefined ? null : named
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function valid(parts: Parts): boolean {
  const { year, month, day, hour, minute, second } = parts
  return (
    year >= 1900 && year <= 2200 &&
    month >= 1 && month <= 12 &&
    day >= 1 && day <= daysInMonth(year, month) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60
  )
}

function twoDigitYear(text: string): number {
  const year = Number(text)
  if (text.length === 4) return year
  return year < 50 ? 2000 + year : 1900 + year
}

function parseParts(input: string): Parts | undefined {
  const text = input.trim().replace(/\s+/g, ' ')
  let match = NUMERIC.exec(text)
  if (match) {
    const offset = zoneOffset(match[7])
    if (offset === null) return undefined
    return {
      year: Number(match[1]), month: Number(match[2]), day: Number(match[3]),
      hour: Number(match[4] ?? 0), minute: Number(match[5] ?? 0), second: Number(match[6] ?? 0),
      offset,
    }
  }
  match = RFC822.exec(text)
  if (match) {
    const month = MONTHS[match[2].toLowerCase()]
    const offset = zoneOffset(match[7])
    if (month === undefined || offset === null) return undefined
    return {
      year: twoDigitYear(match[3]), month, day: Number(match[1]),
      hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6] ?? 0),
      offset,
    }
  }
  match = JAVA.exec(text)
  if (match) {
    const month = MONTHS[match[1].toLowerCase()]
    const offset = zoneOffset(match[6])
    if (month === undefined || offset === null) return undefined
    return {
      year: Number(match[7]), month, day: Number(match[2]),
      hour: Number(match[3]), minute: Number(match[4]), second: Number(match[5]),
      offset,
    }
  }
  return undefined
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0')
}

function formatChinaTime(epochMs: number): FeedDateTime {
  const china = new Date(epochMs + CHINA_OFFSET_MINUTES * MINUTE_MS)
  const date = `${pad(china.getUTCFullYear(), 4)}-${pad(china.getUTCMonth() + 1)}-${pad(china.getUTCDate())}`
  const time = `${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}:${pad(china.getUTCSeconds())}`
  return { epochMs, iso: `${date}T${time}+08:00`, date }
}

/**
 * A date-time in any of the forms above, as an instant in China time; undefined when the text is
 * not a real date (2024-02-30 included). A date alone means its midnight in China.
 */
export function parseFeedDateTime(text: string): FeedDateTime | undefined {
  const parts = parseParts(text)
  if (!parts || !valid(parts)) return undefined
  const second = Math.min(parts.second, 59)
  const localMs = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, second)
  const offset = parts.offset ?? CHINA_OFFSET_MINUTES
  return formatChinaTime(localMs - offset * MINUTE_MS)
}

/**
 * A calendar date as `YYYY-MM-DD`. A date-time with a zone is taken as its China date; without a
 * zone, the written date is the date.
 */
export function parseFeedDate(text: string): string | undefined {
  return parseFeedDateTime(text)?.date
}
