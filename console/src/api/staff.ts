import type { EnrolmentView, SignedIn, StaffView } from '../../../server/staff-auth/staff-auth.schemas'
import { request } from './client'

// The staff sign-in API; its types come from the service's schemas (type-only: no bundle cost).
export type StaffMember = StaffView
export type Enrolment = EnrolmentView
type StaffAnswer = SignedIn

export async function currentStaff(): Promise<StaffMember> {
  return (await request<StaffAnswer>('GET', '/staff/session')).staff
}

export async function signIn(credentials: { login: string; password: string; code: string }): Promise<StaffMember> {
  return (await request<StaffAnswer>('POST', '/staff/session', credentials)).staff
}

export function signOut(): Promise<void> {
  return request<void>('DELETE', '/staff/session')
}

export function signOutEverywhere(): Promise<void> {
  return request<void>('DELETE', '/staff/sessions')
}

export function readEnrolment(code: string): Promise<Enrolment> {
  return request<Enrolment>('GET', `/staff/enrolment/${encodeURIComponent(code)}`)
}

export async function completeEnrolment(code: string, answer: { password: string; code: string }): Promise<StaffMember> {
  return (await request<StaffAnswer>('POST', `/staff/enrolment/${encodeURIComponent(code)}`, answer)).staff
}
