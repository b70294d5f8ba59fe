import fs from 'node:fs'
import Database from 'better-sqlite3'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { launchOptions } from './browser'
import { startProduct, type RunningProduct } from '../support/product'
import { describeInBrowser, measureText, openPhonePage, screenshot, seriousAccessibilityViolations, tapTargetSizes, useProductInBrowser, waitForPage } from './pages'

const tabs = [
  { tab: '首页', heading: '法治人社', shot: 'tab-home' },
  { tab: '政策', heading: '政策解读', shot: 'tab-policies' },
  { tab: '答题', heading: '法治答题', shot: 'tab-quiz' },
  { tab: '反映', heading: '欠薪反映', shot: 'tab-report' },
  { tab: '我的', heading: '我的', shot: 'tab-me' },
]

const innerPages = [
  { path: 'packages/policy/detail/index', heading: '政策详情' },
  { path: 'packages/policy/holidays/index', heading: '节假日与加班工资' },
  { path: 'packages/quiz/practice/index', heading: '练习答题' },
  { path: 'packages/quiz/mistakes/index', heading: '错题本' },
  { path: 'packages/quiz/report-question/index?questionId=q-practice-001', heading: '题目纠错' },
  { path: 'packages/quiz/contest-play/index', heading: '竞赛答题' },
  { path: 'packages/report/guide/index', heading: '反映前的准备' },
  { path: 'packages/me/favourites/index', heading: '我的收藏' },
  { path: 'packages/me/history/index', heading: '阅读记录' },
  { path: 'packages/me/feedback/index', heading: '投诉建议' },
  { path: 'packages/me/privacy/index', heading: '隐私政策' },
  { path: 'packages/me/about/index', heading: '关于' },
]

describeInBrowser('the H5 app in Chromium, served by the real service', () => {
  const running = useProductInBrowser()
  let product: RunningProduct
  let browser: Browser

  beforeAll(() => {
    product = running.product()
    browser = running.browser()
  })

  it('opens every tab from the tab bar, each accessible and error-free', async () => {
    const { page, errors } = await openPhonePage(browser)
    await page.goto(product.url)
    for (const { tab, heading, shot } of tabs) {
      await page.locator('.weui-tabbar__item', { hasText: tab }).click()
      await waitForPage(page, heading)
      expect(await seriousAccessibilityViolations(page)).toEqual([])
      await screenshot(page, shot)
    }
    expect(errors).toEqual([])
  })

  it('opens every inner page of the subpackages', async () => {
    const { page, errors } = await openPhonePage(browser)
    for (const { path: pagePath, heading } of innerPages) {
      await page.goto(`${product.url}#/${pagePath}`)
      await waitForPage(page, heading)
      expect(await seriousAccessibilityViolations(page)).toEqual([])
      await screenshot(page, pagePath.replace(/\/index(\?.*)?$/, '').replace(/\//g, '-'))
    }
    expect(errors).toEqual([])
  })

  it('elder mode enlarges text and tap targets on every page, and is remembered', async () => {
    const { page, errors } = await openPhonePage(browser)
    await page.goto(`${product.url}#/pages/me/index`)
    const elderSwitch = page.getByRole('switch', { name: '长辈模式' })
    await elderSwitch.waitFor()
    const before = await measureText(page)
    expect(Math.min(...before.map((m) => m.fontSize))).toBeLessThan(18)

    await elderSwitch.click()
    await page.locator('.pufa-elder').first().waitFor()
    await screenshot(page, 'elder-me')

    for (const { tab, heading, shot } of tabs) {
      await page.locator('.weui-tabbar__item', { hasText: tab }).click()
      await waitForPage(page, heading)
      const measured = await measureText(page)
      expect(measured.length).toBeGreaterThan(0)
      for (const { fontSize, lineHeight } of measured) {
        expect(fontSize).toBeGreaterThanOrEqual(18)
        // Rounded: 1.3 × 20px computes as 25.999… in floating point.
        expect(Math.round((lineHeight / fontSize) * 100) / 100).toBeGreaterThanOrEqual(1.3)
      }
      for (const box of await tapTargetSizes(page)) {
        expect(box.width).toBeGreaterThanOrEqual(60)
        expect(box.height).toBeGreaterThanOrEqual(60)
      }
      expect(await seriousAccessibilityViolations(page)).toEqual([])
      await screenshot(page, `elder-${shot}`)
    }

    await page.reload()
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor()
    expect(await page.locator('.pufa-page.pufa-elder').count()).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })

  it('works from the keyboard: Space toggles a switch, Enter opens a link', async () => {
    const { page, errors } = await openPhonePage(browser)
    await page.goto(`${product.url}#/pages/me/index`)
    const elderSwitch = page.getByRole('switch', { name: '长辈模式' })
    await elderSwitch.focus()
    await page.keyboard.press(' ')
    await expect(elderSwitch.getAttribute('aria-checked')).resolves.toBe('true')
    await page.keyboard.press(' ')
    await expect(elderSwitch.getAttribute('aria-checked')).resolves.toBe('false')

    await page.getByRole('link', { name: '隐私政策' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: '隐私政策', level: 1 }).locator('visible=true').waitFor()
    expect(errors).toEqual([])
  })

  it('sends feedback from 我的 → 投诉建议 and shows the receipt', async () => {
    const { page, errors } = await openPhonePage(browser)
    await page.goto(`${product.url}#/pages/me/index`)
    await page.getByRole('link', { name: '投诉建议' }).click()
    await page.getByRole('heading', { name: '投诉建议' }).locator('visible=true').waitFor()

    const submit = page.getByRole('button', { name: '提交' })
    await submit.click()
    await page.getByRole('alert').getByText('请填写您的意见或建议').waitFor()

    await page.getByRole('textbox', { name: /请写下具体情况/ }).fill('希望增加工伤保险办理流程的说明。')
    await submit.click()
    await page.getByText('已收到，谢谢您的意见。').waitFor()
    await page.getByText(/^提交时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/).waitFor()
    await screenshot(page, 'feedback-sent')

    const database = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true })
    try {
      const rows = database.prepare('SELECT kind, content FROM feedback').all()
      expect(rows).toEqual([{ kind: 'suggestion', content: '希望增加工伤保险办理流程的说明。' }])
    } finally {
      database.close()
    }
    expect(errors).toEqual([])
  })
})

describeInBrowser('a browser set to large text', () => {
  let product: RunningProduct

  beforeAll(async () => {
    product = await startProduct({ needsH5: true })
  })

  afterAll(async () => {
    await product?.stop()
  })

  it('starts in elder mode until the user chooses otherwise', async () => {
    // Chromium keeps the user's default font size in the profile's Preferences file.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-profile-'))
    fs.mkdirSync(path.join(profile, 'Default'))
    fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: 24 } } }))
    const context = await chromium.launchPersistentContext(profile, { ...launchOptions(), viewport: { width: 375, height: 812 } })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto(`${product.url}#/pages/me/index`)
      const elderSwitch = page.getByRole('switch', { name: '长辈模式' })
      await expect(elderSwitch.getAttribute('aria-checked')).resolves.toBe('true')
      await elderSwitch.click()
      await page.reload()
      await expect(page.getByRole('switch', { name: '长辈模式' }).getAttribute('aria-checked')).resolves.toBe('false')
    } finally {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    }
  })
})
