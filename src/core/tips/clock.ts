// Where a report stands against its legal deadlines today, in working days of the official
// holiday calendar (the same calendar the deadlines were computed with).
import { workingDaysBetween, type WorkCalendar } from '../calendar/working-days'
import type { Deadline, ReportDeadlines } from './deadlines'
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

export type DeadlineName = keyof ReportDeadlines

export const DEADLINE_LABELS: Readonly<Record<DeadlineName, string>> = {
  acceptBy: '受理期限',
  investigateBy: '调查期限',
  extendedBy: '延长后的调查期限',
}

export interface RunningDeadline {
  name: DeadlineName
  date: string
  /** False when the holiday calendar does not cover every year counted: the date is an estimate. */
  covered: boolean
}

/**
 * The one deadline whose clock runs now: acceptance while submitted (a complaint only), then the
 * investigation, or its extension once extended (劳动保障监察条例 第十七条); null when none runs.
 */
export function runningDeadline(
  status: string,
  deadlines: { acceptBy: Deadline | null; investigateBy: Deadline | null; extendedBy: Deadline | null },
  extended: boolean,
): RunningDeadline | null {
  const running = runningDeadlines(status)
  const name: DeadlineName | undefined = running.includes('acceptBy') ? 'acceptBy' : running.length > 0 ? (extended ? 'extendedBy' : 'investigateBy') : undefined
  if (name === undefined) return null
  const deadline = deadlines[name]
  return deadline ? { name, date: deadline.date, covered: deadline.covered } : null
}

export interface ClockReading {
  deadline: DeadlineName
  label: string
  date: string
  estimated: boolean
  /** Working days left; 0 when due today, negative when overdue (by at least 1). */
  workingDaysLeft: number
  overdue: boolean
}

/** Where a running deadline stands on `today` (a China date). */
export function readClock(running: RunningDeadline, today: string, calendar: WorkCalendar): ClockReading {
  const overdue = running.date < today
  const workingDaysLeft = overdue ? -Math.max(1, workingDaysBetween(running.date, today, calendar)) : workingDaysBetween(today, running.date, calendar)
  return { deadline: running.name, label: DEADLINE_LABELS[running.name], date: running.date, estimated: !running.covered, workingDaysLeft, overdue }
}
