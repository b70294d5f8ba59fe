/**
 * The whole report journey in the built H5 app, as a new user on a phone: the 反映 tab, the form
 * filled in by its visible labels with one photo, submitted without a network, kept through a
 * reload, sent by itself once the network is back, and followed on 查询进度.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Locator, Page } from 'playwright-core'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { reportableMonths } from '../../src/core/tips/draft'
import type { RunningProduct } from '../support/product'
import { describeInBrowser, openPhonePage, screenshot, screenshotDir, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'
import { payslipJpeg } from './photos'

const TRACKING_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/
// What the browser logs for the requests that fail while the test has it offline.
const OFFLINE_NOISE = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/

function query<T>(product: RunningProduct, sql: string): T[] {
  const database = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true })
  try {
    return database.prepare(sql).all() as T[]
  } finally {
    database.close()
  }
}

/** A screenshot with `target` scrolled into view: Taro's pages scroll inside themselves, so fullPage shows one screen. */
async function screenshotAt(page: Page, target: Locator, name: string): Promise<void> {
  await target.evaluate((element) => element.scrollIntoView({ block: 'start' }))
  await screenshot(page, name)
}

describeInBrowser('a wage-arrears report from the 反映 tab to 查询进度', () => {
  const { product, browser } = useProductInBrowser()

  it('is filled in, submitted offline, kept through a reload, sent by itself when back online, and followed', async () => {
    const { page, errors } = await openPhonePage(browser())
    const context = page.context()
    const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))

    // A new user opens the app; it syncs the site (districts) and the service worker keeps the app.
    await page.goto(product().url)
    await waitForPage(page, '法治人社')
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    const photo = await payslipJpeg(page)
    expect(photo.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))

    await page.locator('.weui-tabbar__item', { hasText: '反映' }).click()
    await waitForPage(page, '欠薪反映')
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-flow-triage')

    await page.getByRole('link', { name: /^单位欠我的钱，我要投诉/ }).click()
    await waitForPage(page, '填写欠薪反映')
    const field = (name: string) => page.getByRole('textbox', { name, exact: true }).locator('visible=true')
    await field('姓名').fill('张小三')
    // A landline, as people write one: the area code in brackets, the number in two groups.
    await field('联系电话').fill('（020）8321 2345')
    await field('用人单位名称').fill('广州某某建筑劳务有限公司')
    await page.getByRole('radio', { name: '天河区' }).locator('visible=true').click()
    await field('工作地址').fill('天河区天河路100号')
    await page.getByRole('radio', { name: '是建筑工地' }).locator('visible=true').click()
    await field('工程项目名称').fill('天河新城三期')
    await field('被欠薪人数').fill('12')
    await field('欠薪金额').fill('约5万')
    // Owed for two and a half years: the form warns of the two-year limit, and still takes the report.
    await page.getByRole('combobox', { name: '欠薪开始月份' }).locator('visible=true').selectOption(months[30])
    const limitWarning = page.getByRole('status').filter({ hasText: '欠薪开始的时间已经超过两年' }).locator('visible=true')
    await limitWarning.waitFor()
    await page.getByRole('combobox', { name: '欠薪结束月份' }).locator('visible=true').selectOption(months[1])
    await field('情况说明').fill('从六月起一直没有发工资，老板说等工程款到了再发。')

    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: '添加照片（还能加9张）' }).locator('visible=true').click()
    await (await chooser).setFiles({ name: 'payslip.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.getByRole('button', { name: '删除第1张照片' }).locator('visible=true').waitFor()

    // A photo of a pay slip is sensitive: its separate consent is asked, and given.
    await page.getByRole('radio', { name: '同意处理' }).locator('visible=true').click()
    await page.getByRole('checkbox', { name: '我保证所填内容真实' }).locator('visible=true').click()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshotAt(page, page.getByRole('heading', { name: '填写欠薪反映' }).locator('visible=true'), 'report-flow-form-1')
    await screenshotAt(page, page.getByRole('heading', { name: '欠薪单位' }).locator('visible=true'), 'report-flow-form-2')
    await screenshotAt(page, page.getByRole('heading', { name: '欠薪情况' }).locator('visible=true'), 'report-flow-form-3')
    await screenshotAt(page, limitWarning, 'report-flow-form-limit-warning')
    await screenshotAt(page, page.getByText(/^可以拍下这些材料/).locator('visible=true'), 'report-flow-form-4')
    await screenshotAt(page, page.getByRole('button', { name: '提交反映' }).locator('visible=true'), 'report-flow-form-5')

    // The network goes before the person presses submit.
    await context.setOffline(true)
    await page.getByRole('button', { name: '提交反映' }).locator('visible=true').click()
    await waitForPage(page, '反映回执')
    await page.getByText('待发送：网络恢复后会自动发送').locator('visible=true').waitFor()
    await page.getByText('照片已上传0张，共1张').locator('visible=true').waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-flow-receipt-waiting')
    expect(query<{ n: number }>(product(), 'SELECT COUNT(*) AS n FROM tips')[0].n).toBe(0)

    // Still offline, the page is reloaded (as when the phone closes the tab): the report waits on.
    await page.reload()
    await waitForPage(page, '反映回执')
    await page.getByText('待发送：网络恢复后会自动发送').locator('visible=true').waitFor()
    await page.getByRole('link', { name: /^我的反映/ }).locator('visible=true').click()
    await waitForPage(page, '我的反映')
    const row = page.getByRole('link', { name: /^广州某某建筑劳务有限公司，投诉，/ }).locator('visible=true')
    await expect(row.getAttribute('aria-label')).resolves.toMatch(/提交，待发送$/)
    await screenshot(page, 'report-flow-mine-waiting')

    // The network comes back: nobody taps anything, and the report goes, photo first.
    await context.setOffline(false)
    await page.getByRole('link', { name: /^广州某某建筑劳务有限公司，投诉，.*已提交$/ }).locator('visible=true').waitFor({ timeout: 30000 })
    const code = ((await row.getByText(/^查询码 /).textContent()) ?? '').replace('查询码 ', '').trim()
    expect(code).toMatch(TRACKING_CODE)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-flow-mine-sent')

    const tips = query<{ id: string; tracking_code: string; amount_fen: number; amount_approximate: number }>(
      product(),
      'SELECT id, tracking_code, amount_fen, amount_approximate FROM tips',
    )
    expect(tips.map((tip) => [tip.tracking_code, tip.amount_fen, tip.amount_approximate])).toEqual([[code, 5_000_000, 1]])
    const uploads = query<{ tip_id: string | null; media_type: string }>(product(), 'SELECT tip_id, media_type FROM uploads')
    expect(uploads).toEqual([{ tip_id: tips[0].id, media_type: 'image/jpeg' }])

    await row.click()
    await waitForPage(page, '当前状态：已提交')
    await waitForPage(page, '办理经过')
    await page.getByText(`查询码：${code}`).locator('visible=true').waitFor()
    const timeline = page.locator('.pufa-card:visible', { has: page.getByRole('heading', { name: '办理经过' }) })
    await expect(timeline.locator('.tip-status__event').allTextContents()).resolves.toEqual([expect.stringMatching(/^已提交\d{4}年/)])
    await page.getByText(/^(剩余\d+个工作日|今天到期)$/).locator('visible=true').waitFor()
    expect(await page.getByText(/^最迟\d{4}年\d{1,2}月\d{1,2}日/).locator('visible=true').count()).toBe(3)
    await page.getByText(/立案之日起60个工作日内完成调查（《劳动保障监察条例》第十七条）/).locator('visible=true').waitFor()
    await page.getByText(/可延长30个工作日（《劳动保障监察条例》第十七条）/).locator('visible=true').waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-flow-status')
    await screenshotAt(page, page.getByRole('heading', { name: '办理期限' }).locator('visible=true'), 'report-flow-status-deadlines')

    // Back on the receipt, now sent: the worker saves it as a picture, which the browser downloads as a PNG.
    const key = /[?&]key=([^&]+)/.exec(page.url())?.[1]
    expect(key).toBeTruthy()
    await page.goto(`${product().url}#/packages/report/receipt/index?key=${key}`)
    await waitForPage(page, '反映回执')
    const save = page.getByRole('button', { name: '保存回执图片' }).locator('visible=true')
    await save.waitFor()
    await page.getByText('回执图片上有查询码、提交时间和办理期限，只在本机生成，不含您的姓名和电话。').locator('visible=true').waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshotAt(page, save, 'report-flow-receipt-sent')
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()])
    expect(download.suggestedFilename()).toBe('欠薪反映回执.png')
    const picture = fs.readFileSync(await download.path())
    fs.mkdirSync(screenshotDir, { recursive: true })
    fs.writeFileSync(path.join(screenshotDir, 'report-flow-receipt-picture.png'), picture)
    // A PNG (its signature, then the IHDR chunk with width and height), as wide as it is laid out and taller than wide.
    expect(picture.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(picture.subarray(12, 16).toString('ascii')).toBe('IHDR')
    const [width, height] = [picture.readUInt32BE(16), picture.readUInt32BE(20)]
    expect(width).toBe(900)
    expect(height).toBeGreaterThan(width)
    expect(height).toBeLessThan(2500)
    // Decoded by the browser, the picture has text (dark pixels) in a red frame on white paper, not a blank page.
    const shares = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const drawing = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
      drawing.drawImage(bitmap, 0, 0)
      const { data } = drawing.getImageData(0, 0, bitmap.width, bitmap.height)
      let white = 0
      let dark = 0
      let red = 0
      for (let index = 0; index < data.length; index += 4) {
        const [r, g, b] = [data[index], data[index + 1], data[index + 2]]
        if (r > 240 && g > 240 && b > 240) white += 1
        else if (r < 90 && g < 90 && b < 90) dark += 1
        else if (r > 150 && g < 80 && b < 80) red += 1
      }
      const pixels = data.length / 4
      return { white: white / pixels, dark: dark / pixels, red: red / pixels }
    }, picture.toString('base64'))
    expect(shares.white).toBeGreaterThan(0.6)
    expect(shares.dark).toBeGreaterThan(0.01)
    expect(shares.red).toBeGreaterThan(0.005)
    await page.getByText('回执图片已下载（欠薪反映回执.png），可以在浏览器的“下载”里找到。').locator('visible=true').waitFor()
    await screenshotAt(page, save, 'report-flow-receipt-picture-saved')

    // In WeChat's own browser (an H5 link opened from a chat), which ignores downloads: the picture is shown to be long-pressed.
    await page.addInitScript(() => Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (Linux; Android 14) Mobile MicroMessenger/8.0.50' }))
    await page.reload()
    await waitForPage(page, '反映回执')
    await save.click()
    await page.getByText('这个浏览器不能直接下载。请长按下面的图片，选择“保存图片”。').locator('visible=true').waitFor()
    const shownPicture = page.getByRole('img', { name: '回执图片，长按可保存' }).locator('visible=true')
    await shownPicture.waitFor()
    await expect(shownPicture.evaluate((image: HTMLImageElement) => image.decode().then(() => [image.naturalWidth, image.naturalHeight]))).resolves.toEqual([width, height])
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshotAt(page, shownPicture, 'report-flow-receipt-picture-shown')

    // Once sent, the phone keeps neither the name nor the whole phone number, only its last four digits.
    const stored = await page.evaluate(() => localStorage.getItem('pufa.outbox') ?? '')
    expect(stored).toContain(code)
    expect(stored).not.toMatch(/张小三|8321/)
    expect(errors.filter((error) => !OFFLINE_NOISE.test(error))).toEqual([])
  })
})

describeInBrowser('a report the service turned back', () => {
  const { product, browser } = useProductInBrowser()

  it('goes back to the form with the service’s message, and once corrected is sent under the same key', async () => {
    const { page, errors } = await openPhonePage(browser())
    const key = 'c0ffee00c0ffee00c0ffee00c0ffee00'
    const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))
    await page.goto(product().url)
    await waitForPage(page, '法治人社')
    // The report as the outbox keeps it after the service answered 400 naming the work address.
    await page.evaluate(
      ({ key: reportKey, createdAt, from, to }) => {
        const report = {
          key: reportKey,
          createdAt,
          payload: {
            kind: 'complaint',
            reporter: { name: '李小四', mobile: '13900139000', residentId: null },
            employer: { name: '某某餐饮管理有限公司', uscc: null },
            districtCode: '440104',
            workAddress: '越秀区',
            isConstruction: false,
            constructionProject: null,
            workersOwed: '3',
            amountYuan: '9000',
            owedPeriod: { from, to },
            description: '三个月没有发工资，老板一直说下个月再发。',
            consentSensitive: true,
            truthful: true,
          },
          photos: [],
          state: 'needs_attention',
          attempts: 0,
          nextAttemptAt: null,
          lastError: '有几项内容需要修改，请回到表单修改后重新提交',
          fields: { workAddress: '工作地址至少要写5个字' },
          receipt: null,
          sentAt: null,
          renewals: 0,
          keyTaken: false,
        }
        localStorage.setItem('pufa.outbox', JSON.stringify({ data: [report] }))
      },
      { key, createdAt: Date.now(), from: months[3], to: months[0] },
    )

    await page.goto(`${product().url}#/packages/report/receipt/index?key=${key}`)
    await page.reload()
    await waitForPage(page, '反映回执')
    await page.getByRole('button', { name: '回到表单修改' }).locator('visible=true').click()
    await waitForPage(page, '修改欠薪反映')
    const summary = page.getByRole('alert').locator('visible=true')
    await summary.getByText('工作地址：工作地址至少要写5个字').waitFor()
    const address = page.getByRole('textbox', { name: '工作地址', exact: true }).locator('visible=true')
    await expect(address.getAttribute('aria-invalid')).resolves.toBe('true')
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'report-flow-correction')

    await address.fill('越秀区中山五路200号')
    // The message goes once the field is changed: it was about the address as sent.
    await summary.waitFor({ state: 'hidden' })
    await page.getByRole('button', { name: '重新提交' }).locator('visible=true').click()
    await waitForPage(page, '反映回执')
    await page.getByText('已提交：人社部门已收到您的反映').locator('visible=true').waitFor()
    expect(page.url()).toContain(`key=${key}`)
    const tips = query<{ work_address: string }>(product(), 'SELECT work_address FROM tips')
    expect(tips).toEqual([{ work_address: '越秀区中山五路200号' }])
    expect(errors).toEqual([])
  })
})
