/**
 * H5: puts text on the clipboard and says whether that worked; the page confirms inline. Taro's
 * setClipboardData is not used: it always shows its own toast 「内容已复制」 (elder mode promises
 * no pop-ups) and keeps the copied text in localStorage, where an access key has no business.
 * WeChat: see clipboard.weapp.ts.
 */
export async function copyText(text: string): Promise<boolean> {
  // Only pages served over HTTPS (or from this machine) have the asynchronous clipboard.
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Refused (no permission, page not focused): the older way may still work.
    }
  }
  return copyBySelection(text)
}

/** The older way, for pages served over plain HTTP on a phone: select a hidden text and copy it. */
function copyBySelection(text: string): boolean {
  if (typeof document.execCommand !== 'function') return false
  const area = document.createElement('textarea')
  area.value = text
  area.readOnly = true
  area.setAttribute('aria-hidden', 'true')
  area.style.cssText = 'position:fixed;top:0;left:-10000px;opacity:0'
  document.body.appendChild(area)
  try {
    area.select()
    area.setSelectionRange(0, text.length)
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}
