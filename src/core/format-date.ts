import { chinaDateOf } from './calendar/working-days'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** '2020-05-01' → '2020年5月1日'; anything else is returned as it is. */
export function formatChineseDate(date: string): string {
  const match = DATE.exec(date)
  if (!match) return date
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}

/** A period of days in words: whole years as years (1095 → '3年'), anything else as days ('30天'). */
export function daysInWords(days: number): string {
  if (!Number.isSafeInteger(days) || days <= 0) throw new RangeError(`Expected a positive whole number of days, got ${days}`)
  return days % 365 === 0 ? `${days / 365}年` : `${days}天`
}

/** An instant as 'YYYY年M月D日 HH:mm' in China time, whatever the phone's time zone; '' when unreadable. */
export function formatChinaDateTime(iso: string): string {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return ''
  const china = new Date(instant.getTime() + 8 * 3_600_000)
  const time = `${String(china.getUTCHours()).padStart(2, '0')}:${String(china.getUTCMinutes()).padStart(2, '0')}`
  return `${formatChineseDate(chinaDateOf(instant))} ${time}`
}
