import { startContentSync } from './services/content-store'

/**
 * H5 only. The first content sync starts as soon as the app's code runs, while the first page's code
 * is still arriving, rather than after the page has mounted (the app's useLaunch then finds it under
 * way). WeChat starts it in useLaunch, after its sign-in has begun.
 *
 * The service worker (served by pufa at /sw.js) keeps the app itself on the phone, so
 * that it opens without a network and shows what was synced.
 *
 * Our links, buttons, switches, radio choices and checkboxes are Taro views with an ARIA role and tabindex
 * (components/a11y.ts); Enter and Space activate them as they would a native control.
 *
 * Taro's H5 tab bar is made of `<a href="javascript:;">` links. Under our Content Security Policy
 * (script-src 'self') the browser refuses that URL and reports an error on every tap. Cancelling
 * the link's default action leaves Taro's own click handling untouched.
 */
export function setUpPlatform(): void {
  startContentSync()
  if ('serviceWorker' in navigator && window.isSecureContext) {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('/sw.js').catch(() => undefined)
    })
  }
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    const target = event.target as HTMLElement | null
    if (!target?.matches?.('[role="link"], [role="button"], [role="switch"], [role="radio"], [role="checkbox"]')) return
    if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return
    event.preventDefault()
    target.click()
  })
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true,
  )
}
