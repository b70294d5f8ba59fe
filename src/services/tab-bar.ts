/**
 * Which tab is shown, for WeChat's custom tab bar (src/custom-tab-bar). WeChat gives every tab page
 * its own instance of the bar; the page that shows says so here, and the bar it carries marks it.
 */
export const TABS = [
  { pagePath: 'pages/home/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/policies/index', text: '政策', icon: 'policies' },
  { pagePath: 'pages/quiz/index', text: '答题', icon: 'quiz' },
  { pagePath: 'pages/report/index', text: '反映', icon: 'report' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' },
] as const

const listeners = new Set<() => void>()
let selected = 0

export function selectedTab(): number {
  return selected
}

/** Marks the tab of `path` (a page route, with or without its leading slash and query); other pages change nothing. */
export function noteShownPage(path: string): void {
  const route = path.replace(/^\//, '').replace(/\?.*$/, '')
  const index = TABS.findIndex((tab) => tab.pagePath === route)
  if (index < 0 || index === selected) return
  selected = index
  listeners.forEach((listener) => listener())
}

export function subscribeSelectedTab(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
