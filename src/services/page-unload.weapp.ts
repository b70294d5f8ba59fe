/**
 * WeChat: hiding the mini-program leaves it running for a while, long enough for an answer to
 * arrive; there is no page to unload.
 */
export function isUnloading(): boolean {
  return false
}
