// Where a report stands against its legal deadlines today, in working days of the official
// holiday calendar (the same calendar the deadlines were computed with).
import { workingDaysBetween, type WorkCalendar } from '../calendar/working-days'
import type { ReportDeadlines } from './deadlines'
import { isTipStatus, type TipStatus } from './status'

export type DeadlineStanding = { kind: 'overdue' } | { kind: 'today' } | { kind: 'remaining'; workingDays: number }

/** `deadline` and `today` are China dates, 'YYYY-MM-DD'. */
export function deadlineStanding(deadline: string, today: string, calendar: WorkCalendar): DeadlineStanding {
  if (deadline < today) return { kind: 'overdue' }
  if (deadline === today) return { kind: 'today' }
  return { kind: 'remaining', workingDays: workingDaysBetween(today, deadline, calendar) }
}

export function describeStanding(standing: DeadlineStanding): string {
  switch (standing.kind) {
    case 'overdue':
      return '已过期'
    case 'today':
      return '今天到期'
    case 'remaining':
      return `剩余${standing.workingDays}个工作日`
  }
}

/**
 * The deadlines whose clock is running at `status`: acceptance until the report is accepted, then
 * the investigation (and its possible extension); none once it was rejected or closed. An unknown
 * status (a newer server) runs no clock rather than a wrong one.
 */
export function runningDeadlines(status: string): (keyof ReportDeadlines)[] {
  if (!isTipStatus(status)) return []
  const running: Record<TipStatus, (keyof ReportDeadlines)[]> = {
    submitted: ['acceptBy'],
    accepted: ['investigateBy', 'extendedBy'],
    investigating: ['investigateBy', 'extendedBy'],
    rejected: [],
    closed: [],
  }
  return running[status]
}
