import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

import { ApiError, onSignedOut } from './api/client'
import { readSite, type SiteSummary } from './api/site'
import { currentStaff, signOut as endSession, signOutEverywhere, type StaffMember } from './api/staff'

/** Why the sign-in page is shown, when it is not the first visit. */
export type SignedOutReason = 'expired' | 'signed-out' | 'signed-out-everywhere'

export type SessionState =
  | { status: 'checking' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; reason?: SignedOutReason }
  | { status: 'signed-in'; staff: StaffMember }

interface Session {
  state: SessionState
  /** The bureau's site settings (name, districts); undefined until they arrive or if they cannot. */
  site: SiteSummary | undefined
  signedIn(staff: StaffMember): void
  /** Ends this session, or with `everywhere` every session of the account; rejects with an ApiError. */
  signOut(options?: { everywhere?: boolean }): Promise<void>
  /** Asks the service again who is signed in (after it could not be reached). */
  recheck(): void
}

const SessionContext = createContext<Session | undefined>(undefined)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' })
  const [site, setSite] = useState<SiteSummary>()
  const [checks, setChecks] = useState(0)

  useEffect(() => {
    let current = true
    currentStaff().then(
      (staff) => current && setState({ status: 'signed-in', staff }),
      (error: unknown) => {
        if (!current) return
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' })
        else setState({ status: 'unreachable', message: error instanceof ApiError ? error.message : String(error) })
      },
    )
    return () => {
      current = false
    }
  }, [checks])

  useEffect(() => {
    // The header does without the bureau's name rather than hold the console up for it.
    readSite().then(setSite, () => undefined)
  }, [checks])

  // Any answer saying no one is signed in ends a session the console thought it had (idle or 8-hour expiry, or signed out elsewhere).
  useEffect(
    () => onSignedOut(() => setState((previous) => (previous.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : previous))),
    [],
  )

  const signedIn = useCallback((staff: StaffMember) => setState({ status: 'signed-in', staff }), [])
  const signOut = useCallback(async ({ everywhere = false } = {}) => {
    try {
      await (everywhere ? signOutEverywhere() : endSession())
    } catch (error) {
      // A session that had already ended (elsewhere, or by expiry) is as good as signed out.
      if (!(error instanceof ApiError && error.status === 401)) throw error
    }
    setState({ status: 'signed-out', reason: everywhere ? 'signed-out-everywhere' : 'signed-out' })
  }, [])
  const recheck = useCallback(() => {
    setState({ status: 'checking' })
    setChecks((count) => count + 1)
  }, [])

  const session = useMemo(() => ({ state, site, signedIn, signOut, recheck }), [state, site, signedIn, signOut, recheck])
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession: outside SessionProvider')
  return session
}

/** The signed-in staff member, on pages that are only shown to one. */
export function useStaff(): StaffMember {
  const { state } = useSession()
  if (state.status !== 'signed-in') throw new Error('useStaff: no one is signed in')
  return state.staff
}
