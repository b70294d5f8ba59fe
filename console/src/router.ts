import { useSyncExternalStore } from 'react'

// A hash router of our own: a handful of pages; the service serves one index.html. A page's own
// state (the filters of a list) goes after the path as a query: `#/reports?status=submitted`.
export type Route =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'enrol'; code: string }
  | { name: 'account' }
  | { name: 'reports' }
  | { name: 'report'; id: string }
  | { name: 'audit' }
  | { name: 'question-bank' }
  | { name: 'feedback' }
  | { name: 'contests' }
  | { name: 'contest'; id: string }
  | { name: 'contest-new' }
  | { name: 'contest-edit'; id: string }
  | { name: 'sources' }
  | { name: 'figures' }
  | { name: 'figures-print' }
  | { name: 'not-found' }

/** The route of a location hash such as `#/enrol/abc`. */
export function parseRoute(hash: string): Route {
  const segments = pathOf(hash).split('/').filter((segment) => segment !== '')
  if (segments.length === 0) return { name: 'home' }
  const [first, ...rest] = segments
  if (first === 'sign-in' && rest.length === 0) return { name: 'sign-in' }
  if (first === 'account' && rest.length === 0) return { name: 'account' }
  if (first === 'enrol' && rest.length === 1) return { name: 'enrol', code: decodeURIComponent(rest[0]) }
  if (first === 'reports' && rest.length === 0) return { name: 'reports' }
  if (first === 'reports' && rest.length === 1) return { name: 'report', id: decodeURIComponent(rest[0]) }
  if (first === 'audit' && rest.length === 0) return { name: 'audit' }
  if (first === 'question-bank' && rest.length === 0) return { name: 'question-bank' }
  if (first === 'feedback' && rest.length === 0) return { name: 'feedback' }
  if (first === 'contests' && rest.length === 0) return { name: 'contests' }
  if (first === 'contests' && rest.length === 1 && rest[0] === 'new') return { name: 'contest-new' }
  if (first === 'contests' && rest.length === 1) return { name: 'contest', id: decodeURIComponent(rest[0]) }
  if (first === 'contests' && rest.length === 2 && rest[1] === 'edit') return { name: 'contest-edit', id: decodeURIComponent(rest[0]) }
  if (first === 'sources' && rest.length === 0) return { name: 'sources' }
  if (first === 'figures' && rest.length === 0) return { name: 'figures' }
  if (first === 'figures' && rest.length === 1 && rest[0] === 'print') return { name: 'figures-print' }
  return { name: 'not-found' }
}

function pathOf(hash: string): string {
  const path = hash.replace(/^#\/?/, '')
  const query = path.indexOf('?')
  return query < 0 ? path : path.slice(0, query)
}

/** The query of a location hash: `#/reports?page=2` → page=2. */
export function queryOf(hash: string): URLSearchParams {
  const query = hash.indexOf('?')
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1))
}

export function hrefOf(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'home':
      return '#/'
    case 'enrol':
      return `#/enrol/${encodeURIComponent(route.code)}`
    case 'report':
      return `#/reports/${encodeURIComponent(route.id)}`
    case 'contest':
      return `#/contests/${encodeURIComponent(route.id)}`
    case 'contest-new':
      return '#/contests/new'
    case 'contest-edit':
      return `#/contests/${encodeURIComponent(route.id)}/edit`
    case 'figures-print':
      return '#/figures/print'
    default:
      return `#/${route.name}`
  }
}

/** The address of a route with a query (its empty values left out). */
export function hrefWithQuery(route: Exclude<Route, { name: 'not-found' }>, query: URLSearchParams): string {
  const text = query.toString()
  return text === '' ? hrefOf(route) : `${hrefOf(route)}?${text}`
}

/**
 * Goes to a route (with `query`, a page's own state); `replace` leaves no history entry (a redirect
 * the user never chose).
 */
export function navigate(route: Exclude<Route, { name: 'not-found' }>, { replace = false, query }: { replace?: boolean; query?: URLSearchParams } = {}): void {
  const href = query ? hrefWithQuery(route, query) : hrefOf(route)
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
