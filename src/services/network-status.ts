/**
 * H5: the browser's own `online` event. Taro's H5 onNetworkStatusChange listens only to
 * navigator.connection, which Safari and Firefox lack and which does not report going back online.
 */
export function onReconnect(listener: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  window.addEventListener('online', listener)
  return () => window.removeEventListener('online', listener)
}
