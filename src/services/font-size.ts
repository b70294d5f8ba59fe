// H5: the browser's own default font size stands for the user's large-text preference.
const LARGE_TEXT_PX = 20

export function systemPrefersLargeText(): boolean {
  if (typeof document === 'undefined' || !document.body) return false
  const probe = document.createElement('div')
  probe.style.cssText = 'font-size:medium;position:absolute;visibility:hidden'
  document.body.appendChild(probe)
  const size = parseFloat(window.getComputedStyle(probe).fontSize)
  probe.remove()
  return Number.isFinite(size) && size >= LARGE_TEXT_PX
}
