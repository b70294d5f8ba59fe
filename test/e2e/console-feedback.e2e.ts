// 纠错和投诉建议 and 题库 in Chromium at 1280×720 under the console's CSP: 投诉建议 and a 纠错 sent
// through the public API land in one inbox; an organiser marks the 纠错 已处理 with a note and sees
// the phone number masked, a supervisor sees it in full; the question bank shows the 纠错 count and
// links to it. axe on every page and with the dialog open.
import type { Locator, Page } from 'playwright-core'

import type { RunningProduct } from '../support/product'
import { callAsStaff, signedInStaff } from './console-staff'
import { animationsSettled, describeInBrowser, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'

const PHONE = '13812345678'
const MASKED = '138****5678'
const NOTE = '已核对，题目答案已更正'

async function sendFeedback(product: RunningProduct, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${product.url}api/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (response.status !== 201) throw new Error(`POST /feedback answered ${response.status}: ${await response.text()}`)
}

async function settled(page: Page, heading: string): Promise<void> {
  await waitForPage(page, heading)
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' })
}

async function check(page: Page, heading: string, shot: string): Promise<void> {
  await settled(page, heading)
  expect(await seriousAccessibilityViolations(page)).toEqual([])
  await screenshot(page, shot)
}

function rows(page: Page): Locator {
  return page.locator('.console-data-table__row')
}

function rowWith(page: Page, text: string): Locator {
  return rows(page).filter({ hasText: text })
}

describeInBrowser('纠错和投诉建议 and 题库 in the staff console', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })

  it('brings 投诉建议 and a 纠错 into one inbox, handles one with a note, hides the phone from an organiser and shows the count in the bank', async () => {
    const { page, errors, cookie } = await signedInStaff(product(), browser(), { name: '刘组织', login: 'liu-organiser', role: 'organiser' })
    const bank = await callAsStaff<{ items: { id: string; stem: string }[] }>(product(), cookie, 'GET', '/api/v1/admin/question-bank?pageSize=100')
    const question = bank.items[0]
    await sendFeedback(product(), { kind: 'suggestion', content: '希望多出一些关于工伤保险的题目' })
    await sendFeedback(product(), { kind: 'complaint', content: '热线电话一直占线，打不进去', contact: PHONE })
    await sendFeedback(product(), { kind: 'question_report', content: '这道题的正确答案和法条不一致', questionId: question.id })

    // The menu offers both pages to an organiser.
    await page.goto(`${product().url}console/#/account`)
    await waitForPage(page, '我的账号')
    const menu = page.getByRole('navigation', { name: '主菜单' })
    await expect(menu.getByRole('link', { name: '题库' }).isVisible()).resolves.toBe(true)
    await menu.getByRole('link', { name: '纠错和投诉建议' }).click()
    await check(page, '纠错和投诉建议', 'console-feedback-organiser')

    expect(await rows(page).count()).toBe(3)
    const report = rowWith(page, '这道题的正确答案和法条不一致')
    await expect(report.innerText()).resolves.toContain(`题目：${question.stem}`)
    const complaint = rowWith(page, '热线电话一直占线')
    await expect(complaint.innerText()).resolves.toContain('已留联系方式')
    await expect(complaint.innerText()).resolves.toContain(MASKED)
    expect(await page.locator('body').innerText()).not.toContain(PHONE)

    // 处理: the dialog, with the state and an internal note.
    await report.getByRole('button', { name: /^处理这条题目纠错/ }).click()
    const dialog = page.getByRole('dialog', { name: '处理题目纠错' })
    await dialog.waitFor()
    await animationsSettled(page)
    await dialog.getByRole('radio', { name: '已处理' }).check()
    await dialog.getByRole('textbox', { name: '内部备注（只有工作人员能看到）' }).fill(NOTE)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-feedback-dialog')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByRole('status').filter({ hasText: '已保存：已处理' }).waitFor({ state: 'attached' })
    await rowWith(page, NOTE).waitFor()
    await expect(rowWith(page, NOTE).innerText()).resolves.toContain('已处理')
    await expect(rowWith(page, NOTE).innerText()).resolves.toContain('刘组织')

    // Only what waits: the filter goes into the address.
    await page.getByRole('radiogroup', { name: '状态' }).getByText('待处理（2）').click()
    await page.waitForURL(/#\/feedback\?status=open$/)
    await settled(page, '纠错和投诉建议')
    expect(await rows(page).count()).toBe(2)
    expect(await rowWith(page, NOTE).count()).toBe(0)

    // The bank shows the 纠错 of that question and links to it.
    await menu.getByRole('link', { name: '题库' }).click()
    await settled(page, '题库')
    await page.getByRole('textbox', { name: '搜索题干' }).fill(question.id)
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForURL(/#\/question-bank\?q=/)
    await settled(page, '题库')
    expect(await rows(page).count()).toBe(1)
    const reports = rows(page).getByRole('link', { name: '这道题的纠错 1 条' })
    await expect(reports.isVisible()).resolves.toBe(true)
    await check(page, '题库', 'console-question-bank')
    await reports.click()
    await page.waitForURL(/#\/feedback\?kind=question_report&questionId=/)
    await settled(page, '纠错和投诉建议')
    expect(await rows(page).count()).toBe(1)
    await expect(rows(page).first().innerText()).resolves.toContain(NOTE)
    expect(errors).toEqual([])
  })

  it('shows the phone number in full to a supervisor', async () => {
    const { page, errors } = await signedInStaff(product(), browser(), { name: '王督导', login: 'wang-supervisor', role: 'supervisor' })
    await page.goto(`${product().url}console/#/feedback?kind=complaint`)
    await check(page, '纠错和投诉建议', 'console-feedback-supervisor')
    expect(await rows(page).count()).toBe(1)
    await expect(rows(page).first().innerText()).resolves.toContain(PHONE)
    expect(errors).toEqual([])
  })

  it('offers neither page to an auditor', async () => {
    const { page } = await signedInStaff(product(), browser(), { name: '孙审计', login: 'sun-auditor', role: 'auditor' })
    await waitForPage(page, '审计日志')
    const menu = page.getByRole('navigation', { name: '主菜单' })
    expect(await menu.getByRole('link', { name: '题库' }).count()).toBe(0)
    expect(await menu.getByRole('link', { name: '纠错和投诉建议' }).count()).toBe(0)
  })
})
