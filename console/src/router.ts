import { useSyncExternalStore } from 'react'

// A hash router of our own: three pages now, a few more later; the service serves one index.html.
export type Route =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'enrol'; code: string }
  | { name: 'account' }
  | { name: 'report'; id: string }
  | { name: 'not-found' }

/** The route of a location hash such as `#/enrol/abc`. */
export function parseRoute(hash: string): Route {
  const segments = hash.replace(/^#\/?/, '').split('/').filter((segment) => segment !== '')
  if (segments.length === 0) return { name: 'home' }
  const [first, ...rest] = segments
  if (first === 'sign-in' && rest.length === 0) return { name: 'sign-in' }
  if (first === 'account' && rest.length === 0) return { name: 'account' }
  if (first === 'enrol' && rest.length === 1) return { name: 'enrol', code: decodeURIComponent(rest[0]) }
  if (first === 'reports' && rest.length === 1) return { name: 'report', id: decodeURIComponent(rest[0]) }
  return { name: 'not-found' }
}

export function hrefOf(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'home':
      return '#/'
    case 'enrol':
      return `#/enrol/${encodeURIComponent(route.code)}`
    case 'report':
      return `#/reports/${encodeURIComponent(route.id)}`
    default:
      return `#/${route.name}`
  }
}

/** Goes to a route; `replace` leaves no history entry (a redirect the user never chose). */
export function navigate(route: Exclude<Route, { name: 'not-found' }>, { replace = false } = {}): void {
  const href = hrefOf(route)
  if (replace) {
    window.history.replaceState(window.history.state, '', href)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else {
    window.location.hash = href
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const currentHash = () => window.location.hash

/** The hash of the current location, kept up to date. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash)
}
