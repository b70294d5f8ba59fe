import fs from 'node:fs'
import Database from 'better-sqlite3'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { launchOptions } from './browser'
import { startProduct, type RunningProduct } from '../support/product'
import { describeInBrowser, elderSizeProblems, measureText, openPhonePage, screenshot, seriousAccessibilityViolations, tapTargetSizes, useProductInBrowser, waitForPage } from './pages'

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
  { path: 'packages/policy/search/index', heading: '搜索政策' },
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

  it('paints a tab page\'s first screen from index.html while the scripts load, then the app\'s own page takes its place', async () => {
    const { page, errors } = await openPhonePage(browser)
    const release = await holdScripts(page)
    // Not waiting for DOMContentLoaded: it waits for the app's (deferred) scripts.
    await page.goto(`${product.url}#/pages/policies/index`, { waitUntil: 'commit' })

    // No script of the app has run, yet the page's first screen is painted: inert and hidden from
    // assistive technology, in a shadow root of its own (read here through the DevTools protocol).
    const copy = page.locator('#pufa-first-screen')
    await copy.waitFor()
    expect(await copy.evaluate((element) => [element.hasAttribute('inert'), element.getAttribute('aria-hidden')])).toEqual([true, 'true'])
    await page.waitForFunction(() => performance.getEntriesByType('paint').some((entry) => entry.name === 'first-contentful-paint'))
    expect(await shownTexts(page)).toEqual(expect.arrayContaining(['政策解读', '用人单位和劳动者关心的人社政策。', '首页', '政策', '答题', '反映', '我的']))
    await screenshot(page, 'first-screen-policies')

    release()
    await waitForPage(page, '政策解读')
    expect(await copy.count()).toBe(0)
    // Every style sheet of the app in the head, in the order the build gave them: one in the body
    // would outrank the page styles the app adds to the head later.
    expect(await page.evaluate(() => document.querySelectorAll('body link[rel="stylesheet"], body style').length)).toBe(0)
    expect(errors).toEqual([])

    // A returning phone, which holds what the app stored, gets no copy: its first screen may differ.
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('pufa.')))
    await page.unroute('**/js/**')
    await page.route('**/js/**', (route) => route.abort())
    await page.goto(`${product.url}#/pages/policies/index`, { waitUntil: 'domcontentloaded' })
    expect(await copy.count()).toBe(0)
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

    const tabBarBefore = await tabBarSizes(page)
    expect(Math.max(...tabBarBefore.map((tab) => tab.labelFontSize))).toBeLessThan(18)

    await elderSwitch.click()
    await page.locator('.pufa-elder').first().waitFor()
    await screenshot(page, 'elder-me')

    // Taro's H5 tab bar, drawn outside the pages, grows too: labels, icons and the height of each tab.
    const tabBar = await tabBarSizes(page)
    expect(tabBar.map((tab) => tab.label)).toEqual(tabs.map(({ tab }) => tab))
    for (const [index, tab] of tabBar.entries()) {
      expect(tab.labelFontSize).toBeGreaterThanOrEqual(18)
      expect(tab.iconWidth).toBeGreaterThan(tabBarBefore[index].iconWidth)
      expect(tab.height).toBeGreaterThanOrEqual(60)
    }

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

    // An inner page: its 返回 and 首页 are as large as every other target.
    await page.goto(`${product.url}#/packages/me/feedback/index`)
    await waitForPage(page, '投诉建议')
    expect(await page.getByRole('navigation', { name: '页面导航' }).locator('.pufa-tap').count()).toBe(2)
    expect(await elderSizeProblems(page)).toEqual([])
    await screenshot(page, 'elder-feedback')

    await page.reload()
    await page.getByRole('heading', { name: '投诉建议', exact: true }).waitFor()
    expect(await page.locator('.pufa-page.pufa-elder').count()).toBeGreaterThan(0)
    expect((await tabBarSizes(page)).length).toBe(tabs.length)
    expect(errors).toEqual([])
  })

  it('copies in elder mode with the confirmation on the page and no pop-up', async () => {
    const { page, errors } = await openPhonePage(browser)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: product.url })
    await page.goto(`${product.url}#/pages/home/index`)
    const elderSwitch = page.getByRole('switch', { name: '长辈模式' }).locator('visible=true')
    await elderSwitch.click()
    await expect(elderSwitch.getAttribute('aria-checked')).resolves.toBe('true')

    await page.goto(`${product.url}#/packages/policy/detail/index?id=policy-wage-payment-on-time`)
    await waitForPage(page, '农民工工资要按时足额发：发放方式、支付周期和工资清单')
    await page.getByRole('button', { name: '复制链接分享' }).locator('visible=true').click()
    await page.getByRole('status').getByText('链接已复制，可以粘贴到微信或短信里发给别人', { exact: true }).locator('visible=true').waitFor()
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(page.url())
    // Taro's own toast, modal and action sheet never appear.
    expect(await page.locator('.taro__toast, .taro__modal, .taro__actionSheet').count()).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('taro_clipboard'))).toBeNull()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'elder-copied')
    expect(errors).toEqual([])
  })

  it('gives an inner page 返回 and 首页, which work by tap and by keyboard, and none to a tab page', async () => {
    const { page, errors } = await openPhonePage(browser)
    const back = () => page.getByRole('button', { name: '返回上一页', exact: true }).locator('visible=true')
    const home = () => page.getByRole('button', { name: '回到首页', exact: true }).locator('visible=true')

    await page.goto(`${product.url}#/pages/me/index`)
    await waitForPage(page, '我的')
    expect(await page.getByRole('navigation', { name: '页面导航' }).locator('visible=true').count()).toBe(0)

    // Opened from 我的: 返回 goes back there.
    await page.getByRole('link', { name: '投诉建议' }).click()
    await waitForPage(page, '投诉建议')
    await expect(back().textContent()).resolves.toBe('‹ 返回')
    await expect(home().textContent()).resolves.toBe('首页')
    await screenshot(page, 'inner-page-nav')
    await back().click()
    await waitForPage(page, '我的')

    // From the keyboard: Enter on 返回 works the same.
    await page.getByRole('link', { name: '隐私政策' }).click()
    await waitForPage(page, '隐私政策')
    await back().focus()
    await page.keyboard.press('Enter')
    await waitForPage(page, '我的')

    // Opened from a shared link, there is nothing to go back to: 返回 goes home.
    await page.goto(`${product.url}#/packages/me/about/index`)
    await waitForPage(page, '关于')
    await back().click()
    await waitForPage(page, '法治人社')
    expect(await page.locator('.weui-tabbar__item.weui-bar__item_on').textContent()).toBe('首页')

    // 首页 goes home from any inner page, here opened from another tab (Space works as a tap).
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await waitForPage(page, '我的')
    await page.getByRole('link', { name: '阅读记录' }).click()
    await waitForPage(page, '阅读记录')
    await home().focus()
    await page.keyboard.press(' ')
    await waitForPage(page, '法治人社')
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
    await page.getByText('请填写您的意见或建议').waitFor()

    await page.getByRole('textbox', { name: '内容' }).fill('希望增加工伤保险办理流程的说明。')
    const contact = page.getByRole('textbox', { name: '联系电话' })
    await contact.fill('1381234')
    await submit.click()
    await page.getByText('手机号码应为11位，您填写了7位').waitFor()
    // The web component sets the attribute a tick after the message shows.
    await page.waitForFunction((element) => element?.getAttribute('aria-invalid') === 'true', await contact.elementHandle())
    await screenshot(page, 'feedback-contact-problem')

    await contact.fill('138 1234 5678')
    await submit.click()
    await page.getByRole('status').getByText('发送状态：已发送').waitFor()
    await page.getByText('已收到，谢谢您的意见。').waitFor()
    await page.getByText(/^提交时间：(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'feedback-sent')

    const database = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true })
    try {
      const rows = database.prepare('SELECT kind, content, contact FROM feedback').all() as { kind: string; content: string; contact: string }[]
      expect(rows).toEqual([{ kind: 'suggestion', content: '希望增加工伤保险办理流程的说明。', contact: expect.stringMatching(/^v1\./) }])
      expect(rows[0].contact).not.toContain('13812345678')
    } finally {
      database.close()
    }
    // Once the service has it, the phone keeps neither the text nor the number.
    const kept = await page.evaluate(() => localStorage.getItem('pufa.feedback') ?? '')
    expect(kept).not.toContain('13812345678')
    expect(kept).not.toContain('希望增加工伤保险办理流程的说明')
    expect(errors).toEqual([])
  })
})

/** The app's scripts are held back, as on a slow network, until the function returned is called. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/js/**', async (route) => {
    await held
    await route.continue()
  })
  return release
}

/** The texts of the document, shadow roots included, as the DevTools protocol reads them. */
async function shownTexts(page: Page): Promise<string[]> {
  interface DomNode {
    nodeType: number
    nodeValue: string
    children?: DomNode[]
    shadowRoots?: DomNode[]
  }
  const cdp = await page.context().newCDPSession(page)
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode }
  const texts: string[] = []
  const visit = (node: DomNode) => {
    if (node.nodeType === 3 && node.nodeValue.trim()) texts.push(node.nodeValue.trim())
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) visit(child)
  }
  visit(root)
  return texts
}

/** Each tab of Taro's H5 tab bar: its label's font size, its icon's width and its height, in CSS px. */
function tabBarSizes(page: Page): Promise<{ label: string; labelFontSize: number; iconWidth: number; height: number }[]> {
  return page.locator('.weui-tabbar__item').evaluateAll((items) =>
    items.map((item) => {
      const label = item.querySelector('.weui-tabbar__label') as HTMLElement
      const icon = item.querySelector('.weui-tabbar__icon') as HTMLElement
      return {
        label: (label.textContent ?? '').trim(),
        labelFontSize: parseFloat(getComputedStyle(label).fontSize),
        iconWidth: icon.getBoundingClientRect().width,
        height: item.getBoundingClientRect().height,
      }
    }),
  )
}

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
      // index.html's copy of the first screen is drawn at the default size: it is not shown here.
      const release = await holdScripts(page)
      await page.goto(`${product.url}#/pages/me/index`, { waitUntil: 'commit' })
      await page.waitForFunction(() => document.readyState === 'interactive')
      expect(await page.locator('#pufa-first-screen').count()).toBe(0)
      release()
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
