import type { StaffMessage, StaffMessageBody, StaffMessageList } from '../../../server/conversation/conversation.schemas'
import type { NoteView, RevealedReporter as Revealed, TipActionBody, TipWorkspaceDetail } from '../../../server/admin/workspace.schemas'
import { request } from './client'

// The staff workspace API of one report; its types come from the service's schemas (type-only).
export type ReportDetail = TipWorkspaceDetail
export type ReportAction = TipActionBody
export type RevealedReporter = Revealed['reporter']
export type InternalNote = NoteView
export type ConversationMessage = StaffMessage
export type NewMessage = StaffMessageBody

/** The service's limits (server/admin/workspace.schemas.ts, whose values the bundle does not import). */
export const LIMITS = { reasonMin: 2, reasonMax: 200, noteToReporterMax: 500, noteMax: 2000, approverMax: 50 } as const

const base = (id: string) => `/admin/tips/${encodeURIComponent(id)}`

/** The report, its personal data masked (reading it marks nothing; it is audited). */
export function readReport(id: string): Promise<ReportDetail> {
  return request<ReportDetail>('GET', base(id))
}

/** The reporter's personal data unmasked, for the stated reason (audited); kept by the page only. */
export async function revealReporter(id: string, reason: string): Promise<RevealedReporter> {
  return (await request<Revealed>('POST', `${base(id)}/reveal`, { reason })).reporter
}

/** One action on the report; the answer is the report as it is afterwards. */
export function actOn(id: string, action: ReportAction): Promise<ReportDetail> {
  return request<ReportDetail>('POST', `${base(id)}/actions`, action)
}

export function addNote(id: string, body: string): Promise<InternalNote> {
  return request<InternalNote>('POST', `${base(id)}/notes`, { body })
}

/** The conversation with the reporter, oldest first; reading it marks the reporter's replies read. */
export async function readMessages(id: string): Promise<ConversationMessage[]> {
  return (await request<StaffMessageList>('GET', `${base(id)}/messages`)).items
}

export function sendMessage(id: string, message: NewMessage): Promise<ConversationMessage> {
  return request<ConversationMessage>('POST', `${base(id)}/messages`, message)
}

/** Where the browser loads an evidence photo from (the session cookie goes with it). */
export function evidenceUrl(id: string, uploadId: string): string {
  return `/api/v1${base(id)}/evidence/${encodeURIComponent(uploadId)}`
}
