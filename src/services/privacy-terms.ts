/**
 * How long the service keeps what people send (GET /api/v1/privacy-terms), so that the privacy text
 * names the configured periods. Kept on the device: the text reads the same offline.
 */
import type { PrivacyTerms } from '../../server/privacy/privacy-terms.schemas'
import { request } from './http'
import { readStored, writeStored } from './storage'

const STORAGE_KEY = 'pufa.privacyTerms'

let terms: PrivacyTerms | null | undefined
const listeners = new Set<() => void>()

function isTerms(value: unknown): value is PrivacyTerms {
  const candidate = value as Partial<PrivacyTerms> | null
  return Number.isSafeInteger(candidate?.tipsRetentionDays) && (candidate?.tipsRetentionDays ?? 0) > 0 && Number.isSafeInteger(candidate?.uploadExpiryHours)
}

/** What the device knows, or null before the first answer. */
export function getPrivacyTerms(): PrivacyTerms | null {
  if (terms === undefined) {
    const stored = readStored(STORAGE_KEY)
    terms = isTerms(stored) ? stored : null
  }
  return terms
}

export function subscribePrivacyTerms(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Asks the service again; what the device knew stays when it cannot be reached. */
export async function refreshPrivacyTerms(): Promise<void> {
  const result = await request<unknown>({ method: 'GET', path: '/api/v1/privacy-terms' })
  if (!result.ok || !isTerms(result.data)) return
  const { tipsRetentionDays, uploadExpiryHours } = result.data
  const current = getPrivacyTerms()
  if (current?.tipsRetentionDays === tipsRetentionDays && current.uploadExpiryHours === uploadExpiryHours) return
  terms = { tipsRetentionDays, uploadExpiryHours }
  writeStored(STORAGE_KEY, terms)
  listeners.forEach((listener) => listener())
}
