// 年度数据 in Chromium at 1280×720 under the console's CSP: reports sent through the public API and
// handled by staff, ratings from their reporters, contest attempts through the quiz API, counters
// straight into the service's database; a supervisor's dashboard for this year shows exactly the
// figures these make, in its tables; the charts draw on canvas without a CSP refusal; the print
// view; an inspector's own district only. axe on every page.
import { randomUUID } from 'node:crypto'
import path from 'node:path'

import Database from 'better-sqlite3'
import type { Locator, Page } from 'playwright-core'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import type { ReportPayload } from '../../src/core/tips/report'
import { anonymousTipPayload, complaintPayload } from '../support/report-fixtures'
import type { RunningProduct } from '../support/product'
import { callAsStaff, signedInStaff } from './console-staff'
import { animationsSettled, describeInBrowser, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'

const LIWAN = '440103'
const YUEXIU = '440104'

async function submitReport(product: RunningProduct, payload: ReportPayload): Promise<{ trackingCode: string; accessKey?: string }> {
  const response = await fetch(`${product.url}api/v1/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(payload),
  })
  if (response.status !== 201) throw new Error(`POST /tips answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as { trackingCode: string; accessKey?: string }
}

async function rate(product: RunningProduct, trackingCode: string, verifier: string, rating: string): Promise<void> {
  const response = await fetch(`${product.url}api/v1/tips/${trackingCode}/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tip-verifier': verifier },
    body: JSON.stringify({ rating }),
  })
  if (!response.ok) throw new Error(`rating answered ${response.status}: ${await response.text()}`)
}

/** A participant of `district` who starts the sample contest and hands in at once. */
async function takePart(product: RunningProduct, district: string): Promise<void> {
  const post = async <T>(url: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${product.url}api/v1${url}`, {
      method: 'POST',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }
  const { items } = (await (await fetch(`${product.url}api/v1/quiz/contests`)).json()) as { items: { id: string }[] }
  const { participantToken } = await post<{ participantToken: string }>('/quiz/participants', { districtCode: district })
  const { attemptId } = await post<{ attemptId: string }>(`/quiz/contests/${items[0].id}/attempts`, undefined, participantToken)
  await post(`/quiz/attempts/${attemptId}/finish`, undefined, participantToken)
}

/** The cells of a figures table's row, by the row's heading (a district, a category, 全市合计). */
async function rowOf(page: Page, section: string, heading: string): Promise<string[]> {
  const row = page.getByRole('region', { name: section }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: heading, exact: true }) })
  return (await row.locator('td').allInnerTexts()).map((text) => text.trim())
}

async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' })
}

async function choose(page: Page, field: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: field, exact: true }).click()
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click()
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' })
}

const unexpected = (errors: string[]) => errors.filter((error) => !/^HTTP 40[01] .*\/api\/v1\/staff\/session$|status of 401/.test(error))

describeInBrowser('年度数据 in the staff console', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })
  const today = chinaDateOf(new Date())
  const year = today.slice(0, 4)
  let categories: [string, string]

  beforeAll(async () => {
    // A complaint accepted, investigated and closed with wages paid, rated 满意; one refused; one
    // still waiting (its acceptance term has not ended); a 举报 in Yuexiu closed, rated 基本满意.
    const paid = await submitReport(product(), complaintPayload({ employer: { name: '荔湾恒丰建筑劳务有限公司', uscc: null }, districtCode: LIWAN }))
    const refused = await submitReport(product(), complaintPayload({ employer: { name: '荔湾宏达五金厂', uscc: null }, districtCode: LIWAN }))
    await submitReport(product(), complaintPayload({ employer: { name: '荔湾顺昌餐饮有限公司', uscc: null }, districtCode: LIWAN }))
    const tip = await submitReport(product(), anonymousTipPayload({ employer: { name: '越秀珠光制衣厂', uscc: null }, districtCode: YUEXIU }))

    const { cookie, page } = await signedInStaff(product(), browser(), { name: '赵办理', login: 'zhao-handler', role: 'supervisor' })
    await page.context().close()
    const idOf = async (trackingCode: string) =>
      (await callAsStaff<{ items: { id: string; trackingCode: string }[] }>(product(), cookie, 'GET', `/api/v1/admin/tips?q=${trackingCode}`)).items[0].id
    const act = async (trackingCode: string, bodies: Record<string, unknown>[]) => {
      const id = await idOf(trackingCode)
      for (const body of bodies) await callAsStaff(product(), cookie, 'POST', `/api/v1/admin/tips/${id}/actions`, body)
    }
    const close = (method: string, recoveredYuan: string, workersPaid: number) => [
      { action: 'accept', filedOn: today },
      { action: 'investigate' },
      { action: 'close', outcome: { method, recoveredYuan, workersPaid }, noteToReporter: '用人单位已支付拖欠的工资。' },
    ]
    await act(paid.trackingCode, close('ordered_payment', '86400.00', 12))
    await act(refused.trackingCode, [{ action: 'reject', reason: '不属于本机关管辖，请向用人单位所在地人社部门反映。' }])
    await act(tip.trackingCode, close('paid_voluntarily', '13600.00', 3))
    await rate(product(), paid.trackingCode, '8000', 'satisfied')
    await rate(product(), tip.trackingCode, tip.accessKey ?? '', 'basically_satisfied')

    await takePart(product(), LIWAN)
    await takePart(product(), LIWAN)
    await takePart(product(), YUEXIU)

    // The app's counters (POST /api/v1/counters is another part of this issue): into the database.
    const db = new Database(path.join(product().dataDir, 'pufa.sqlite'))
    try {
      const policies = db.prepare("SELECT id, data FROM content_items WHERE type = 'policy' AND deleted = 0 ORDER BY id").all() as { id: string; data: string }[]
      const byCategory = new Map<string, string>()
      for (const policy of policies) byCategory.set((JSON.parse(policy.data) as { category: string }).category, policy.id)
      const [[first, firstId], [second, secondId]] = [...byCategory.entries()]
      categories = [first, second]
      const insert = db.prepare('INSERT INTO usage_counters (metric, subject, day, count) VALUES (?, ?, ?, ?)')
      insert.run('policy_read', firstId, today, 120)
      insert.run('policy_read', secondId, today, 45)
      insert.run('practice_answered', '工资支付', today, 40)
      insert.run('practice_right', '工资支付', today, 30)
      insert.run('practice_answered', '社会保险', today, 50)
      insert.run('practice_right', '社会保险', today, 20)
    } finally {
      db.close()
    }
  })

  it("shows a supervisor this year's figures exactly as the seed makes them, with charts, and a print view", async () => {
    const { page, errors } = await signedInStaff(product(), browser(), { name: '李督导', login: 'li-supervisor', role: 'supervisor' })
    await page.getByRole('link', { name: '年度数据' }).click()
    await waitForPage(page, '年度数据')
    await settled(page)

    expect(await page.locator('.figures-period').innerText()).toBe(`广州 · ${Number(year)}年1月1日 至 ${Number(year)}年12月31日`)
    expect(await page.locator('.figures-headline__text').innerText()).toBe('为15名劳动者追回欠薪10万元')
    const stats = await page.locator('.figures-stat').allInnerTexts()
    expect(stats.map((text) => text.replace(/\s+/g, ' '))).toEqual([
      '收到反映 4件',
      '受理及时率 100%',
      '本期办结 2件',
      '办结用时中位数 0个工作日',
      '满意率 100%',
      '竞赛参赛人数 3人',
    ])

    // 区县 | 投诉 | 举报 | 合计 | 受理期限已结束的投诉 | 按期作出受理决定 | 受理及时率 | 本期办结 | 办结用时中位数
    expect(await rowOf(page, '反映受理和办结', '荔湾区')).toEqual(['3', '0', '3', '2', '2', '100%', '1', '0'])
    expect(await rowOf(page, '反映受理和办结', '越秀区')).toEqual(['0', '1', '1', '0', '0', '—', '1', '0'])
    expect(await rowOf(page, '反映受理和办结', '海珠区')).toEqual(['0', '0', '0', '0', '0', '—', '0', '—'])
    expect(await rowOf(page, '反映受理和办结', '全市合计')).toEqual(['3', '1', '4', '2', '2', '100%', '2', '0'])
    // 区县 | 本期办结 | six methods | 追回欠薪（元） | 劳动者
    expect(await rowOf(page, '办理结果', '荔湾区')).toEqual(['1', '1', '0', '0', '0', '0', '0', '86,400.00', '12'])
    expect(await rowOf(page, '办理结果', '全市合计')).toEqual(['2', '1', '1', '0', '0', '0', '0', '100,000.00', '15'])
    expect(await rowOf(page, '满意度评价', '全市合计')).toEqual(['1', '1', '0', '2', '100%'])
    expect(await rowOf(page, '满意度评价', '荔湾区')).toEqual(['1', '0', '0', '1', '100%'])
    expect(await rowOf(page, '法治知识竞赛参与', '荔湾区')).toEqual(['2', '未提供', '—'])
    expect(await rowOf(page, '法治知识竞赛参与', '越秀区')).toEqual(['1', '未提供', '—'])
    expect(await rowOf(page, '法治知识竞赛参与', '全市合计')).toEqual(['3', '未提供', '—'])
    expect(await rowOf(page, '政策解读阅读（全市）', categories[0])).toEqual(['120'])
    expect(await rowOf(page, '政策解读阅读（全市）', categories[1])).toEqual(['45'])
    const practice = page.getByRole('region', { name: '练习答题（全市，答对比例低的在前）' })
    expect(await practice.getByRole('rowheader').allInnerTexts()).toEqual(['社会保险', '工资支付'])
    expect(await rowOf(page, '练习答题（全市，答对比例低的在前）', '社会保险')).toEqual(['50', '20', '40%'])
    expect(await rowOf(page, '练习答题（全市，答对比例低的在前）', '工资支付')).toEqual(['40', '30', '75%'])
    await page.getByText('阅读次数由应用匿名汇总，不记录区县，这里是全市合计。').waitFor()

    // Each chart draws on a canvas, as an image named by its summary.
    const charts: Locator = page.locator('.figures-chart')
    expect(await charts.count()).toBe(6)
    expect(await page.locator('.figures-chart canvas').count()).toBe(6)
    expect(await page.getByRole('img', { name: '各区县收到的反映：共4件，其中投诉3件、举报1件' }).count()).toBe(1)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-figures')

    // One district, chosen from the list.
    await choose(page, '区县', '越秀区')
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForURL(/district=440104/)
    await settled(page)
    await page.locator('.figures-period', { hasText: '越秀区' }).waitFor()
    expect(await page.locator('.figures-headline__text').innerText()).toBe('为3名劳动者追回欠薪1.36万元')
    expect(await rowOf(page, '反映受理和办结', '合计')).toEqual(['0', '1', '1', '0', '0', '—', '1', '0'])

    // The print view: the bureau, the period and the tables on A4.
    await page.getByRole('link', { name: '打印' }).click()
    await waitForPage(page, '越秀区劳动保障监察和普法年度数据')
    await settled(page)
    await animationsSettled(page)
    await page.getByText('广州市人力资源和社会保障局').waitFor()
    expect(await page.getByText(`统计期间：${Number(year)}年1月1日 至 ${Number(year)}年12月31日`).count()).toBe(1)
    expect(await page.getByRole('table').count()).toBe(6)
    expect(await page.getByRole('button', { name: '打印' }).isEnabled()).toBe(true)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-figures-print')
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.figures-print__bar').isVisible()).toBe(false)
    await screenshot(page, 'console-figures-print-media')
    await page.emulateMedia({ media: 'screen' })

    expect(unexpected(errors)).toEqual([])
  })

  it("shows an inspector their own district's figures only", async () => {
    const { page, errors } = await signedInStaff(product(), browser(), { name: '王监察', login: 'wang-inspector', role: 'inspector', district: LIWAN })
    await page.getByRole('link', { name: '年度数据' }).click()
    await waitForPage(page, '年度数据')
    await settled(page)
    expect(await page.getByRole('combobox', { name: '区县' }).count()).toBe(0)
    expect(await page.locator('.figures-headline__text').innerText()).toBe('为12名劳动者追回欠薪8.64万元')
    expect(await page.getByRole('region', { name: '反映受理和办结' }).getByRole('rowheader').allInnerTexts()).toEqual(['荔湾区', '合计'])
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-figures-inspector')
    expect(unexpected(errors)).toEqual([])
  })
})
