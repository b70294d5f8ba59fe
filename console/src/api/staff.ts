import type { StaffRole } from '../../../src/core/staff/roles'
import { request } from './client'

// The staff sign-in API as CONTRACT-11.md fixes it (server/admin, issue 11 "auth").
export interface StaffMember {
  id: string
  name: string
  login: string
  role: StaffRole
  /** The inspector's district; null for every other role. */
  districtCode: string | null
}

export interface Enrolment {
  name: string
  login: string
  role: StaffRole
  districtCode: string | null
  /** `otpauth://totp/…`, for the authenticator's QR code. */
  otpauthUri: string
  /** The same key in base32, for typing it in by hand. */
  secret: string
  passwordMinLength: number
}

interface StaffAnswer {
  staff: StaffMember
}

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
