import type { AdminBoard, AdminContestList, AdminContestView, ContestParticipation, ContestPreview } from '../../../server/quiz/admin-contests.schemas'
import type { CreateContestBody } from '../../../server/quiz/quiz.schemas'
import { request } from './client'

// The staff console's contest API; types from the service's schemas (type-only).
export type { AdminBoard, AdminContestView, ContestParticipation, ContestPreview }
export type ContestBody = CreateContestBody
export type BoardItem = AdminBoard['items'][number]

const base = (id: string) => `/admin/contests/${encodeURIComponent(id)}`

export async function listContests(): Promise<AdminContestView[]> {
  return (await request<AdminContestList>('GET', '/admin/contests')).items
}

export function readContest(id: string): Promise<AdminContestView> {
  return request<AdminContestView>('GET', base(id))
}

export function createContest(body: ContestBody): Promise<{ id: string }> {
  return request<{ id: string }>('POST', '/admin/contests', body)
}

/** Only before the contest starts (409 afterwards). */
export function updateContest(id: string, body: ContestBody): Promise<AdminContestView> {
  return request<AdminContestView>('PUT', base(id), body)
}

export function closeContest(id: string): Promise<AdminContestView> {
  return request<AdminContestView>('POST', `${base(id)}/close`, {})
}

export function previewContest(id: string): Promise<ContestPreview> {
  return request<ContestPreview>('GET', `${base(id)}/preview`)
}

export function readParticipation(id: string): Promise<ContestParticipation> {
  return request<ContestParticipation>('GET', `${base(id)}/participation`)
}

export async function readBoard(id: string): Promise<BoardItem[]> {
  return (await request<AdminBoard>('GET', `${base(id)}/board`)).items
}

/** Hides a nickname from the public board, or shows it again; the board as it is afterwards. */
export async function setBoardHidden(id: string, participantId: string, hidden: boolean): Promise<BoardItem[]> {
  return (await request<AdminBoard>('PUT', `${base(id)}/board/${encodeURIComponent(participantId)}`, { hidden })).items
}

/** Where the browser downloads an export from (the session cookie goes with it). */
export function contestExportHref(id: string, table: 'results' | 'participation'): string {
  return `/api/v1${base(id)}/export?table=${table}`
}
