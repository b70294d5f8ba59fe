// The legal clock of a wage-arrears report, in working days of the official holiday calendar.
// Counting starts the day after the starting date (期间开始之日不计算在内), as addWorkingDays does.
import { addWorkingDays, isValidDate, type WorkCalendar } from '../calendar/working-days'
import type { ReportKind } from './report-fields'

export const ACCEPTANCE_WORKING_DAYS = 5
export const INVESTIGATION_WORKING_DAYS = 60
export const EXTENSION_WORKING_DAYS = 30

/** A complaint (投诉) that meets the conditions is accepted within 5 working days (as quoted in ../shared/laws/README.md); a 举报 has no such term. */
export const ACCEPTANCE_CITATION = '《关于实施〈劳动保障监察条例〉若干规定》第十八条'
/** Investigation within 60 working days of 立案; extendable by 30 when complex, with the head's approval. */
export const INVESTIGATION_CITATION = '《劳动保障监察条例》第十七条'

export interface Deadline {
  date: string
  /** False when the holiday calendar does not cover every year counted, so the date is an estimate. */
  covered: boolean
}

export interface ReportDeadlines {
  acceptBy: Deadline
  investigateBy: Deadline
  extendedBy: Deadline
}

/**
 * Deadlines for a report received on `submittedOn` (a China date, 'YYYY-MM-DD').
 *
 * Art. 17 counts the 60 (and the further 30) working days 自立案之日起, from the day the case is
 * opened. Pass the day staff accepted the report as `acceptedOn`; until then the investigation
 * deadlines count from `acceptBy`, the last day for acceptance, so they are the latest dates.
 */
export function reportDeadlines(submittedOn: string, calendar: WorkCalendar, acceptedOn?: string): ReportDeadlines {
  assertDate(submittedOn, 'submittedOn')
  if (acceptedOn !== undefined) {
    assertDate(acceptedOn, 'acceptedOn')
    if (acceptedOn < submittedOn) {
      throw new RangeError(`acceptedOn (${acceptedOn}) is before submittedOn (${submittedOn})`)
    }
  }

  const acceptBy = addWorkingDays(submittedOn, ACCEPTANCE_WORKING_DAYS, calendar)
  const filedOn = acceptedOn ?? acceptBy.date
  const filedOnCovered = acceptedOn === undefined ? acceptBy.covered : true
  const investigateBy = addWorkingDays(filedOn, INVESTIGATION_WORKING_DAYS, calendar)
  const extendedBy = addWorkingDays(filedOn, INVESTIGATION_WORKING_DAYS + EXTENSION_WORKING_DAYS, calendar)
  return {
    acceptBy,
    investigateBy: { date: investigateBy.date, covered: filedOnCovered && investigateBy.covered },
    extendedBy: { date: extendedBy.date, covered: filedOnCovered && extendedBy.covered },
  }
}

function assertDate(date: string, name: string): void {
  if (!isValidDate(date)) throw new RangeError(`Expected ${name} as YYYY-MM-DD, got "${date}"`)
}

/**
 * The deadlines that apply to one report; null where none runs. The 5 working days of 若干规定 art. 18
 * are for a complaint that meets the conditions (符合受理条件的投诉), not for a 举报. The 60 (+30)
 * working days of art. 17 run for any case once it is opened (立案); for a complaint not yet accepted
 * they are shown from the last day for acceptance, for a 举报 not at all until it is accepted.
 */
export interface ApplicableDeadlines {
  acceptBy: Deadline | null
  investigateBy: Deadline | null
  extendedBy: Deadline | null
}

/** Each deadline as the receipt and the status page explain it: its name, the rule and the article that sets it. */
export const DEADLINE_RULES: { key: keyof ApplicableDeadlines; title: string; rule: string; citation: string }[] = [
  { key: 'acceptBy', title: '受理', rule: `符合受理条件的投诉，收到后${ACCEPTANCE_WORKING_DAYS}个工作日内受理`, citation: ACCEPTANCE_CITATION },
  { key: 'investigateBy', title: '调查', rule: `立案之日起${INVESTIGATION_WORKING_DAYS}个工作日内完成调查`, citation: INVESTIGATION_CITATION },
  { key: 'extendedBy', title: '延长调查', rule: `情况复杂的，经负责人批准可延长${EXTENSION_WORKING_DAYS}个工作日`, citation: INVESTIGATION_CITATION },
]

/** What a 举报 not yet accepted is told instead of dates. */
export const TIP_DEADLINE_NOTE =
  `举报不适用投诉的受理期限。人社部门核查后立案调查的，应当自立案之日起${INVESTIGATION_WORKING_DAYS}个工作日内完成，` +
  `情况复杂的，经负责人批准可以延长${EXTENSION_WORKING_DAYS}个工作日（${INVESTIGATION_CITATION}）。`

export function deadlinesFor(kind: ReportKind, submittedOn: string, calendar: WorkCalendar, acceptedOn?: string): ApplicableDeadlines {
  const all = reportDeadlines(submittedOn, calendar, acceptedOn)
  if (kind === 'complaint') return all
  if (acceptedOn === undefined) return { acceptBy: null, investigateBy: null, extendedBy: null }
  return { acceptBy: null, investigateBy: all.investigateBy, extendedBy: all.extendedBy }
}
