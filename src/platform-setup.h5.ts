/**
 * Taro's H5 tab bar is made of `<a href="javascript:;">` links. Under our Content Security Policy
 * (script-src 'self') the browser refuses that URL and reports an error on every tap. Cancelling
 * the link's default action leaves Taro's own click handling untouched.
 */
export function setUpPlatform(): void {
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true,
  )
}
