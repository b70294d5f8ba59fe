// The console's report page (#/reports/:id) in Chromium at 1280×720, on reports sent through the
// public API as the app sends them: the personal data revealed for a reason, the photo viewer with
// zoom, accept → investigate → extend → close through the forms, a rejection, a note, a message and a
// question, the reporter's reply with a photo, duplicates marked and unmarked, and a refusal (409)
// in the service's words; axe and the CSP on every state.
import type { Page } from 'playwright-core'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { anonymousTipPayload, complaintPayload, MOBILE, NAME } from '../support/report-fixtures'
import { replyAsReporter, submitReport, uploadPhoto } from '../support/public-api'
import type { RunningProduct } from '../support/product'
import { callAsStaff, signedInStaff } from './console-staff'
import { animationsSettled, describeInBrowser, launchBrowser, screenshot, seriousAccessibilityViolations, useProductInBrowser, waitForPage } from './pages'
import { payslipJpeg, PAYSLIP_WIDTH } from './photos'

const TITLE = '反映详情'

/** The id the staff API gives the report with this tracking code. */
async function reportId(product: RunningProduct, cookie: string, trackingCode: string): Promise<string> {
  const { items } = await callAsStaff<{ items: { id: string; trackingCode: string }[] }>(product, cookie, 'GET', `/api/v1/admin/tips?q=${encodeURIComponent(trackingCode)}`)
  const id = items.find((item) => item.trackingCode === trackingCode)?.id
  if (!id) throw new Error(`report ${trackingCode} is not in the staff list`)
  return id
}

async function check(page: Page, shot: string): Promise<void> {
  await waitForPage(page, TITLE)
  expect(await seriousAccessibilityViolations(page)).toEqual([])
  await screenshot(page, shot)
}

function dialog(page: Page, title: string) {
  return page.getByRole('dialog', { name: title })
}

/** Opens an action's form from its button, fills it in with `fill`, and sends it. */
async function act(page: Page, button: string, title: string, okText: string, fill: (form: ReturnType<typeof dialog>) => Promise<void>, done: string, shot?: string) {
  await page.getByRole('region', { name: '办理操作' }).getByRole('button', { name: button, exact: true }).click()
  const form = dialog(page, title)
  await form.waitFor()
  // As a person would, once the dialog has finished opening (a click during its zoom can be lost under load).
  await animationsSettled(page)
  await fill(form)
  if (shot) {
    await waitForPage(page, TITLE)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, shot)
  }
  await form.getByRole('button', { name: okText, exact: true }).click()
  await page.getByRole('status').filter({ hasText: done }).waitFor()
  await form.waitFor({ state: 'detached' })
}

function statusTag(page: Page) {
  return page.getByRole('region', { name: '反映概况' }).locator('.report-header__status')
}

// The evidence route answers 404 for a photo of another report; nothing is expected to fail here
// but the empty reason sent on purpose (400) and the refused action (409).
const EXPECTED = /^(HTTP 40[09] .*\/api\/v1\/admin\/tips\/[^/]+\/(reveal|actions)|Failed to load resource: the server responded with a status of 40[09])/

describeInBrowser('a report in the staff console', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { console: true })

  it('reveals the reporter for a reason, shows the photo zoomed, and takes the report from 受理 to 办结 through its forms', async () => {
    // The reports, as the app sends them: a complaint with a photo, and a 举报 to reject.
    const maker = await launchBrowser()
    const blank = await (await maker.newContext()).newPage()
    const evidence = await uploadPhoto(product(), await payslipJpeg(blank, '工资条'))
    const replyPhoto = await payslipJpeg(blank, '欠条')
    await maker.close()
    const code = await submitReport(product(), complaintPayload({ evidenceIds: [evidence] }))
    const tipCode = await submitReport(product(), anonymousTipPayload({ employer: { name: '另一家装修公司', uscc: null }, workAddress: '越秀区东风中路1号' }))

    const { page, errors, cookie } = await signedInStaff(product(), browser(), { name: '王督导', login: 'wangdudao', role: 'supervisor' })
    const id = await reportId(product(), cookie, code)
    await page.goto(`${product().url}console/#/reports/${id}`)
    await waitForPage(page, TITLE)
    expect(await page.title()).toBe('反映详情 - 法治人社工作人员平台')

    // The header: 查询码, status, kind, the acceptance clock, no handler yet.
    const header = page.getByRole('region', { name: '反映概况' })
    await header.getByText(code, { exact: true }).waitFor()
    expect(await statusTag(page).innerText()).toBe('已提交')
    await header.getByText('投诉', { exact: true }).waitFor()
    await header.getByText(/^受理期限：\d{4}年\d{1,2}月\d{1,2}日(（估算）)?，剩余\d+个工作日$/).waitFor()
    await header.getByText('未指定', { exact: true }).waitFor()

    // Every field of the report; the personal data masked.
    const facts = page.locator('.report-facts')
    for (const shown of ['某某建筑劳务有限公司', '91440300708461136T', '荔湾区中山八路100号', '荔湾新城三期', '12 人', '86,400.00 元', '2025年10月 至 2026年1月', '荔湾区', '未受理', '未延长']) {
      await facts.getByText(shown, { exact: true }).waitFor()
    }
    await facts.getByText(/从去年十月起一直没有发工资/).waitFor()
    await facts.getByText(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/).first().waitFor()
    expect(await facts.innerText()).not.toContain(NAME)
    expect(await facts.innerText()).not.toContain(MOBILE)
    await check(page, 'console-report-submitted')

    // 查看个人信息: a reason is required, then the full name and phone.
    await page.getByRole('button', { name: '查看个人信息' }).click()
    const reveal = dialog(page, '查看个人信息')
    await reveal.getByRole('button', { name: '查看', exact: true }).click()
    await reveal.getByText('请写明查看的原因', { exact: true }).waitFor()
    await reveal.getByLabel('查看原因').fill('电话联系反映人核实欠薪人数')
    await check(page, 'console-report-reveal')
    await reveal.getByRole('button', { name: '查看', exact: true }).click()
    await facts.getByText(`姓名：${NAME}`, { exact: true }).waitFor()
    await facts.getByText(`联系电话：${MOBILE}`, { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: '查看个人信息' }).count()).toBe(0)
    await check(page, 'console-report-revealed')

    // The photo, from the keyboard: a thumbnail button opens the viewer, Escape closes it.
    const thumbnail = page.getByRole('button', { name: '查看证据照片第 1 张（共 1 张）' })
    await thumbnail.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: '证据照片第 1 张' }).waitFor()
    await animationsSettled(page)
    await page.keyboard.press('Escape')
    await page.getByRole('dialog', { name: '证据照片第 1 张' }).waitFor({ state: 'hidden' })
    // With the pointer: it zooms and turns.
    await thumbnail.click()
    const viewer = page.getByRole('dialog', { name: '证据照片第 1 张' })
    await viewer.waitFor()
    const picture = viewer.locator('img')
    await page.waitForFunction(({ image, width }) => image !== null && (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth === width, { image: await picture.elementHandle(), width: PAYSLIP_WIDTH })
    await viewer.getByText(/放大 100%$/).waitFor()
    await viewer.getByRole('button', { name: '放大', exact: true }).click()
    await viewer.getByText(/放大 150%$/).waitFor()
    expect(await picture.evaluate((image) => image.style.transform)).toContain('scale3d(1.5, 1.5, 1)')
    await viewer.getByRole('button', { name: '向右旋转' }).click()
    await page.waitForFunction((image) => (image as HTMLImageElement).style.transform.includes('rotate(90deg)'), await picture.elementHandle())
    await animationsSettled(page)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshot(page, 'console-report-photo-zoomed')
    await viewer.getByRole('button', { name: '关闭' }).click()
    await viewer.waitFor({ state: 'hidden' })

    // 受理: 立案日期 today by default.
    await act(
      page,
      '受理',
      '受理（立案）',
      '受理',
      async (form) => {
        expect(await form.getByLabel('立案日期').inputValue()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
      },
      '已受理',
      'console-report-accept',
    )
    expect(await statusTag(page).innerText()).toBe('已受理')
    await header.getByText('王督导', { exact: true }).waitFor()
    await header.getByText(/^调查期限：.*剩余\d+个工作日$/).waitFor()

    await act(page, '开始调查', '开始调查', '开始调查', async () => undefined, '已开始调查')
    expect(await statusTag(page).innerText()).toBe('调查中')

    // 延长调查期限: the legal basis shown; both fields required.
    await act(
      page,
      '延长调查期限',
      '延长调查期限',
      '延长',
      async (form) => {
        await form.getByText(/依据《劳动保障监察条例》第十七条/).waitFor()
        await form.getByRole('button', { name: '延长', exact: true }).click()
        await form.getByText('请填写审批人').waitFor()
        await form.getByText('请填写延长的理由').waitFor()
        await form.getByLabel('审批人').fill('李局长')
        await form.getByLabel('延长的理由').fill('涉及多个分包单位，需要调取工程款支付记录。')
      },
      '调查期限已延长',
      'console-report-extend',
    )
    await header.getByText(/^延长后的调查期限：/).waitFor()
    await facts.getByText(/已延长，审批人：李局长/).waitFor()
    await page.locator('.report-timeline').getByText('审批人：李局长').waitFor()
    expect(await page.getByRole('region', { name: '办理操作' }).getByRole('button', { name: '延长调查期限' }).count()).toBe(0)

    // 办结 with the outcome and the words for the reporter.
    await act(
      page,
      '办结',
      '办结',
      '办结',
      async (form) => {
        await form.getByRole('button', { name: '办结', exact: true }).click()
        await form.getByText('请选择处理方式').waitFor()
        await form.getByText('请填写给反映人的说明').waitFor()
        await form.getByLabel('处理方式').click()
        await page.locator('.ant-select-item-option', { hasText: '责令用人单位支付' }).click()
        await form.getByLabel('追回金额（元）').fill('86400')
        await form.getByLabel('已支付工资的人数').fill('12')
        await form.getByLabel('给反映人的说明').fill('经调查，用人单位已按责令补发全部工资，本案办结。')
      },
      '已办结',
      'console-report-close',
    )
    expect(await statusTag(page).innerText()).toBe('已办结')
    await facts.getByText('处理方式：责令用人单位支付').waitFor()
    await facts.getByText('追回金额：86,400.00 元').waitFor()
    await facts.getByText('已支付工资的人数：12 人').waitFor()
    await header.getByText('已结束，不再计时').waitFor()
    expect(await page.getByRole('region', { name: '办理操作' }).count()).toBe(0)
    await page.locator('.report-timeline').getByText('给反映人的说明：经调查，用人单位已按责令补发全部工资，本案办结。').waitFor()
    await check(page, 'console-report-closed')

    // A note, for staff only.
    await page.getByLabel('添加备注').fill('已电话联系项目经理，约定下周一到现场。')
    await page.getByRole('button', { name: '添加备注' }).click()
    await page.getByRole('status').filter({ hasText: '备注已添加。' }).waitFor()
    await page.locator('.report-notes').getByText('已电话联系项目经理，约定下周一到现场。').waitFor()

    // A message and a question to the reporter.
    const conversation = page.locator('.report-messages')
    await page.getByLabel('留言内容').fill('您好，我们已经联系了用人单位。')
    await page.getByRole('button', { name: '发送' }).click()
    await page.getByRole('status').filter({ hasText: '留言已发送' }).waitFor()
    await page.getByRole('radio', { name: '提问（请反映人回复）' }).check()
    await page.getByLabel('留言内容').fill('请问您最后一次领到工资是哪个月？')
    await page.getByRole('button', { name: '发送' }).click()
    await page.getByRole('status').filter({ hasText: '提问已发送' }).waitFor()
    await conversation.locator('li', { hasText: '请问您最后一次领到工资是哪个月？' }).getByText('提问', { exact: true }).waitFor()
    expect(await conversation.locator('li').count()).toBe(2)
    await check(page, 'console-report-messages')

    // The reporter answers with a photo: the page shows it as new once, with the photo.
    const replyUpload = await uploadPhoto(product(), replyPhoto, 'iou.jpg')
    await replyAsReporter(product(), code, MOBILE.slice(-4), '最后一次是去年九月，附上欠条。', [replyUpload])
    await page.reload()
    await waitForPage(page, TITLE)
    await page.getByText('1 条新回复', { exact: true }).waitFor()
    const reply = conversation.locator('li', { hasText: '最后一次是去年九月，附上欠条。' })
    await reply.getByText('反映人', { exact: true }).waitFor()
    await reply.getByText('新回复', { exact: true }).waitFor()
    await page.waitForFunction((width) => Array.from(document.querySelectorAll<HTMLImageElement>('.report-messages img')).some((image) => image.complete && image.naturalWidth === width), PAYSLIP_WIDTH)
    expect(await conversation.locator('li').count()).toBe(3)
    await check(page, 'console-report-reply')
    await reply.getByRole('button', { name: '查看回复照片第 1 张（共 1 张）' }).click()
    await page.getByRole('dialog', { name: '回复照片第 1 张' }).waitFor()
    await page.getByRole('dialog', { name: '回复照片第 1 张' }).getByRole('button', { name: '关闭' }).click()
    // Read now: no longer new.
    await page.reload()
    await waitForPage(page, TITLE)
    await conversation.locator('li').nth(2).waitFor()
    await page.getByText('没有未读回复', { exact: true }).waitFor()
    expect(await page.getByText('新回复', { exact: true }).count()).toBe(0)

    // The 举报: rejected, with the reason the reporter reads.
    await page.goto(`${product().url}console/#/reports/${await reportId(product(), cookie, tipCode)}`)
    await waitForPage(page, TITLE)
    await page.getByRole('region', { name: '反映概况' }).getByText(tipCode, { exact: true }).waitFor()
    await page.locator('.report-facts').getByText('匿名', { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: '查看个人信息' }).count()).toBe(0)
    await header.getByText('举报不适用受理期限').waitFor()
    await act(
      page,
      '不予受理',
      '不予受理',
      '不予受理',
      async (form) => form.getByLabel('理由').fill('经核查，该事项已由人民法院受理，请按诉讼程序办理。'),
      '已决定不予受理',
      'console-report-reject',
    )
    expect(await statusTag(page).innerText()).toBe('不予受理')
    await check(page, 'console-report-rejected')

    expect(errors.filter((error) => !EXPECTED.test(error))).toEqual([])
  }, 240_000)

  it('marks a report as a duplicate and unmarks it, and says so when someone else acted first', async () => {
    // Two workers of the same employer (the same phone would make the second a duplicate by itself).
    const employer = { name: '重复测试建筑有限公司', uscc: '91440300708461136T' }
    const first = await submitReport(product(), complaintPayload({ employer, reporter: { name: '李四', mobile: '13900139001', residentId: null } }))
    const second = await submitReport(product(), complaintPayload({ employer, reporter: { name: '王五', mobile: '13700137002', residentId: null } }))
    const { page, errors, cookie } = await signedInStaff(product(), browser(), { name: '赵监察', login: 'zhaojiancha', role: 'inspector', district: '440103' })
    const [firstId, secondId] = [await reportId(product(), cookie, first), await reportId(product(), cookie, second)]

    await page.goto(`${product().url}console/#/reports/${secondId}`)
    await waitForPage(page, TITLE)
    const suggestion = page.locator('.report-duplicates .ant-list-item', { hasText: first })
    await suggestion.getByText('同一信用代码', { exact: true }).waitFor()
    await suggestion.getByText('同一地址', { exact: true }).waitFor()
    await check(page, 'console-report-duplicate-suggested')
    await suggestion.getByRole('button', { name: `标记为重复：与 ${first} 重复` }).click()
    await page.getByRole('status').filter({ hasText: `已标记为 ${first} 的重复反映。` }).waitFor()
    const linkedTo = page.locator('.report-duplicates__row', { has: page.getByRole('button', { name: '取消重复' }) })
    await linkedTo.getByRole('link', { name: first }).waitFor()
    await check(page, 'console-report-duplicate-linked')

    // The first report lists the second as its duplicate, with a link back.
    await linkedTo.getByRole('link', { name: first }).click()
    await page.getByRole('region', { name: '反映概况' }).getByText(first, { exact: true }).waitFor()
    expect(page.url()).toBe(`${product().url}console/#/reports/${firstId}`)
    await page.locator('.report-plain-list').getByRole('link', { name: second }).click()
    await page.getByRole('region', { name: '反映概况' }).getByText(second, { exact: true }).waitFor()

    await page.getByRole('button', { name: '取消重复' }).click()
    await page.getByRole('button', { name: '取消重复' }).last().click()
    await page.getByRole('status').filter({ hasText: '已取消重复标记。' }).waitFor()
    await page.getByText('没有标为重复反映。').waitFor()
    await page.locator('.report-timeline').getByText(`原标为 ${first} 的重复`).waitFor()

    // Someone else accepts the report while this page shows it as 已提交: the service's words, and the report as it is now.
    await callAsStaff(product(), cookie, 'POST', `/api/v1/admin/tips/${secondId}/actions`, { action: 'accept', filedOn: chinaDateOf(new Date()) })
    await page.getByRole('region', { name: '办理操作' }).getByRole('button', { name: '受理', exact: true }).click()
    await dialog(page, '受理（立案）').getByRole('button', { name: '受理', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: /这份反映目前是“已受理”/ }).waitFor()
    await page.getByRole('region', { name: '反映概况' }).locator('.report-header__status', { hasText: '已受理' }).waitFor()
    await check(page, 'console-report-refused')

    expect(errors.filter((error) => !EXPECTED.test(error))).toEqual([])
  }, 120_000)
})
