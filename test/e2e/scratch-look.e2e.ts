import { signedInStaff } from './console-staff'
import { describeInBrowser, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'

describeInBrowser('scratch', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })
  it('looks', async () => {
    const { page, errors } = await signedInStaff(browser(), product(), { name: '李督导', login: 'li-supervisor', role: 'supervisor' })
    await page.addInitScript(() => {
      for (const method of ['appendChild', 'insertBefore'] as const) {
        const original = Node.prototype[method] as (...args: unknown[]) => unknown
        ;(Node.prototype as unknown as Record<string, unknown>)[method] = function (this: Node, ...args: unknown[]) {
          const node = args[0] as HTMLElement
          if (node instanceof HTMLStyleElement && !node.nonce) console.log('STYLE without nonce', node.textContent?.slice(0, 200), new Error().stack)
          return original.apply(this, args)
        }
      }
    })
    page.on('console', (m) => { if (m.text().startsWith('STYLE')) console.log(m.text()) })
    await page.goto(`${product().url}console/#/audit`)
    await waitForPage(page, '审计日志')
    await new Promise((r) => setTimeout(r, 1500))
    console.log(await seriousAccessibilityViolations(page))
    await screenshot(page, 'scratch-audit')
    await page.goto(`${product().url}console/#/reports?statuses=submitted`)
    await page.reload()
    await waitForPage(page, '反映办理')
    await new Promise((r) => setTimeout(r, 1500))
    console.log(await seriousAccessibilityViolations(page))
    await screenshot(page, 'scratch-reports')
    console.log(errors)
  }, 60000)
})
