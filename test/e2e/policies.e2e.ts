import { describeInBrowser, openPhonePage, screenshot, seriousAccessibilityViolations, useProductInBrowser } from './pages'

describeInBrowser('policy explainers: synced, searched, read offline', () => {
  // A fresh database: `pufa serve` loads the sample feed from assets/ into it.
  const { product, browser } = useProductInBrowser()

  it('syncs the sample content, then reads, searches and opens an explainer with no network', async () => {
    const { page, errors } = await openPhonePage(browser())
    await page.goto(`${product().url}#/pages/policies/index`)
    const cards = page.locator('.policy-card:visible')
    await cards.first().waitFor()
    expect(await cards.count()).toBeGreaterThanOrEqual(15)
    await page.getByText(/^已是最新，更新于/).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'policies-synced')

    // The app itself is kept by the service worker once it is active.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))

    await page.context().setOffline(true)
    await page.reload()
    await cards.first().waitFor()
    expect(await cards.count()).toBeGreaterThanOrEqual(15)

    await page.getByRole('searchbox', { name: /搜索政策/ }).locator('visible=true').fill('工伤')
    await page.locator('.policy-card:visible .highlight').first().waitFor()
    const firstTitle = await cards.first().locator('.policy-card__title').textContent()
    expect(firstTitle).toContain('工伤')
    await screenshot(page, 'policies-search-offline')

    await cards.first().click()
    await page.getByRole('heading', { name: '要点' }).locator('visible=true').waitFor()
    await page.getByRole('heading', { name: '一问一答' }).locator('visible=true').waitFor()
    expect(await page.locator('.policy-detail__body:visible p').count()).toBeGreaterThan(0)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'policy-detail-offline')

    // Going offline makes the browser log failed requests; nothing else may go wrong.
    expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(error))).toEqual([])
  })
})
