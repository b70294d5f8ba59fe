// The staff console in Chromium at its smallest supported screen (1280×720): serving under its CSP,
// enrolment with an authenticator, sign-in, 我的账号, signing out here and everywhere, axe on every page.
import type { Page } from 'playwright-core'

import { codeAfter, totpCode, totpStep } from '../support/authenticator'
import { createStaffAccount } from '../support/product'
import { describeInBrowser, openDesktopPage, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'

// Answers the console expects along the way: no session yet, and the wrong entries typed on purpose.
const EXPECTED_REFUSALS = /^(HTTP 40[01] .*\/api\/v1\/staff\/|Failed to load resource: the server responded with a status of 40[01])/

async function check(page: Page, heading: string, shot: string): Promise<void> {
  await waitForPage(page, heading)
  expect(await seriousAccessibilityViolations(page)).toEqual([])
  await screenshot(page, shot)
}

/** The key as the enrolment page shows it for typing by hand (in groups of four). */
async function shownSecret(page: Page): Promise<string> {
  const text = await page.locator('.console-secret').innerText()
  return text.replace(/\s/g, '')
}

function fieldError(page: Page, text: string | RegExp) {
  return page.locator('.ant-form-item-explain-error').filter({ hasText: text })
}

/** The one message under a field once the earlier ones have faded out: the service's, when it is not one of the page's own. */
async function serviceMessageUnder(page: Page, field: string, pageOwn: RegExp): Promise<string> {
  const handle = await page.waitForFunction(
    ({ field, pageOwn }) => {
      const shown = Array.from(document.querySelectorAll(`#${field}_help .ant-form-item-explain-error:not([class*="-leave"])`)).map((element) => element.textContent ?? '')
      return shown.length === 1 && !new RegExp(pageOwn).test(shown[0]) ? shown[0] : undefined
    },
    { field, pageOwn: pageOwn.source },
  )
  return (await handle.jsonValue()) as string
}

describeInBrowser('the staff console before anyone signs in', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })

  it('is served under its CSP with antd styled, says when an enrolment link cannot be used, and when a page does not exist', async () => {
    const { page, errors } = await openDesktopPage(browser())
    await page.goto(`${product().url}console/#/enrol/not-a-real-code`)
    await page.getByText('这个启用链接不能使用').waitFor()
    await check(page, '启用账号', 'console-enrol-unknown')
    // antd's styles are <style> elements written at run time: applied, so their nonce passed the CSP.
    const button = page.getByRole('link', { name: '去登录' })
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(9, 88, 217)')

    await page.goto(`${product().url}console/#/no/such/page`)
    await check(page, '没有这个页面', 'console-not-found')
    expect(await page.title()).toBe('没有这个页面 - 法治人社工作人员平台')

    const unknownEnrolment = /^HTTP 404 .*\/api\/v1\/staff\/enrolment\/|status of 404/
    expect(errors.filter((error) => !EXPECTED_REFUSALS.test(error) && !unknownEnrolment.test(error))).toEqual([])
  })
})

describeInBrowser('a new inspector enrols and signs in; sessions end here and everywhere', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })

  it('enrols with an authenticator, signs in on a second browser, and signs out everywhere from there', async () => {
    const { enrolmentLink, enrolmentCode } = await createStaffAccount(product(), { name: '张三', login: 'zhangsan', role: 'inspector', district: '440104' })
    expect(enrolmentLink).toBe(`${product().url}console/#/enrol/${enrolmentCode}`)

    // 启用账号, on the inspector's own computer.
    const first = await openDesktopPage(browser())
    const page = first.page
    await page.goto(enrolmentLink)
    await page.getByRole('img', { name: /二维码/ }).waitFor()
    await check(page, '启用账号', 'console-enrol')
    for (const shown of ['张三', 'zhangsan', '劳动监察员', '越秀区']) await page.getByRole('cell', { name: shown, exact: true }).waitFor()
    expect(await page.getByRole('img', { name: /二维码/ }).evaluate((image: HTMLImageElement) => image.src.startsWith('data:image/png') && image.naturalWidth > 0)).toBe(true)
    const secret = await shownSecret(page)
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    await page.getByText('至少 12 个字符').waitFor()

    // What the page checks itself, before anything is sent.
    await page.getByRole('button', { name: '启用账号并登录' }).click()
    for (const message of ['请设置密码', '请再输入一次密码', '请输入动态验证码']) await fieldError(page, message).waitFor()
    await check(page, '启用账号', 'console-enrol-empty')
    await page.getByLabel('密码', { exact: true }).fill('too short')
    await page.getByLabel('再次输入密码').fill('not the same')
    await page.getByLabel('动态验证码').fill('12345')
    await page.getByRole('button', { name: '启用账号并登录' }).click()
    for (const message of ['密码至少要有 12 个字符', '两次输入的密码不一致', '动态验证码是 6 位数字']) await fieldError(page, message).waitFor()

    // What the service refuses, shown under the field it names: a common password, then a wrong code.
    await page.getByLabel('密码', { exact: true }).fill('Password2024!')
    await page.getByLabel('再次输入密码').fill('Password2024!')
    await page.getByLabel('动态验证码').fill(totpCode(secret))
    await page.getByRole('button', { name: '启用账号并登录' }).click()
    expect(await serviceMessageUnder(page, 'password', /请设置密码|至少要有/)).toMatch(/[\u4e00-\u9fff]/)
    await check(page, '启用账号', 'console-enrol-weak-password')

    const password = '鹅潭晨雾-Liwan-2026'
    await page.getByLabel('密码', { exact: true }).fill(password)
    await page.getByLabel('再次输入密码').fill(password)
    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0')
    await page.getByLabel('动态验证码').fill(wrong)
    await page.getByRole('button', { name: '启用账号并登录' }).click()
    expect(await serviceMessageUnder(page, 'code', /请输入动态验证码|6 位数字$/)).toMatch(/[\u4e00-\u9fff]/)

    const enrolledStep = totpStep()
    await page.getByLabel('动态验证码').fill(totpCode(secret, enrolledStep))
    await page.getByRole('button', { name: '启用账号并登录' }).click()

    // Enrolled and signed in: an inspector starts at the reports, and finds 我的账号 in the menu.
    await waitForPage(page, '反映办理')
    expect(page.url()).toBe(`${product().url}console/#/reports`)
    const menu = page.getByRole('navigation', { name: '主菜单' })
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['反映办理', '年度数据', '我的账号'])
    await menu.getByRole('link', { name: '我的账号' }).click()
    await check(page, '我的账号', 'console-account')
    expect(page.url()).toBe(`${product().url}console/#/account`)
    expect(await page.title()).toBe('我的账号 - 法治人社工作人员平台')
    const header = page.getByRole('banner')
    for (const shown of ['广州市人力资源和社会保障局', '张三', '劳动监察员']) await header.getByText(shown, { exact: true }).waitFor()
    for (const shown of ['张三', 'zhangsan', '劳动监察员', '越秀区']) await page.getByRole('main').getByRole('cell', { name: shown, exact: true }).waitFor()

    // A screen reader starts at the page's heading; the keyboard goes on from there to the page's buttons.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('我的账号')
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('退出登录')
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('退出所有设备')

    // A second computer: an address behind sign-in leads to 登录, and back to it afterwards.
    const second = await openDesktopPage(browser())
    const other = second.page
    await other.goto(`${product().url}console/#/account`)
    await check(other, '工作人员登录', 'console-sign-in')
    expect(other.url()).toBe(`${product().url}console/#/sign-in`)

    // Typed from the keyboard alone; the page's own checks first.
    await other.getByLabel('登录名').focus()
    await other.keyboard.press('Enter')
    for (const message of ['请输入登录名', '请输入密码', '请输入动态验证码']) await fieldError(other, message).waitFor()
    await check(other, '工作人员登录', 'console-sign-in-empty')
    await other.keyboard.type('zhangsan')
    await other.keyboard.press('Tab')
    await other.keyboard.type('not the password')
    // Between the password and the code, the button that shows the password as typed.
    await other.keyboard.press('Tab')
    await expect(other.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('显示')
    await other.keyboard.press('Tab')
    await other.keyboard.type('12a')
    await other.keyboard.press('Enter')
    await fieldError(other, '动态验证码是 6 位数字').waitFor()

    // Any wrong entry gets the service's one answer, shown as it says it.
    await other.getByLabel('动态验证码').fill('000000')
    await other.getByRole('button', { name: '登录' }).click()
    const refusal = other.getByRole('alert').filter({ hasText: /不对|不正确/ })
    await refusal.waitFor()
    await check(other, '工作人员登录', 'console-sign-in-refused')
    expect(await other.getByLabel('动态验证码').inputValue()).toBe('')

    await other.getByLabel('密码').fill(password)
    await other.getByLabel('动态验证码').fill((await codeAfter(secret, enrolledStep)).code)
    await other.getByRole('button', { name: '登录' }).click()
    await check(other, '我的账号', 'console-account-second')
    expect(other.url()).toBe(`${product().url}console/#/account`)

    // 退出所有设备 from the second computer ends the first one's session too.
    await other.getByRole('button', { name: '退出所有设备' }).click()
    await other.getByText('退出所有设备上的登录？').waitFor()
    await screenshot(other, 'console-sign-out-everywhere-confirm')
    await other.getByRole('button', { name: '全部退出' }).click()
    await other.getByText('已退出这个账号在所有设备上的登录。').waitFor()
    await check(other, '工作人员登录', 'console-signed-out-everywhere')

    await page.reload()
    await waitForPage(page, '工作人员登录')
    expect(page.url()).toBe(`${product().url}console/#/sign-in`)

    for (const { errors } of [first, second]) expect(errors.filter((error) => !EXPECTED_REFUSALS.test(error))).toEqual([])
  }, 120_000)

  it('shows a city-wide role as the whole city, and signs out of this browser only', async () => {
    const { enrolmentLink } = await createStaffAccount(product(), { name: '李四', login: 'lisi', role: 'supervisor' })
    const { page, errors } = await openDesktopPage(browser())
    await page.goto(enrolmentLink)
    await waitForPage(page, '启用账号')
    const secret = await shownSecret(page)
    const password = '珠江新城-Tianhe-0806'
    await page.getByLabel('密码', { exact: true }).fill(password)
    await page.getByLabel('再次输入密码').fill(password)
    await page.getByLabel('动态验证码').fill(totpCode(secret))
    await page.getByRole('button', { name: '启用账号并登录' }).click()

    await waitForPage(page, '反映办理')
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allInnerTexts()).toEqual(['反映办理', '年度数据', '竞赛管理', '题库', '纠错和投诉建议', '内容来源', '审计日志', '我的账号'])
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '我的账号' }).click()
    await check(page, '我的账号', 'console-account-supervisor')
    for (const shown of ['李四', 'lisi', '监察督导（全市）', '全市']) await page.getByRole('main').getByRole('cell', { name: shown, exact: true }).waitFor()

    await page.getByRole('banner').getByRole('button', { name: '退出登录' }).click()
    await page.getByText('已退出登录。').waitFor()
    await check(page, '工作人员登录', 'console-signed-out')
    // The cookie is gone: 我的账号 asks to sign in again.
    await page.goto(`${product().url}console/#/account`)
    await page.reload()
    await waitForPage(page, '工作人员登录')
    expect(page.url()).toBe(`${product().url}console/#/sign-in`)

    expect(errors.filter((error) => !EXPECTED_REFUSALS.test(error))).toEqual([])
  })
})
