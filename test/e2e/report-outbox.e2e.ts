/**
 * The report outbox in the built H5 app: a report left in the outbox when the app was closed is
 * sent on the next launch, its photo uploaded first through Taro.uploadFile (multipart FormData),
 * and the receipt, 我的反映 and 查询进度 pages show the result, in normal and elder mode.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { describeInBrowser, openPhonePage, screenshot, seriousAccessibilityViolations, useProductInBrowser } from './pages'
import type { RunningProduct } from '../support/product'
import { complaintPayload, MOBILE, NAME } from '../support/report-fixtures'

const KEY = 'e2e-outbox-0000000000000001'
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
// A real PNG from the same origin, as a picked photo kept on H5 is: written into the H5 build folder the
// product serves for these tests (the build's own images are small enough to be inlined, so it has none).
const PHOTO = '/e2e-queued-photo.png'
const PHOTO_FILE = path.join(__dirname, '..', '..', 'dist', 'h5', PHOTO.slice(1))

function queuedBeforeClosing(now: number, key = KEY, photos = [{ path: PHOTO, uploadId: null }]) {
  return {
    key,
    createdAt: now,
    payload: complaintPayload({
      reporter: { name: NAME, mobile: MOBILE, residentId: null },
      employer: { name: '某某建筑劳务有限公司', uscc: null },
    }),
    photos,
    // Closed mid-send: the launch must treat it as waiting and send it again.
    state: 'sending',
    attempts: 1,
    nextAttemptAt: now,
    lastError: null,
    fields: {},
    receipt: null,
    sentAt: null,
    renewals: 0,
  }
}

function query<T>(product: RunningProduct, sql: string): T[] {
  const database = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true })
  try {
    return database.prepare(sql).all() as T[]
  } finally {
    database.close()
  }
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name, exact: true }).locator('visible=true').waitFor()
}

describeInBrowser('reports in the H5 app', () => {
  const running = useProductInBrowser()
  let product: RunningProduct
  let browser: Browser

  beforeAll(() => {
    fs.writeFileSync(PHOTO_FILE, Buffer.from(ONE_PIXEL_PNG, 'base64'))
    product = running.product()
    browser = running.browser()
  })
  afterAll(() => fs.rmSync(PHOTO_FILE, { force: true }))

  it('sends on launch a report queued before the app closed, photo first, and shows receipt, list and progress, also in elder mode', async () => {
    const { page, errors } = await openPhonePage(browser)
    await page.goto(`${product.url}#/pages/me/index`)
    await heading(page, '我的')
    await page.evaluate((report) => localStorage.setItem('pufa.outbox', JSON.stringify({ data: [report] })), queuedBeforeClosing(Date.now()))

    await page.goto(`${product.url}#/packages/report/receipt/index?key=${KEY}`)
    await page.reload()
    await heading(page, '反映回执')
    await page.getByText('已提交：人社部门已收到您的反映').waitFor()
    const code = (await page.locator('.receipt__code').textContent())?.trim() ?? ''
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    await page.getByRole('heading', { name: '办理期限' }).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-receipt-sent')

    const tips = query<{ id: string; tracking_code: string }>(product, 'SELECT id, tracking_code FROM tips')
    expect(tips.map((tip) => tip.tracking_code)).toEqual([code])
    const uploads = query<{ tip_id: string | null; media_type: string }>(product, 'SELECT tip_id, media_type FROM uploads')
    expect(uploads).toEqual([{ tip_id: tips[0].id, media_type: 'image/png' }])

    const stored = await page.evaluate(() => localStorage.getItem('pufa.outbox') ?? '')
    expect(stored).toContain(code)
    expect(stored).not.toMatch(/张小三|13800138000/)

    await page.getByRole('link', { name: /^我的反映/ }).click()
    await heading(page, '我的反映')
    await page.getByRole('link', { name: /^某某建筑劳务有限公司，投诉，.*已提交$/ }).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-mine')

    await page.getByRole('link', { name: /^某某建筑劳务有限公司/ }).click()
    await heading(page, '当前状态：已提交')
    await page.getByText(/^(剩余\d+个工作日|今天到期)$/).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-status')

    // The same pages in elder mode.
    await page.goto(`${product.url}#/pages/me/index`)
    await page.getByRole('switch', { name: '长辈模式' }).click()
    await page.locator('.pufa-elder').first().waitFor()
    for (const [pagePath, title, shot] of [
      [`packages/report/receipt/index?key=${KEY}`, '反映回执', 'elder-report-receipt-sent'],
      ['packages/report/mine/index', '我的反映', 'elder-report-mine'],
      [`packages/report/status/index?key=${KEY}`, '当前状态：已提交', 'elder-report-status'],
    ]) {
      await page.goto(`${product.url}#/${pagePath}`)
      await heading(page, title)
      const small = await page.evaluate(() => {
        const root = Array.from(document.querySelectorAll<HTMLElement>('.pufa-page')).find((el) => el.offsetParent !== null)
        const texts = Array.from(root?.querySelectorAll<HTMLElement>('taro-text-core, .nut-button, input') ?? [])
        return texts
          .filter((el) => el.offsetParent !== null && ((el.textContent ?? '').trim() !== '' || el.tagName === 'INPUT'))
          .map((el) => parseFloat(getComputedStyle(el).fontSize))
          .filter((size) => size < 18)
      })
      expect(small).toEqual([])
      // Measured once the page has settled: Taro may still be leaving the previous page when the heading shows.
      const smallTargets = () =>
        page.locator('.pufa-page .pufa-tap:visible').evaluateAll((els) =>
          els
            .filter((el) => el.getBoundingClientRect().width < 60 || el.getBoundingClientRect().height < 60)
            .map((el) => `${(el.textContent ?? '').trim().slice(0, 20)} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
        )
      let targets = await smallTargets()
      for (let tries = 0; targets.length > 0 && tries < 20; tries++) {
        await page.waitForTimeout(250)
        targets = await smallTargets()
      }
      expect(targets).toEqual([])
      expect(await seriousAccessibilityViolations(page)).toEqual([])
      await screenshot(page, shot)
    }
    expect(errors).toEqual([])
  })

  it('waits without a network, sends by itself when the network is back, and shows what the service turned back', async () => {
    const { page, errors } = await openPhonePage(browser)
    const waitingKey = 'e2e-outbox-waiting-000000002'
    const wrongKey = 'e2e-outbox-wrong-00000000003'
    const tipsBefore = query<{ n: number }>(product, 'SELECT COUNT(*) AS n FROM tips')[0].n
    const wrong = queuedBeforeClosing(Date.now(), wrongKey, [])
    wrong.payload.workAddress = '短'
    await page.goto(`${product.url}#/pages/me/index`)
    await heading(page, '我的')
    await page.evaluate(
      (reports) => localStorage.setItem('pufa.outbox', JSON.stringify({ data: reports })),
      [queuedBeforeClosing(Date.now() - 1000, waitingKey, []), wrong],
    )

    // No answer from the service, as on a phone that lost its connection.
    await page.route('**/api/v1/tips', (route) => route.abort('internetdisconnected'))
    await page.goto(`${product.url}#/packages/report/receipt/index?key=${waitingKey}`)
    await page.reload()
    await heading(page, '反映回执')
    await page.getByText('待发送：网络恢复后会自动发送').waitFor()
    await page.getByRole('button', { name: '立即重试' }).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-receipt-waiting')

    // The network comes back: the browser says so, and the report goes without a tap.
    await page.unroute('**/api/v1/tips')
    await page.context().setOffline(true)
    await page.context().setOffline(false)
    await page.getByText('已提交：人社部门已收到您的反映').waitFor()

    await page.goto(`${product.url}#/packages/report/receipt/index?key=${wrongKey}`)
    await page.getByRole('alert').getByText('需要修改', { exact: true }).waitFor()
    await page.getByText(/^工作地址：/).waitFor()
    await page.getByRole('button', { name: '回到表单修改' }).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-receipt-needs-attention')

    expect(query<{ n: number }>(product, 'SELECT COUNT(*) AS n FROM tips')[0].n).toBe(tipsBefore + 1)
    // Requests the test itself cut off are not the app's errors.
    expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|HTTP 400 .*\/api\/v1\/tips$|status of 400/.test(error))).toEqual([])
  })

  it('uploads a photo picked on H5 (a blob: URL of the open page) under the app\'s content security policy', async () => {
    const { page, errors } = await openPhonePage(browser)
    const blobKey = 'e2e-outbox-blob-photo-000004'
    // Before the app starts, as if the photo had just been picked: a PNG in a blob: URL, and the
    // report queued with it. Only on the first load, so that a reload keeps what the app stored.
    await page.addInitScript(
      ({ report, png }) => {
        if (localStorage.getItem('pufa.outbox') !== null) return
        const bytes = Uint8Array.from(atob(png), (char) => char.charCodeAt(0))
        const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }))
        localStorage.setItem('pufa.outbox', JSON.stringify({ data: [{ ...report, photos: [{ path: url, uploadId: null }] }] }))
      },
      { report: queuedBeforeClosing(Date.now(), blobKey, []), png: ONE_PIXEL_PNG },
    )
    const tipsBefore = query<{ n: number }>(product, 'SELECT COUNT(*) AS n FROM tips')[0].n
    await page.goto(`${product.url}#/packages/report/receipt/index?key=${blobKey}`)
    await page.getByText('已提交：人社部门已收到您的反映').waitFor()
    const code = (await page.locator('.receipt__code').textContent())?.trim() ?? ''
    const attached = query<{ media_type: string }>(
      product,
      `SELECT uploads.media_type FROM uploads JOIN tips ON tips.id = uploads.tip_id WHERE tips.tracking_code = '${code}'`,
    )
    expect(attached).toEqual([{ media_type: 'image/png' }])
    expect(query<{ n: number }>(product, 'SELECT COUNT(*) AS n FROM tips')[0].n).toBe(tipsBefore + 1)
    expect(errors).toEqual([])
  })
})
