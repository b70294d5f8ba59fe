import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
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

function recordErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`)
  })
  return errors
}

/** A phone-sized page that records console errors and failed page scripts. */
export async function openPhonePage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  return { page, errors: recordErrors(page) }
}

/**
 * A page of the staff console's smallest supported screen (1280×720), in a browser context of its
 * own (its own cookies), recording console errors, failed requests and what the CSP blocked.
 */
export async function openDesktopPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })
  const page = await context.newPage()
  // Chromium logs most CSP refusals itself; the event also names what was refused.
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP refused ${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`)),
  )
  return { page, errors: recordErrors(page) }
}

/**
 * Waits for a page's heading, for the slide from the previous page to finish and for every other
 * finite animation or transition in the document (a button fading in, for one): axe measures
 * colour contrast, which an element still fading in would fail.
 */
export async function waitForPage(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { name: heading, exact: true }).locator('visible=true').waitFor()
  // Both at one moment: a slide that has not started yet leaves no animation to wait for.
  await page.waitForFunction(
    () =>
      document.getAnimations().every((animation) => animation.effect?.getComputedTiming().endTime === Infinity) &&
      Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).every(
        (shown) => shown.offsetParent === null || Math.abs(shown.getBoundingClientRect().left) < 1,
      ),
  )
}

/**
 * Waits until only endless animations (spinners) run, as a person waits for a dialog to finish
 * opening before pressing a key in it.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.effect?.getComputedTiming().endTime === Infinity),
  )
}

/** Elder mode on, with the switch of the page shown (the home page and 我的 both have one). */
export async function switchToElderMode(page: Page): Promise<void> {
  await page.getByRole('switch', { name: '长辈模式' }).locator('visible=true').click()
  await page.locator('.pufa-page.pufa-elder').locator('visible=true').first().waitFor()
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true })
}

export interface MeasuredText {
  /** The first words of the text, to name it in a failure. */
  text: string
  fontSize: number
  lineHeight: number
}

/** Computed body-text size and line height of every visible text in the visible page, in CSS px. */
export async function measureText(page: Page): Promise<MeasuredText[]> {
  return page.evaluate(() => {
    const roots = Array.from(document.querySelectorAll<HTMLElement>('.pufa-page')).filter((el) => el.offsetParent !== null)
    const texts = roots.flatMap((root) => Array.from(root.querySelectorAll<HTMLElement>('taro-text-core, .nut-radio-label, .nut-button, textarea')))
    return texts
      .filter((el) => el.offsetParent !== null && (el.textContent ?? '').trim() !== '')
      .map((el) => {
        const style = getComputedStyle(el)
        const fontSize = parseFloat(style.fontSize)
        const lineHeight = style.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(style.lineHeight)
        return { text: (el.textContent ?? '').trim().slice(0, 20), fontSize, lineHeight }
      })
  })
}

/** The size of every visible tap target (class pufa-tap) in the visible page, in CSS px. */
export async function tapTargetSizes(page: Page): Promise<{ text: string; width: number; height: number }[]> {
  return page.locator('.pufa-page .pufa-tap:visible').evaluateAll((els) =>
    els.map((el) => {
      const rect = el.getBoundingClientRect()
      return { text: (el.textContent ?? '').trim().slice(0, 20), width: rect.width, height: rect.height }
    }),
  )
}

/** Elder mode's minimums (DESIGN.md section 7) on the page as it is now, one line per miss. */
export async function elderSizeProblems(page: Page): Promise<string[]> {
  const texts = await measureText(page)
  const problems = texts.length === 0 ? ['no visible text measured'] : []
  for (const { text: words, fontSize, lineHeight } of texts) {
    // Rounded: 1.3 × 20px computes as 25.999… in floating point.
    const ratio = Math.round((lineHeight / fontSize) * 100) / 100
    if (fontSize < 18 || ratio < 1.3) problems.push(`text “${words}”: ${fontSize}px, line height ${ratio}`)
  }
  for (const { text: words, width, height } of await tapTargetSizes(page)) {
    if (width < 60 || height < 60) problems.push(`tap target “${words}”: ${width}×${height}`)
  }
  return problems
}

/** A screenshot with `target` scrolled into view: Taro's pages scroll inside themselves, so fullPage shows one screen. */
export async function screenshotAt(page: Page, target: Locator, name: string): Promise<void> {
  await target.evaluate((element) => element.scrollIntoView({ block: 'start' }))
  await screenshot(page, name)
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
 * `builds` says which builds the block needs (the H5 app unless it says otherwise).
 */
export function useProductInBrowser(
  env: Record<string, string> = {},
  clockAt?: string,
  builds: { h5?: boolean; console?: boolean } = { h5: true },
): { product: () => RunningProduct; browser: () => Browser } {
  let product: RunningProduct | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    product = await startProduct({ needsH5: builds.h5 ?? false, needsConsole: builds.console ?? false, env, clockAt })
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
