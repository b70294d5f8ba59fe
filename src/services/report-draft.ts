// The one report being filled in on this device, kept in storage so that it survives closing the
// app. Reading always goes to storage: the triage tab and the form see the same draft.
import { keyFromBytes, parseDraft, type ReportDraft } from '../core/tips/draft'
import { randomBytes } from './random-bytes'
import { readStored, removeStored, writeStored } from './storage'

const DRAFT_KEY = 'pufa.report.draft'
// Corrections of a report the service turned back have their own slot, so that correcting one
// never overwrites a new report being filled in.
const CORRECTION_KEY = 'pufa.report.correction'

export function loadDraft(): ReportDraft | null {
  return parseDraft(readStored(DRAFT_KEY))
}

/** false when storage refused (full, or private browsing): the form keeps the draft on screen. */
export function saveDraft(draft: ReportDraft): boolean {
  return writeStored(DRAFT_KEY, draft)
}

export function clearDraft(): void {
  removeStored(DRAFT_KEY)
}

/** The saved correction of the queued report with this key, or null when there is none. */
export function loadCorrection(key: string): ReportDraft | null {
  const draft = parseDraft(readStored(CORRECTION_KEY))
  return draft?.key === key ? draft : null
}

export function saveCorrection(draft: ReportDraft): boolean {
  return writeStored(CORRECTION_KEY, draft)
}

export function clearCorrection(): void {
  removeStored(CORRECTION_KEY)
}

/** A new Idempotency-Key: unique per report, not secret. */
export function newReportKey(): string {
  return keyFromBytes(randomBytes(16))
}

/** '投诉，上次填写于11月28日 14:05': which draft this is, for offering to go on with it. */
export function describeDraft(draft: ReportDraft): string {
  const kind = draft.kind === 'complaint' ? '投诉' : '举报'
  // The phone's own clock and time zone, as the person saw it when typing.
  const at = new Date(draft.updatedAt)
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
  return `${kind}，上次填写于${at.getMonth() + 1}月${at.getDate()}日 ${time}`
}
