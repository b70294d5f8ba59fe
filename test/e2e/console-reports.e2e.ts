// 反映办理 and 审计日志 in Chromium at 1280×720 under the console's CSP: reports sent through the
// public API, the inbox ordered by the legal clock, its filters, search, views and pages kept in the
// address, exports masked unless a reason is given, the audit log of those exports, and an
// inspector who sees only their own district. axe on every page.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { isDeepStrictEqual } from 'node:util'

import type { Locator, Page } from 'playwright-core'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import type { ReportPayload } from '../../src/core/tips/report'
import { reportableMonths } from '../../src/core/tips/draft'
import { anonymousTipPayload, complaintPayload, MOBILE, NAME } from '../support/report-fixtures'
import type { RunningProduct } from '../support/product'
import { signedInStaff } from './console-staff'
import { describeInBrowser, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'

const LIWAN = '440103'
const YUEXIU = '440104'
const HAIZHU = '440105'
const REASON = '核对本月受理情况'

interface Sent {
  trackingCode: string
  employer: string
  district: string
  kind: 'complaint' | 'tip'
}

async function submitReport(product: RunningProduct, payload: ReportPayload): Promise<string> {
  const response = await fetch(`${product.url}api/v1/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(payload),
  })
  if (response.status !== 201) throw new Error(`POST /tips answered ${response.status}: ${await response.text()}`)
  return ((await response.json()) as { trackingCode: string }).trackingCode
}

async function check(page: Page, heading: string, shot: string): Promise<void> {
  await waitForPage(page, heading)
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' })
  expect(await seriousAccessibilityViolations(page)).toEqual([])
  await screenshot(page, shot)
}

function rows(page: Page): Locator {
  return page.locator('.console-data-table__row')
}

/** Waits for the table to settle (no loading veil) and reads one column of every row. */
async function column(page: Page, index: number): Promise<string[]> {
  await page.locator('.console-table .ant-spin-spinning').waitFor({ state: 'detached' })
  return rows(page).locator(`td:nth-child(${index})`).allInnerTexts()
}

const CODE = 1
const KIND = 2
const STATUS = 3
const EMPLOYER = 5
/** An inspector's list has no 区县 column: the employer comes one column earlier. */
const INSPECTOR_EMPLOYER = 4
const AMOUNT = 7
const CLOCK = 8

/** Reads `read` until it gives `expected` (a list answers after the address changes), then checks it. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (isDeepStrictEqual(await read(), expected)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  expect(await read()).toEqual(expected)
}

/** The shown total of the list: 共 N 条. */
async function total(page: Page): Promise<number> {
  const text = await page.locator('.ant-pagination-total-text').innerText()
  return Number(/共 (\d+) 条/.exec(text)?.[1])
}

async function choose(page: Page, field: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: field, exact: true }).click()
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click()
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' })
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const file = await download.path()
  if (!file) throw new Error(`download ${download.suggestedFilename()} failed: ${await download.failure()}`)
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) }
}

/** Working days left in a clock cell: a number, or Infinity for 不计时 (no clock runs). */
function daysLeft(clock: string): number {
  if (clock.startsWith('不计时')) return Infinity
  if (clock.startsWith('今天到期')) return 0
  const left = /^剩 (\d+) 个工作日/.exec(clock)
  if (left) return Number(left[1])
  const late = /^已超期 (\d+) 个工作日/.exec(clock)
  if (late) return -Number(late[1])
  throw new Error(`not a clock: ${clock}`)
}

describeInBrowser('反映办理 and 审计日志 in the staff console', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })
  const sent: Sent[] = []
  const today = chinaDateOf(new Date())
  const months = reportableMonths(today.slice(0, 7))
  const owedPeriod = { from: months[4], to: months[1] }

  beforeAll(async () => {
    const firms = ['恒丰', '宏达', '顺昌', '金鹏', '华盛', '鸿运', '盛世', '永安', '兴隆', '富源', '长城', '东方']
    for (const [index, firm] of firms.entries()) {
      const employer = `荔湾${firm}建筑劳务有限公司`
      const construction = index % 2 === 0
      const payload = complaintPayload({
        employer: { name: employer, uscc: null },
        districtCode: LIWAN,
        owedPeriod,
        isConstruction: construction,
        constructionProject: construction ? '荔湾新城三期' : null,
        amountYuan: `${(index + 1) * 1000}.00`,
      })
      sent.push({ trackingCode: await submitReport(product(), payload), employer, district: LIWAN, kind: 'complaint' })
    }
    const estimate = '荔湾约数餐饮有限公司'
    sent.push({
      trackingCode: await submitReport(product(), complaintPayload({ employer: { name: estimate, uscc: null }, districtCode: LIWAN, owedPeriod, isConstruction: false, constructionProject: null, amountYuan: '约8万' })),
      employer: estimate,
      district: LIWAN,
      kind: 'complaint',
    })
    for (const employer of ['荔湾匿名制衣厂', '荔湾无名五金厂']) {
      const payload = anonymousTipPayload({ employer: { name: employer, uscc: null }, districtCode: LIWAN, owedPeriod, amountYuan: null })
      sent.push({ trackingCode: await submitReport(product(), payload), employer, district: LIWAN, kind: 'tip' })
    }
    const yuexiu = '越秀珠光餐饮有限公司'
    sent.push({
      trackingCode: await submitReport(product(), complaintPayload({ employer: { name: yuexiu, uscc: null }, districtCode: YUEXIU, owedPeriod, isConstruction: false, constructionProject: null })),
      employer: yuexiu,
      district: YUEXIU,
      kind: 'complaint',
    })
  }, 60_000)

  it('lists every report by its clock, narrows it, keeps the filters in the address, pages it, exports it and audits the exports', async () => {
    const { page, errors } = await signedInStaff(product(), browser(), { name: '李督导', login: 'li-supervisor', role: 'supervisor' })

    // Two complaints accepted by this supervisor: their clock is now the investigation's, weeks away.
    const ids = await page.evaluate(async () => {
      const answer = (await (await fetch('/api/v1/admin/tips?pageSize=100')).json()) as { items: { id: string; trackingCode: string }[] }
      return Object.fromEntries(answer.items.map((item) => [item.trackingCode, item.id]))
    })
    expect(Object.keys(ids).sort()).toEqual(sent.map((report) => report.trackingCode).sort())
    const accepted = [sent[2], sent[5]]
    for (const report of accepted) {
      const status = await page.evaluate(
        async ({ id, filedOn }) =>
          (
            await fetch(`/api/v1/admin/tips/${id}/actions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ action: 'accept', filedOn }),
            })
          ).status,
        { id: ids[report.trackingCode], filedOn: today },
      )
      expect(status).toBe(200)
    }

    await page.goto(`${product().url}console/`)
    await check(page, '反映办理', 'console-reports')
    expect(page.url()).toBe(`${product().url}console/#/reports`)
    expect(await total(page)).toBe(16)

    // The most urgent first: the complaints waiting to be accepted (oldest first), the two under
    // investigation, then the 举报 that run no clock until accepted.
    const clocks = await column(page, CLOCK)
    const days = clocks.map(daysLeft)
    expect(days).toEqual([...days].sort((a, b) => a - b))
    expect(days.slice(-2)).toEqual([Infinity, Infinity])
    expect(days[11]).toBeLessThan(days[12])
    for (const clock of clocks.slice(0, 14)) expect(clock).toMatch(/^(剩 \d+ 个工作日|今天到期)(估算)?\n(受理期限|调查期限) \d{4}-\d{2}-\d{2}$/)
    const codes = await column(page, CODE)
    expect(codes.slice(-2).sort()).toEqual(sent.filter((report) => report.kind === 'tip').map((report) => report.trackingCode).sort())
    expect(codes.slice(12, 14).sort()).toEqual(accepted.map((report) => report.trackingCode).sort())
    expect(codes[0]).toBe(sent[0].trackingCode)
    const amounts = await column(page, AMOUNT)
    expect(amounts).toContain('约 80,000 元')
    expect(amounts).toContain('12,000 元')
    expect(amounts.filter((amount) => amount === '未填')).toHaveLength(2)
    expect((await column(page, KIND)).filter((kind) => kind === '举报')).toHaveLength(2)

    // Search from the keyboard: an employer's name, then Enter.
    const search = page.getByLabel('搜索', { exact: true })
    await search.focus()
    await page.keyboard.type('越秀珠光')
    await page.keyboard.press('Enter')
    await page.waitForURL(/q=/)
    await eventually(() => column(page, EMPLOYER), ['越秀珠光餐饮有限公司'])
    await screenshot(page, 'console-reports-search')
    // A reload keeps the search, and the back button brings the whole list back.
    await page.reload()
    await waitForPage(page, '反映办理')
    await eventually(() => column(page, EMPLOYER), ['越秀珠光餐饮有限公司'])
    expect(await search.inputValue()).toBe('越秀珠光')
    await page.goBack()
    await eventually(() => column(page, CODE).then((shown) => shown.length), 16)
    expect(await search.inputValue()).toBe('')

    // A tracking code as people type it: lower case, no dashes.
    await search.fill(sent[7].trackingCode.replace(/-/g, '').toLowerCase())
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await eventually(() => column(page, CODE), [sent[7].trackingCode])

    // Filters: 举报 only; then a status with its count; 重置 clears them.
    await search.fill('')
    await choose(page, '类型', '举报')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await eventually(() => column(page, KIND), ['举报', '举报'])
    expect(await column(page, CLOCK)).toEqual(['不计时', '不计时'])
    await page.getByRole('button', { name: '重置', exact: true }).click()
    await eventually(() => total(page), 16)
    // The status boxes follow the address, which changes a moment after the click (hashchange).
    await page.getByRole('checkbox', { name: '已受理（2）' }).click()
    await page.waitForURL(/statuses=accepted/)
    await eventually(() => column(page, STATUS), ['已受理', '已受理'])
    await check(page, '反映办理', 'console-reports-accepted')
    await page.getByRole('checkbox', { name: /^已受理/ }).click()
    await page.waitForURL((url) => !url.hash.includes('statuses='))
    await eventually(() => total(page), 16)

    // A view: 我的待办 is what waits for this supervisor: the two they accepted and every report not yet accepted in the city.
    const mine = page.locator('.ant-segmented-item', { hasText: '我的待办' })
    expect(await mine.innerText()).toBe('我的待办（16）')
    await mine.click()
    await page.waitForURL(/view=mine/)
    await eventually(() => total(page), 16)
    await page.locator('.ant-segmented-item', { hasText: '已超期' }).click()
    await page.waitForURL(/view=overdue/)
    await page.getByText('暂无反映').waitFor()
    await check(page, '反映办理', 'console-reports-overdue-empty')
    await page.locator('.ant-segmented-item', { hasText: '全部' }).click()
    await eventually(() => total(page), 16)

    // Pages of 10: the second page from the keyboard.
    await page.locator('.ant-pagination-options .ant-select').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '10 条/页' }).click()
    await eventually(() => column(page, CODE).then((shown) => shown.length), 10)
    await page.locator('.ant-pagination-item-2').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/page=2/)
    await eventually(() => column(page, CODE).then((shown) => shown.length), 6)
    expect(page.url()).toContain('pageSize=10')
    // The link to a report: keyboard-reachable, to its page.
    const link = rows(page).first().getByRole('link')
    expect(await link.getAttribute('href')).toBe(`#/reports/${ids[(await link.innerText()).trim()]}`)
    await check(page, '反映办理', 'console-reports-page-2')

    // Exports of the same selection (every page): masked unless a reason is given.
    await page.goto(`${product().url}console/#/reports`)
    await waitForPage(page, '反映办理')
    const xlsx = await downloaded(page, () => page.getByRole('link', { name: '导出 Excel' }).click())
    expect(xlsx.name).toMatch(/^tips-\d{8}\.xlsx$/)
    expect(xlsx.bytes.length).toBeGreaterThan(1000)
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    const csv = await downloaded(page, () => page.getByRole('link', { name: '导出 CSV' }).click())
    const masked = csv.bytes.toString('utf8')
    expect(csv.name).toMatch(/^tips-\d{8}\.csv$/)
    for (const report of sent) expect(masked).toContain(report.trackingCode)
    expect(masked).not.toContain(NAME)
    expect(masked).not.toContain(MOBILE)

    await page.getByRole('checkbox', { name: '含个人信息' }).check()
    await page.getByRole('button', { name: '导出 CSV' }).click()
    const dialog = page.getByRole('dialog', { name: '导出含个人信息的反映列表' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: '导出 CSV' }).click()
    await dialog.getByText('请填写理由').waitFor()
    await check(page, '反映办理', 'console-reports-export-reason')
    await dialog.getByLabel('理由').fill(REASON)
    const revealed = await downloaded(page, () => dialog.getByRole('button', { name: '导出 CSV' }).click())
    const personal = revealed.bytes.toString('utf8')
    expect(personal).toContain(NAME)
    expect(personal).toContain(MOBILE)
    await dialog.waitFor({ state: 'hidden' })

    // 审计日志: the exports, with the reason, and only the exports once filtered.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '审计日志' }).click()
    await check(page, '审计日志', 'console-audit')
    await page.getByRole('cell', { name: new RegExp(`含个人信息.*理由：${REASON}`) }).waitFor()
    await choose(page, '操作', '导出反映')
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await page.waitForURL(/action=export/)
    await eventually(() => column(page, 3), ['导出反映', '导出反映', '导出反映'])
    expect(await column(page, 2)).toEqual(['李督导', '李督导', '李督导'])
    const details = await column(page, 5)
    expect(details[0]).toMatch(new RegExp(`^CSV 文件.*16 条.*含个人信息.*理由：${REASON}`))
    expect(details[2]).toMatch(/^Excel 文件.*16 条.*个人信息已遮蔽/)
    await check(page, '审计日志', 'console-audit-exports')
    const auditCsv = await downloaded(page, () => page.getByRole('link', { name: '导出 CSV' }).click())
    expect(auditCsv.bytes.toString('utf8')).toContain(REASON)

    // One report's entries by its 查询码, typed in lower case without dashes; kept in the address.
    const code = accepted[0].trackingCode
    await page.getByRole('button', { name: '重置' }).click()
    await page.getByLabel('查询码').fill(code.toLowerCase().replace(/-/g, ''))
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await page.waitForURL(/trackingCode=/)
    await eventually(async () => {
      const codes = await column(page, 4)
      return codes.length > 0 && codes.every((shown) => shown === code)
    }, true)
    expect(await column(page, 3)).toContain('办理反映')
    await check(page, '审计日志', 'console-audit-by-code')
    await page.reload()
    await waitForPage(page, '审计日志')
    expect(await page.getByLabel('查询码').inputValue()).toBe(code.toLowerCase().replace(/-/g, ''))
    await eventually(async () => (await column(page, 4)).every((shown) => shown === code) && (await column(page, 4)).length > 0, true)

    expect(errors.filter((error) => !/^HTTP 40[01] .*\/api\/v1\/staff\/session$|status of 401/.test(error))).toEqual([])
  }, 180_000)

  it('shows an inspector only their own district, with no district to choose, and says when there is nothing', async () => {
    const { page, errors } = await signedInStaff(product(), browser(), { name: '王监察', login: 'wang-inspector', role: 'inspector', district: YUEXIU })
    await page.goto(`${product().url}console/`)
    await check(page, '反映办理', 'console-reports-inspector')
    expect(await column(page, INSPECTOR_EMPLOYER)).toEqual(['越秀珠光餐饮有限公司'])
    expect(await page.getByRole('combobox', { name: '区县' }).count()).toBe(0)
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allInnerTexts()).toEqual(['反映办理', '年度数据', '我的账号'])

    // A report of another district is not found, by its code or in an export.
    const liwan = sent[0].trackingCode
    await page.getByLabel('搜索', { exact: true }).fill(liwan)
    await page.getByRole('button', { name: '查询', exact: true }).click()
    await page.getByText('没有符合条件的反映').waitFor()
    await check(page, '反映办理', 'console-reports-inspector-not-found')
    await page.getByRole('button', { name: '清除筛选条件' }).click()
    await eventually(() => column(page, INSPECTOR_EMPLOYER), ['越秀珠光餐饮有限公司'])
    const csv = (await downloaded(page, () => page.getByRole('link', { name: '导出 CSV' }).click())).bytes.toString('utf8')
    expect(csv).toContain(sent[sent.length - 1].trackingCode)
    for (const report of sent.filter((one) => one.district !== YUEXIU)) expect(csv).not.toContain(report.trackingCode)

    const empty = await signedInStaff(product(), browser(), { name: '赵监察', login: 'zhao-inspector', role: 'inspector', district: HAIZHU })
    await empty.page.goto(`${product().url}console/`)
    await empty.page.getByText('暂无反映').waitFor()
    await check(empty.page, '反映办理', 'console-reports-empty')

    for (const recorded of [errors, empty.errors]) expect(recorded.filter((error) => !/^HTTP 40[01] .*\/api\/v1\/staff\/session$|status of 401/.test(error))).toEqual([])
  }, 120_000)
})
