// How the inbox writes a report's clock and amount.
import type { TipClock } from '../../../../server/admin/workspace.schemas'

/** Where a report stands against its running deadline, in working days: 剩 3 个工作日 / 今天到期 / 已超期 2 个工作日. */
export function clockWords(clock: Pick<TipClock, 'workingDaysLeft' | 'overdue'>): string {
  const days = clock.workingDaysLeft
  if (days < 0) return `已超期 ${-days} 个工作日`
  // Past a deadline that fell on a day off, before the next working day: late, by no whole working day yet.
  if (clock.overdue) return '已超期'
  if (days === 0) return '今天到期'
  return `剩 ${days} 个工作日`
}

/** A sum of yuan as the service writes it ('86400.00') for people: 86,400 元, 86,400.50 元, 约 86,400 元. */
export function amountWords(amountYuan: string | null, approximate: boolean): string {
  if (amountYuan === null) return '未填'
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amountYuan)
  if (!match) return `${amountYuan} 元`
  const whole = match[1].replace(/\B(?=(\d{3})+$)/g, ',')
  const cents = (match[2] ?? '').padEnd(2, '0')
  const written = cents === '00' ? whole : `${whole}.${cents}`
  return `${approximate ? '约 ' : ''}${written} 元`
}
