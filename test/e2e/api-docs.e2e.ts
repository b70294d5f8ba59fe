import type { Browser } from 'playwright-core'

import { startProduct, type RunningProduct } from '../support/product'
import { describeInBrowser, launchBrowser, screenshot } from './pages'

// The docs page of the API for the bureau's other systems: Swagger UI under its own strict CSP,
// on a desktop screen. Any script, style or request the policy refuses shows as a console error.
describeInBrowser('the API docs page', () => {
  let product: RunningProduct | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    product = await startProduct()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await product?.stop()
  })

  it('shows the document in Chinese, with no console errors under its security headers', async () => {
    if (!product || !browser) throw new Error('the service or the browser did not start')
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`)
    })

    const answer = await page.goto(`${product.url}api/v1/docs`)
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.getByRole('heading', { name: /法治人社 服务接口/ }).waitFor()
    await page.getByRole('heading', { name: /欠薪线索反映/ }).waitFor()
    await page.getByRole('button', { name: /POST \/api\/v1\/tips 提交欠薪线索/ }).click()
    // The header the route reads itself, and the body core judges, both in the document.
    await page.getByText(/每份反映生成一次、每次重发都带同一个/).waitFor()
    await page.getByText(/服务按与应用相同的规则逐项检查/).waitFor()
    await screenshot(page, 'api-docs')
    expect(errors).toEqual([])
  })
})
