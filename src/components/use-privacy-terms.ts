import { useEffect, useSyncExternalStore } from 'react'
import type { PrivacyTerms } from '../../server/privacy/privacy-terms.schemas'
import { getPrivacyTerms, refreshPrivacyTerms, subscribePrivacyTerms } from '../services/privacy-terms'

/** The service's retention periods as last known on the device (null before the first answer), asked again on open. */
export function usePrivacyTerms(): PrivacyTerms | null {
  useEffect(() => {
    void refreshPrivacyTerms()
  }, [])
  return useSyncExternalStore(subscribePrivacyTerms, getPrivacyTerms, getPrivacyTerms)
}
