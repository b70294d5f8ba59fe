import path from 'node:path'
import Database from 'better-sqlite3'
import {
  describeInBrowser,
  elderSizeProblems,
  openPhonePage,
  screenshot,
  screenshotAt,
  seriousAccessibilityViolations,
  useProductInBrowser,
  waitForPage,
  switchToElderMode,
} from './pages'

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

    // Searching opens 搜索政策 (its code comes from the service worker's cache too).
    await page.getByRole('button', { name: '搜索政策' }).locator('visible=true').click()
    await waitForPage(page, '搜索政策')
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

describeInBrowser('policy search in everyday words', () => {
  const { product, browser } = useProductInBrowser()

  for (const elder of [false, true]) {
    const shot = elder ? 'elder-policies' : 'policies'
    it(`${elder ? 'in elder mode' : 'in the usual mode'}: finds explainers by the words people type, marks them, and helps when nothing is found`, async () => {
      const { page, errors } = await openPhonePage(browser())
      const check = async (name: string) => {
        expect(await seriousAccessibilityViolations(page)).toEqual([])
        if (elder) expect(await elderSizeProblems(page)).toEqual([])
        await screenshot(page, `${shot}-${name}`)
      }
      await page.goto(product().url)
      if (elder) {
        await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
        await waitForPage(page, '我的')
        await switchToElderMode(page)
      }
      await page.locator('.weui-tabbar__item', { hasText: '政策' }).click()
      const cards = page.locator('.policy-card:visible')
      await cards.first().waitFor()
      await page.getByRole('button', { name: '搜索政策' }).locator('visible=true').click()
      await waitForPage(page, '搜索政策')
      const box = page.getByRole('searchbox', { name: /搜索政策/ }).locator('visible=true')
      // The keyboard comes up by itself: the search box has the focus.
      await box.waitFor()
      await page.waitForFunction(() => document.activeElement?.closest('.policy-search__input') !== null)
      const marks = page.locator('.policy-card:visible .highlight')

      // The explainer of that very name comes first; 社保 also stands for 社会保险, 断缴 for 欠缴: those are marked too.
      await box.fill('社保断缴')
      await marks.first().waitFor()
      await expect(cards.first().locator('.policy-card__title').textContent()).resolves.toContain('社保断缴')
      await page.locator('.policy-card:visible .highlight', { hasText: '社会保险' }).first().waitFor()
      await page.locator('.policy-card:visible .highlight', { hasText: '欠缴' }).first().waitFor()
      await check('search-synonyms')

      // 粮单, Guangzhou's word for a pay slip, comes from the synced sample glossary.
      await box.fill('粮单')
      await page.locator('.policy-card:visible .policy-card__title .highlight', { hasText: '工资清单' }).first().waitFor()

      await box.fill('工伤复查')
      await page.getByText('没有找到相关政策').locator('visible=true').waitFor()
      expect(await cards.count()).toBe(0)
      await page.getByRole('heading', { name: '按类别找' }).locator('visible=true').waitFor()
      await page.getByText('拨打 12333').locator('visible=true').waitFor()
      const nearby = page.getByRole('heading', { name: '相近的问答' }).locator('visible=true')
      await nearby.waitFor()
      await check('no-results')
      await screenshotAt(page, nearby, `${shot}-no-results-questions`)

      // A nearby question opens its explainer.
      const question = page.locator('.pufa-page:visible .link-row').first()
      const asked = (await question.locator('.link-row__title').textContent()) ?? ''
      const explainer = ((await question.locator('.pufa-muted').textContent()) ?? '').replace(/^出自：/, '')
      await question.click()
      // Back only once the page has slid in: Taro's H5 router leaves both pages hidden otherwise.
      await waitForPage(page, explainer)
      await page.getByText(`问：${asked}`).locator('visible=true').waitFor()
      await page.goBack()
      await waitForPage(page, '搜索政策')

      // A category opens its list, as the chips above the list do.
      await page.getByRole('button', { name: '看工资支付类的政策解读' }).locator('visible=true').click()
      await cards.first().waitFor()
      expect(await box.inputValue()).toBe('')
      await expect(page.getByRole('radio', { name: '工资支付' }).locator('visible=true').getAttribute('aria-checked')).resolves.toBe('true')
      const categories = await page.locator('.policy-card:visible .policy-card__meta').allTextContents()
      expect(categories.length).toBeGreaterThan(0)
      for (const meta of categories) expect(meta).toContain('工资支付')
      expect(errors).toEqual([])
    })
  }
})

describeInBrowser('explainer reads reach the service as anonymous counts', () => {
  const { product, browser } = useProductInBrowser()

  it('an explainer read is kept on the phone and sent once, in a batch, when the app next starts', async () => {
    const { page, errors } = await openPhonePage(browser())
    const sent: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/counters')) sent.push(request.postData() ?? '')
    })
    await page.goto(`${product().url}#/pages/policies/index`)
    await page.locator('.policy-card:visible').first().click()
    await page.getByRole('heading', { name: '要点' }).locator('visible=true').waitFor()
    const id = decodeURIComponent(new URL(page.url().replace('#', '')).searchParams.get('id') ?? '')
    expect(id).not.toBe('')
    expect(await page.evaluate(() => localStorage.getItem('pufa.usageCounts'))).toContain(id)
    await page.goBack()
    await page.locator('.policy-card:visible').first().waitFor()

    // Closing the page sends nothing (its answer would be lost); the next start sends the batch.
    const batch = page.waitForResponse((response) => response.url().endsWith('/api/v1/counters'))
    await page.reload()
    expect((await batch).status()).toBe(204)
    expect(sent).toHaveLength(1)
    expect(JSON.parse(sent[0])).toEqual({ counts: [{ metric: 'policy_read', subject: id, day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: 1 }] })
    const db = new Database(path.join(product().dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
    try {
      expect(db.prepare('SELECT metric, subject, count FROM usage_counters').all()).toEqual([{ metric: 'policy_read', subject: id, count: 1 }])
    } finally {
      db.close()
    }
    // Taken by the service: nothing left to send.
    await page.waitForFunction(() => localStorage.getItem('pufa.usageCounts') === '{"data":[]}')
    expect(errors).toEqual([])
  })
})
