/**
 * H5 only. The service worker (served by pufa at /sw.js) keeps the app itself on the phone, so
 * that it opens without a network and shows what was synced.
 *
 * Taro's H5 tab bar is made of `<a href="javascript:;">` links. Under our Content Security Policy
 * (script-src 'self') the browser refuses that URL and reports an error on every tap. Cancelling
 * the link's default action leaves Taro's own click handling untouched.
 */
export function setUpPlatform(): void {
  if ('serviceWorker' in navigator && window.isSecureContext) {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('/sw.js').catch(() => undefined)
    })
  }
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true,
  )
}
