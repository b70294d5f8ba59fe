// 竞赛管理 in Chromium at 1280×720 under the console's CSP: an organiser creates a contest in the
// console (a field error from the service shown beside its field first), a resident takes it in the
// H5 app, the organiser's contest page counts the district without being reloaded, and the
// organiser hides the resident's nickname, which then leaves the public board. axe on every page.
import type { Page } from 'playwright-core'

import { signedInStaff } from './console-staff'
import { describeInBrowser, openPhonePage, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'
import { takeContest } from './quiz-app'

const TITLE = '2026 年冬季劳动法律知识竞赛'
const QUESTIONS = 3
const DISTRICT = '天河区'
const NICKNAME = '小林'
const HOUR = 60 * 60 * 1000
/** The forms sent with an end time already past and with counts that do not add up: the refusals the test asks for. */
const EXPECTED_REFUSAL = /(HTTP 400 .*\/api\/v1\/admin\/contests(\/[0-9a-f-]+)?$|status of 400 \(Bad Request\))/

/** An instant as a datetime-local value in China time (the form reads it as such). */
const chinaLocal = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16)

async function check(page: Page, heading: string, shot: string): Promise<void> {
  await waitForPage(page, heading)
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' })
  expect(await seriousAccessibilityViolations(page)).toEqual([])
  await screenshot(page, shot)
}

/** The cell of `column` (1-based) in the row of `district` of the participation table. */
function participationCell(page: Page, district: string, column: number) {
  return page.getByRole('table', { name: '各区县参与情况' }).locator('tr', { hasText: district }).locator(`td:nth-child(${column})`)
}

describeInBrowser('竞赛管理: create a contest, watch a district take part, moderate the board', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { h5: true, console: true })

  it('lets an organiser create a contest, see participation rise live and hide a nickname from the public board', async () => {
    const { page, errors } = await signedInStaff(product(), browser(), { name: '刘组织', login: 'liu-organiser', role: 'organiser' })
    // An organiser starts at 竞赛管理.
    await check(page, '竞赛管理', 'console-contests-list')
    expect(page.url()).toMatch(/#\/contests$/)
    await expect(page.getByRole('table', { name: '竞赛列表' }).innerText()).resolves.toContain('劳动保障法律知识竞赛（示例）')

    // The form: the service's problem with the dates is shown beside the end time.
    await page.getByRole('link', { name: '新建竞赛' }).click()
    await waitForPage(page, '新建竞赛')
    await page.getByLabel('竞赛名称').fill(TITLE)
    await page.getByLabel('开始时间（北京时间）').fill(chinaLocal(Date.now() - HOUR))
    await page.getByLabel('结束时间（北京时间）').fill(chinaLocal(Date.now() - 2 * HOUR))
    await page.getByLabel('每次答题的题数').fill(String(QUESTIONS))
    await page.getByLabel('每题最少用时（秒）').fill('0')
    await page.getByRole('button', { name: '创建竞赛' }).click()
    await page.getByText('结束时间已经过去了', { exact: true }).waitFor()
    await check(page, '新建竞赛', 'console-contest-form-error')
    await page.getByLabel('结束时间（北京时间）').fill(chinaLocal(Date.now() + 24 * HOUR))
    await page.getByRole('button', { name: '创建竞赛' }).click()

    // The contest page: rules, participation by district, the board, the draw preview.
    await waitForPage(page, TITLE)
    await page.getByText(/更新于 \d\d:\d\d:\d\d（每 5 秒自动更新）/).waitFor()
    await expect(participationCell(page, DISTRICT, 2).innerText()).resolves.toBe('0')
    await page.getByText('还没有人上榜').waitFor()
    await check(page, TITLE, 'console-contest-before')
    const contestId = decodeURIComponent(/#\/contests\/([^/?]+)$/.exec(page.url())?.[1] ?? '')
    expect(contestId).not.toBe('')
    // Marks this very page: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }))

    // A resident takes the contest in the H5 app.
    const phone = await openPhonePage(browser())
    await phone.page.goto(product().url)
    await takeContest(phone.page, { title: TITLE, district: DISTRICT, nickname: NICKNAME, questions: QUESTIONS })
    expect(phone.errors).toEqual([])

    // The organiser's page counts it without being reloaded.
    await page.bringToFront()
    await participationCell(page, DISTRICT, 2).filter({ hasText: /^1$/ }).waitFor({ timeout: 15000 })
    await expect(participationCell(page, DISTRICT, 3).innerText()).resolves.toBe('1')
    await expect(page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).resolves.toBe(true)
    const hide = page.getByRole('button', { name: `隐藏“${NICKNAME}”` })
    await hide.waitFor({ timeout: 15000 })
    await check(page, TITLE, 'console-contest-live')

    // Hiding the nickname: the public board no longer shows it.
    const publicBoard = async () => {
      const response = await fetch(`${product().url}api/v1/quiz/contests/${contestId}/stats`)
      return ((await response.json()) as { board: { nickname: string }[] }).board.map((row) => row.nickname)
    }
    await expect(publicBoard()).resolves.toEqual([NICKNAME])
    await hide.click()
    await page.getByText(`已从公开积分榜隐藏“${NICKNAME}”`).waitFor()
    await page.getByRole('button', { name: `恢复显示“${NICKNAME}”` }).waitFor()
    await expect(publicBoard()).resolves.toEqual([])
    await check(page, TITLE, 'console-contest-hidden')

    // Closing early asks first; the page then stops refreshing.
    await page.getByRole('button', { name: '提前结束' }).click()
    const dialog = page.getByRole('dialog', { name: `提前结束“${TITLE}”？` })
    await dialog.waitFor()
    await screenshot(page, 'console-contest-close-dialog')
    await dialog.getByRole('button', { name: '确认提前结束' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.getByText('已结束', { exact: true }).first().waitFor()
    await page.getByText(/（提前结束）/).waitFor()
    await expect(page.getByText(/每 5 秒自动更新/).count()).resolves.toBe(0)

    // Copied into a new contest: the settings kept, new dates asked for.
    await page.getByRole('link', { name: '复制为新竞赛' }).click()
    await waitForPage(page, '复制竞赛')
    await page.getByText(`已复制“${TITLE}”的设置，请填写新的开始和结束时间`).waitFor()
    await expect(page.getByLabel('竞赛名称').inputValue()).resolves.toBe(TITLE)
    await expect(page.getByLabel('开始时间（北京时间）').inputValue()).resolves.toBe('')
    await expect(page.getByLabel('每次答题的题数').inputValue()).resolves.toBe(String(QUESTIONS))
    await check(page, '复制竞赛', 'console-contest-copy')
    await page.getByLabel('竞赛名称').fill(`${TITLE}（第二场）`)
    await page.getByLabel('开始时间（北京时间）').fill(chinaLocal(Date.now() + 24 * HOUR))
    await page.getByLabel('结束时间（北京时间）').fill(chinaLocal(Date.now() + 48 * HOUR))
    await page.getByRole('button', { name: '创建竞赛' }).click()
    await waitForPage(page, `${TITLE}（第二场）`)
    await page.getByText('未开始', { exact: true }).first().waitFor()

    // Edited before it starts: by category, the counts' problem shown under them.
    await page.getByRole('link', { name: '修改' }).click()
    await waitForPage(page, '修改竞赛')
    await expect(page.getByLabel('竞赛名称').inputValue()).resolves.toBe(`${TITLE}（第二场）`)
    await page.getByLabel('按分类和题数抽取').check()
    await page.getByLabel('题数', { exact: true }).fill('2')
    await page.getByRole('button', { name: '保存修改' }).click()
    await page.getByText(`各分类题数之和（2）应等于题目数量（${QUESTIONS}）`).waitFor()
    await check(page, '修改竞赛', 'console-contest-edit-error')
    await page.getByRole('button', { name: '添加分类' }).click()
    await page.getByLabel('第 2 个分类').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="工资支付"]').click()
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' })
    await page.getByRole('button', { name: '保存修改' }).click()
    await waitForPage(page, `${TITLE}（第二场）`)
    await page.getByText('按分类抽取：劳动关系 2 题、工资支付 1 题').waitFor()
    expect(errors.filter((error) => !EXPECTED_REFUSAL.test(error))).toEqual([])
    expect(errors).toHaveLength(4)
  })
})
