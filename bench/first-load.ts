/**
 * `npm run bench:first-load`: what a phone downloads to show the home page for the first time,
 * measured in Chromium against the real service (compressed bytes on the wire, no cache).
 */
import { chromium } from 'playwright-core'
import { launchOptions } from '../test/e2e/browser'
import { startProduct } from '../test/support/product'

async function main() {
  const product = await startProduct({ needsH5: true })
  const browser = await chromium.launch(launchOptions())
  try {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } })
    const finished: Promise<{ url: string; bytes: number }>[] = []
    page.on('requestfinished', (request) => {
      finished.push(
        request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize })),
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
    console.log(`first load: ${responses.length} requests, ${(total / 1024).toFixed(1)} KB on the wire (compressed), home page shown in ${elapsed} ms over loopback`)
  } finally {
    await browser.close()
    await product.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
