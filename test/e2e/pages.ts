import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { browserAvailable, launchOptions } from './browser'
import { startProduct, type RunningProduct } from '../support/product'

export const screenshotDir = path.resolve(__dirname, 'screenshots')

/** Browser tests run wherever Chromium is; on CI a missing browser is a failure, never a skip. */
export const describeInBrowser: jest.Describe = browserAvailable() || process.env.CI === 'true' ? describe : describe.skip

if (!browserAvailable() && process.env.CI !== 'true') {
  console.warn('Chromium not found at /usr/bin/chromium: browser tests skipped (apt-get install -y chromium fonts-noto-cjk).')
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(launchOptions())
}

/** A phone-sized page that records console errors and failed page scripts. */
export async function openPhonePage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`)
  })
  return { page, errors }
}

/**
 * Waits for a page's heading, for the slide from the previous page to finish and for every other
 * finite animation or transition in the document (a button fading in, for one): axe measures
 * colour contrast, which an element still fading in would fail.
 */
export async function waitForPage(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { name: heading, exact: true }).locator('visible=true').waitFor()
  await page.waitForFunction(
    () =>
      document.getAnimations().every((animation) => animation.effect?.getComputedTiming().endTime === Infinity) &&
      Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).every(
        (shown) => shown.offsetParent === null || Math.abs(shown.getBoundingClientRect().left) < 1,
      ),
  )
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true })
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; html: string }[]
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') still applies to the app.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(', ')})`)
}

/**
 * For a describe block: the real service on a free port (with its own empty database, into which
 * it loads the sample feeds unless `env` names other sources) and a browser, both stopped after.
 */
export function useProductInBrowser(env: Record<string, string> = {}): { product: () => RunningProduct; browser: () => Browser } {
  let product: RunningProduct | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    product = await startProduct({ needsH5: true, env })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`)
    return value
  }
  return { product: () => started(product, 'the service'), browser: () => started(browser, 'the browser') }
}
