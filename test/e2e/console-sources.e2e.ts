// 内容来源 in Chromium at 1280×720 under the console's CSP: the real service reads two sources from
// a local feed server (one good with a rejected item, one failing); an organiser sees their health
// in China time, presses 立即更新 after the CMS published a new explainer and sees the new count,
// then finds an explainer and previews it in the phone frame. axe on the page, screenshots.
import type { Page } from 'playwright-core'

import { chinaDateTime } from '../../console/src/china-time'
import { startFeedServer, type FeedServer } from '../server/feed-server'
import { jsonFeed, policyItem } from '../server/content-helpers'
import { signedInStaff, type SignedInStaff } from './console-staff'
import { describeInBrowser, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'

const WAGES_BODY =
  '<h2>先和单位协商</h2><p>被拖欠工资，可以向<strong>劳动保障监察</strong>机构投诉。</p>' +
  '<ul><li>带上劳动合同或工牌</li><li>记下欠薪的月份和金额</li></ul>' +
  '<p>详见<a href="https://rsj.example.gov.cn/wages.html">人社局网站</a>。</p>'

function policies(extra: boolean): string {
  return jsonFeed([
    policyItem(
      'p-wages',
      { title: '拖欠工资怎么办', summary: '先协商，协商不成可以投诉或申请仲裁。', content_html: WAGES_BODY },
      { documentNumber: '人社部发〔2024〕1号', issuer: '人力资源社会保障部', publishedDate: '2024-03-01', effectiveDate: '2024-05-01' },
    ),
    policyItem('p-insurance', { title: '社会保险怎么缴' }, { category: '社会保险', publishedDate: '2025-01-15' }),
    policyItem('p-bad', { title: '分类写错的解读' }, { category: '不存在的分类' }),
    ...(extra ? [policyItem('p-skills', { title: '职业技能培训补贴' }, { category: '职业技能', publishedDate: '2025-06-01' })] : []),
  ])
}

interface HealthSource {
  name: string
  lastSuccessAt: string | null
  lastFailureAt: string | null
}

function row(page: Page, name: string) {
  return page.locator('.console-data-table__row').filter({ hasText: name })
}

async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' })
}

describeInBrowser('内容来源 in the staff console', () => {
  let feed: FeedServer | undefined
  const env: Record<string, string> = { CONTENT_POLL_SECONDS: '3600' }
  const cms = () => {
    if (!feed) throw new Error('the feed server did not start')
    return feed
  }
  // Before the service starts (its hook is declared below): it polls these sources once at start.
  beforeAll(async () => {
    feed = await startFeedServer()
    feed.answer('/cms/policies.json', { headers: { 'content-type': 'application/feed+json' }, body: policies(false) })
    feed.answer('/cms/broken.json', { status: 500, body: 'internal error' })
    env.CONTENT_SOURCES = `${feed.url('/cms/policies.json')},${feed.url('/cms/broken.json')}`
  })
  afterAll(async () => {
    await feed?.close()
  })
  const { product, browser } = useProductInBrowser(env, undefined, { console: true })
  let organiser: SignedInStaff
  let health: HealthSource[] = []

  beforeAll(async () => {
    // The first poll runs as the service starts: wait until it has read both sources.
    for (;;) {
      const answer = (await (await fetch(`${product().url}api/v1/health`)).json()) as { sources?: HealthSource[] }
      health = answer.sources ?? []
      if (health.length === 2 && health.every((source) => source.lastSuccessAt !== null || source.lastFailureAt !== null)) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    organiser = await signedInStaff(product(), browser(), { name: '刘组织', login: 'liu.organiser', role: 'organiser' })
  })

  it("shows each source's health, updates one now and previews an explainer as the phone shows it", async () => {
    const { page, errors } = organiser
    await page.getByRole('link', { name: '内容来源' }).click()
    await waitForPage(page, '内容来源')
    await settled(page)

    const good = row(page, cms().url('/cms/policies.json'))
    const broken = row(page, cms().url('/cms/broken.json'))
    const readAt = health.find((source) => source.name === cms().url('/cms/policies.json'))?.lastSuccessAt
    const failedAt = health.find((source) => source.name === cms().url('/cms/broken.json'))?.lastFailureAt
    if (!readAt || !failedAt) throw new Error('the first poll recorded no times')
    expect(await good.locator('td').allInnerTexts()).toEqual([cms().url('/cms/policies.json'), chinaDateTime(readAt), '从未', '2', '1 条，查看原因', expect.stringContaining('立即更新')])
    expect(await broken.locator('td').nth(2).innerText()).toBe(`${chinaDateTime(failedAt)}\n订阅源返回了错误（HTTP 500）`)
    await good.getByText('1 条，查看原因').click()
    await expect(good.getByText(/p-bad/).innerText()).resolves.toMatch(/^第3条（id: p-bad）：/)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-sources')

    // The CMS publishes a new explainer; the organiser does not wait for the next poll.
    cms().answer('/cms/policies.json', { headers: { 'content-type': 'application/feed+json' }, body: policies(true) })
    await good.getByRole('button', { name: /立即更新/ }).click()
    await page.getByRole('alert').filter({ hasText: '新增 1 条' }).waitFor()
    expect(await page.getByRole('alert').filter({ hasText: '新增 1 条' }).innerText()).toContain('已更新：共 4 条，新增 1 条，修改 0 条，删除 0 条，未变 2 条，1 条未载入')
    await good.locator('td').nth(3).getByText('3', { exact: true }).waitFor()
    await broken.getByRole('button', { name: /立即更新/ }).click()
    await page.getByRole('alert').filter({ hasText: '更新失败：订阅源返回了错误（HTTP 500）。已有的内容保持不变。' }).waitFor()

    // The picker: search by title, open one, see it in the phone frame.
    const picker = page.getByRole('region', { name: '选择政策解读' })
    // The list is read again after the update.
    await picker.getByRole('link', { name: /职业技能培训补贴/ }).waitFor()
    expect(await picker.getByRole('link').allInnerTexts()).toEqual([
      '职业技能培训补贴\n职业技能 · 发布于 2025-06-01',
      '社会保险怎么缴\n社会保险 · 发布于 2025-01-15',
      '拖欠工资怎么办\n劳动关系 · 人社部发〔2024〕1号 · 发布于 2024-03-01',
    ])
    await picker.getByLabel('按标题或文号查找').fill('拖欠')
    await picker.getByRole('button', { name: '查找' }).click()
    await picker.getByRole('link', { name: /社会保险怎么缴/ }).waitFor({ state: 'detached' })
    await picker.getByRole('link', { name: /拖欠工资怎么办/ }).click()
    const phone = page.getByRole('region', { name: '手机预览：拖欠工资怎么办' })
    await phone.waitFor()
    expect(page.url()).toContain('#/sources?q=')
    await expect(phone.getByRole('heading', { name: '拖欠工资怎么办', level: 3 }).isVisible()).resolves.toBe(true)
    const text = await phone.innerText()
    for (const shown of ['政策详情', '有效', '文号\n人社部发〔2024〕1号', '施行日期\n2024年5月1日', '先协商，协商不成可以投诉或申请仲裁。', '先和单位协商', '被拖欠工资，可以向劳动保障监察机构投诉。', '带上劳动合同或工牌']) {
      expect(text).toContain(shown)
    }
    // The body's own elements, drawn from the nodes: the heading, the bold words, the list, the link.
    expect(await phone.locator('.phone-detail__body strong').innerText()).toBe('劳动保障监察')
    expect(await phone.locator('.phone-detail__body li').count()).toBe(2)
    expect(await phone.getByRole('link', { name: '人社局网站' }).getAttribute('href')).toBe('https://rsj.example.gov.cn/wages.html')
    // The screen inside the bezel is the phone's: 375×667 CSS pixels, all of it the page's.
    expect(await phone.evaluate((element) => ({ width: element.clientWidth, height: element.clientHeight }))).toEqual({ width: 375, height: 667 })
    const fontSizes = await phone.evaluate((element) => ({
      title: getComputedStyle(element.querySelector('.phone-page__title') as Element).fontSize,
      body: getComputedStyle(element.querySelector('.phone-detail__body') as Element).fontSize,
    }))
    expect(fontSizes).toEqual({ title: '22px', body: '16px' })
    await settled(page)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await phone.evaluate((element) => element.scrollIntoView({ block: 'start' }))
    await screenshot(page, 'console-sources-preview')

    // 长辈模式: the app's larger type.
    await page.getByRole('radiogroup', { name: '预览的字号' }).getByText('长辈模式').click()
    expect(await page.getByRole('radio', { name: '长辈模式' }).isChecked()).toBe(true)
    expect(
      await phone.evaluate((element) => ({
        title: getComputedStyle(element.querySelector('.phone-page__title') as Element).fontSize,
        body: getComputedStyle(element.querySelector('.phone-detail__body') as Element).fontSize,
      })),
    ).toEqual({ title: '26px', body: '20px' })
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-sources-preview-elder')
    expect(errors).toEqual([])
  })

  it('is not in the menu of a role without content.manage, and the page says so', async () => {
    const { page } = await signedInStaff(product(), browser(), { name: '孙审计', login: 'sun.auditor', role: 'auditor' })
    await page.getByRole('heading', { name: '审计日志', exact: true }).waitFor()
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allInnerTexts()).not.toContain('内容来源')
    await page.goto(`${product().url}console/#/sources`)
    await page.getByRole('alert').filter({ hasText: '内容来源没有载入' }).waitFor()
    expect(await page.getByRole('alert').filter({ hasText: '内容来源没有载入' }).innerText()).toContain('您的角色（审计员）不能进行这项操作')
  })
})
