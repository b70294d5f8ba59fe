/**
 * `npm run bench:first-load`: what a phone downloads to show the H5 app for the first time, and how
 * soon it paints, measured in Chromium against the real service (`pufa serve` on SQLite).
 *
 * 1. The byte listing: the home page over loopback, no cache; compressed bytes on the wire per
 *    request, the JS and CSS of the first load apart from the first content sync (the API's JSON).
 * 2. First contentful paint (the browser's own 'paint' entry) under a throttled phone profile,
 *    beside when the app itself had drawn the page (index.html paints a copy of a tab page's first
 *    screen before that, scripts/first-screens.js):
 *    1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU slowed 4×, cache disabled, a fresh browser
 *    context per run (nothing stored, no service worker yet), for
 *      - the home page `/`,
 *      - the 政策 list opened by its URL (`/#/pages/policies/index`: the H5 build's hash router),
 *      - a static page with the same first-screen text, served by the same server.
 *    Runs alternate between the three, RUNS rounds (default 5); medians and ratios to the static page.
 *
 * The static page: the service serves the files of the H5 build folder as they are (@fastify/static,
 * with the same compression and security headers as the app's own files), so the bench writes one
 * plain HTML file into dist/h5 for the run and deletes it afterwards; no product route is added. Its
 * text is what the home page shows on its first screen (375 × 812), read from the app itself in
 * the same run after it has synced, so the comparison stays true when the home page changes. Its
 * only styling is a small inline stylesheet, as a hand-written page would have.
 */
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { launchOptions } from '../test/e2e/browser'
import { startProduct, type RunningProduct } from '../test/support/product'

const RUNS = Number(process.env.RUNS ?? 5)
const VIEWPORT = { width: 375, height: 812 }
const PROFILE = {
  downloadKbps: 1600,
  uploadKbps: 750,
  latencyMs: 150,
  cpuSlowdown: 4,
}
const STATIC_FILE = 'bench-first-screen.html'
const H5_DIR = path.resolve(__dirname, '..', 'dist', 'h5')

interface Loaded {
  url: string
  type: string
  bytes: number
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Part 1: the home page over loopback, every request with its compressed size. */
async function byteListing(browser: Browser, product: RunningProduct): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    const finished: Promise<Loaded>[] = []
    page.on('requestfinished', (request) => {
      finished.push(
        request.sizes().then((sizes) => ({
          url: request.url(),
          type: request.resourceType(),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        })),
      )
    })
    const started = Date.now()
    await page.goto(product.url)
    await page.getByRole('heading', { name: '法治人社', exact: true }).waitFor()
    await page.waitForLoadState('networkidle')
    const elapsed = Date.now() - started
    const responses = await Promise.all(finished)
    const total = responses.reduce((sum, r) => sum + r.bytes, 0)
    for (const { url, bytes } of responses.sort((a, b) => b.bytes - a.bytes)) {
      console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB  ${url.replace(product.url, '/')}`)
    }
    const code = responses.filter((r) => r.type === 'script' || r.type === 'stylesheet')
    const api = responses.filter((r) => new URL(r.url).pathname.startsWith('/api/'))
    const sum = (list: Loaded[]) => list.reduce((s, r) => s + r.bytes, 0)
    console.log(`first load: ${responses.length} requests, ${kb(total)} on the wire (compressed), home page shown in ${elapsed} ms over loopback`)
    console.log(`  JS and CSS: ${code.length} files, ${kb(sum(code))}; first content sync (API JSON): ${api.length} requests, ${kb(sum(api))}`)
  } finally {
    await context.close()
  }
}

/** The text of the home page's first screen, in document order, once the app has synced. */
async function firstScreenText(browser: Browser, product: RunningProduct): Promise<string[]> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await page.goto(product.url)
    await page.getByRole('heading', { name: '法治人社', exact: true }).waitFor()
    await page.waitForLoadState('networkidle')
    return await page.evaluate((height) => {
      const lines: string[] = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim()
        const parent = node.parentElement
        if (!text || !parent) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        const box = range.getBoundingClientRect()
        const style = getComputedStyle(parent)
        if (box.height > 0 && box.bottom > 0 && box.top < height && style.visibility !== 'hidden') lines.push(text)
      }
      return lines
    }, VIEWPORT.height)
  } finally {
    await context.close()
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function staticPage(lines: string[]): string {
  const [title, ...rest] = lines
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>法治人社</title>
<style>body{margin:0;font-family:sans-serif;font-size:16px;line-height:1.5;background:#f5f5f5;color:#1a1a1a}h1{font-size:24px;margin:0;padding:16px;background:#b3261e;color:#fff}p{margin:0;padding:8px 16px;background:#fff;border-bottom:1px solid #eee}</style>
</head>
<body>
<h1>${escapeHtml(title ?? '法治人社')}</h1>
${rest.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</body>
</html>
`
}

async function throttled(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: (PROFILE.downloadKbps * 1000) / 8,
    uploadThroughput: (PROFILE.uploadKbps * 1000) / 8,
  })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown })
}

interface Paint {
  /** The browser's first contentful paint, ms from navigation start. */
  contentful: number
  /** When the app itself had drawn the page (index.html's copy of the first screen gone), ms from navigation start. */
  drawn: number
}

/** One throttled load in a fresh context: its first contentful paint and when the app had drawn the page. */
async function firstPaint(browser: Browser, url: string, shown: (page: Page) => Promise<void>): Promise<Paint> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    // index.html may paint a copy of the first screen (scripts/first-screens.js) before the app runs;
    // the app's own page is the first element with the class pufa-page inside #app.
    await page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        if (document.querySelector('#app .pufa-page') === null) return
        ;(window as { appDrawnAt?: number }).appDrawnAt = performance.now()
        seen.disconnect()
      })
      seen.observe(document, { childList: true, subtree: true })
    })
    await throttled(page)
    await page.goto(url, { waitUntil: 'commit' })
    await shown(page)
    const paint = await page.waitForFunction(
      () => performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime,
      undefined,
      { timeout: 30_000 },
    )
    const drawn = await page.evaluate(() => (window as { appDrawnAt?: number }).appDrawnAt ?? Number.NaN)
    return { contentful: Number(await paint.jsonValue()), drawn }
  } finally {
    await context.close()
  }
}

async function main() {
  const product = await startProduct({ needsH5: true })
  const browser = await chromium.launch(launchOptions())
  const staticFile = path.join(H5_DIR, STATIC_FILE)
  try {
    await byteListing(browser, product)

    const lines = await firstScreenText(browser, product)
    writeFileSync(staticFile, staticPage(lines))
    console.log(`\nstatic page /${STATIC_FILE}: the home page's first-screen text, ${lines.length} lines (${lines.join(' / ')})`)

    const targets: { name: string; url: string; shown: (page: Page) => Promise<void> }[] = [
      {
        name: '首页 /',
        url: product.url,
        shown: (page) => page.getByRole('heading', { name: '法治人社', exact: true }).waitFor({ timeout: 60_000 }),
      },
      {
        name: '政策 list /#/pages/policies/index',
        url: `${product.url}#/pages/policies/index`,
        shown: (page) => page.getByRole('heading', { name: '政策解读', exact: true }).waitFor({ timeout: 60_000 }),
      },
      {
        name: 'static page',
        url: `${product.url}${STATIC_FILE}`,
        shown: (page) => page.getByRole('heading', { name: lines[0] ?? '法治人社', exact: true }).waitFor({ timeout: 60_000 }),
      },
    ]
    const samples = targets.map(() => [] as Paint[])
    for (let run = 0; run < RUNS; run += 1) {
      for (const [index, target] of targets.entries()) {
        samples[index].push(await firstPaint(browser, target.url, target.shown))
      }
    }
    const medians = samples.map((paints) => median(paints.map((paint) => paint.contentful)))
    const reference = medians[targets.length - 1]
    console.log(
      `\nfirst contentful paint, throttled (${PROFILE.downloadKbps / 1000} Mbps down, ${PROFILE.uploadKbps} kbps up, ` +
        `${PROFILE.latencyMs} ms RTT, CPU ${PROFILE.cpuSlowdown}×, no cache), median of ${RUNS}; then when the app itself had drawn the page:`,
    )
    for (const [index, target] of targets.entries()) {
      const runs = samples[index].map((paint) => paint.contentful.toFixed(0)).join(', ')
      const drawn = median(samples[index].map((paint) => paint.drawn))
      const app = Number.isNaN(drawn) ? '' : `; app drawn ${drawn.toFixed(0)} ms`
      console.log(`  ${target.name.padEnd(36)} ${medians[index].toFixed(0).padStart(6)} ms  ${(medians[index] / reference).toFixed(2)}× static  (runs: ${runs})${app}`)
    }
  } finally {
    rmSync(staticFile, { force: true })
    await browser.close()
    await product.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
