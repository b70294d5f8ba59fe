import { formatChineseDate } from '../../src/core/format-date'

// Times as staff in China read them, whatever the computer's time zone.
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant ('2026-03-02T01:30:00.000Z') as 2026年3月2日 09:30, China time. */
export function formatDateTime(instant: string): string {
  const parts = Object.fromEntries(DATE_TIME.formatToParts(new Date(instant)).map((part) => [part.type, part.value]))
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`
}

/** A China date ('2026-03-02') as 2026年3月2日. */
export const formatDate = formatChineseDate

/** A month ('2025-10') as 2025年10月. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  return match ? `${match[1]}年${Number(match[2])}月` : month
}

/** Yuan as written by the service ('86400.00') with thousands separators: 86,400.00 元. */
export function formatYuan(yuan: string | number): string {
  const [whole, fraction = '00'] = String(yuan).split('.')
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)} 元`
}
