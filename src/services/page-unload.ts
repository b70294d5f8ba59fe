/**
 * H5: whether the page is being closed, reloaded or left. The browser fires pagehide before the
 * last visibilitychange, so a request started when the app is "hidden" by leaving would have its
 * answer lost, and what it carried would be sent, and counted, again at the next launch.
 * A page kept in the back-forward cache that shows again is not leaving any more.
 */
let unloading = false

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    unloading = true
  })
  window.addEventListener('pageshow', () => {
    unloading = false
  })
}

export function isUnloading(): boolean {
  return unloading
}
