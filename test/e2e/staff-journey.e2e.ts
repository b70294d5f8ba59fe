/**
 * The whole loop, both apps served by one `pufa serve`: a new inspector enrols an authenticator in
 * the console and signs in; a worker reports unpaid wages from the H5 app; the report appears in
 * the inspector's inbox with its clock; the inspector accepts it and asks a question; the worker,
 * on the H5 status page, answers with a photo; the inspector sees the reply and closes the report
 * with an outcome; the worker sees 已办结, the outcome and the next steps (the conversation and the
 * closed report also in elder mode).
 */
import type { Locator, Page } from 'playwright-core'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { reportableMonths } from '../../src/core/tips/draft'
import { totpCode } from '../support/authenticator'
import { createStaffAccount } from '../support/product'
import {
  animationsSettled,
  describeInBrowser,
  elderSizeProblems,
  openDesktopPage,
  openPhonePage,
  screenshot,
  screenshotAt,
  seriousAccessibilityViolations,
  switchToElderMode,
  useProductInBrowser,
  waitForPage,
} from './pages'
import { payslipJpeg, PAYSLIP_WIDTH } from './photos'

const EMPLOYER = '闭环测试建筑劳务有限公司'
const QUESTION = '请问您最后一次领到工资是哪个月？有没有工资条？'
const REPLY = '最后一次是去年九月，工资条拍了照片。'
const CLOSING_NOTE = '经调查，用人单位已按责令补发全部工资，本案办结。'
// The console asks who is signed in before the enrolment: nobody yet.
const NO_SESSION_YET = /^(HTTP 401 .*\/api\/v1\/staff\/session$|Failed to load resource: the server responded with a status of 401)/

function visible(page: Page, role: 'radio' | 'checkbox' | 'link' | 'button' | 'textbox', name: string | RegExp): Locator {
  return page.getByRole(role, { name, exact: typeof name === 'string' }).locator('visible=true')
}

function text(page: Page, words: string | RegExp): Locator {
  return page.getByText(words, { exact: typeof words === 'string' }).locator('visible=true')
}

async function checked(page: Page, heading: string, shot: string): Promise<void> {
  await waitForPage(page, heading)
  expect(await seriousAccessibilityViolations(page)).toEqual([])
  await screenshot(page, shot)
}

/** Opens an action of the report page, lets `fill` fill its form, sends it and waits for the page's confirmation. */
async function act(page: Page, button: string, title: string, fill: (form: Locator) => Promise<void>, done: string): Promise<void> {
  await page.getByRole('region', { name: '办理操作' }).getByRole('button', { name: button, exact: true }).click()
  const form = page.getByRole('dialog', { name: title })
  await form.waitFor()
  // As a person would, once the dialog has finished opening (a click during its zoom can be lost under load).
  await animationsSettled(page)
  await fill(form)
  await form.getByRole('button', { name: button, exact: true }).click()
  await page.getByRole('status').filter({ hasText: done }).waitFor()
  await form.waitFor({ state: 'detached' })
}

describeInBrowser('the loop: a report from the H5 app worked in the console, with a question answered in between', () => {
  const { product, browser } = useProductInBrowser({}, undefined, { h5: true, console: true })

  it('goes from 已提交 to 已办结 with the reporter answering a question with a photo', async () => {
    // 1. A new inspector of 荔湾区, created with the CLI's account command, enrols in the console.
    const { enrolmentLink } = await createStaffAccount(product(), { name: '陈监察', login: 'chenjiancha', role: 'inspector', district: '440103' })
    const staff = await openDesktopPage(browser())
    const console_ = staff.page
    await console_.goto(enrolmentLink)
    await console_.getByRole('img', { name: /二维码/ }).waitFor()
    await checked(console_, '启用账号', 'loop-console-enrol')
    const secret = (await console_.locator('.console-secret').innerText()).replace(/\s/g, '')
    const password = '荔枝湾涌-Liwan-闭环-2026'
    await console_.getByLabel('密码', { exact: true }).fill(password)
    await console_.getByLabel('再次输入密码').fill(password)
    await console_.getByLabel('动态验证码').fill(totpCode(secret))
    await console_.getByRole('button', { name: '启用账号并登录' }).click()
    await checked(console_, '反映办理', 'loop-console-inbox-empty')
    await console_.getByText('暂无反映').waitFor()

    // 2. A worker reports from the H5 app: a named complaint in 荔湾区.
    const worker = await openPhonePage(browser())
    const phone = worker.page
    await phone.goto(`${product().url}#/packages/report/form/index?kind=complaint`)
    await waitForPage(phone, '填写欠薪反映')
    const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))
    await visible(phone, 'textbox', '姓名').fill('王小五')
    await visible(phone, 'textbox', '联系电话').fill('13700137000')
    await visible(phone, 'textbox', '用人单位名称').fill(EMPLOYER)
    await visible(phone, 'radio', '荔湾区').click()
    await visible(phone, 'textbox', '工作地址').fill('荔湾区中山八路100号')
    await visible(phone, 'textbox', '被欠薪人数').fill('3')
    await visible(phone, 'textbox', '欠薪金额').fill('24000')
    await phone.getByRole('combobox', { name: '欠薪开始月份' }).locator('visible=true').selectOption(months[3])
    await phone.getByRole('combobox', { name: '欠薪结束月份' }).locator('visible=true').selectOption(months[1])
    await visible(phone, 'textbox', '情况说明').fill('三个月没有发工资，老板一直说下个月再发。')
    await visible(phone, 'checkbox', '我保证所填内容真实').click()
    await visible(phone, 'button', '提交反映').click()
    await waitForPage(phone, '反映回执')
    await text(phone, '已提交：人社部门已收到您的反映').waitFor({ timeout: 30000 })
    const code = ((await phone.locator('.receipt__code').locator('visible=true').textContent()) ?? '').trim()
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)

    // 3. It is in the inspector's inbox, with its acceptance clock.
    await console_.reload()
    await waitForPage(console_, '反映办理')
    const row = console_.getByRole('row').filter({ has: console_.getByRole('link', { name: code }) })
    await row.waitFor()
    await row.getByText(/^(剩 \d+ 个工作日|今天到期)$/).waitFor()
    await row.getByText(/^受理期限 \d{4}-\d{2}-\d{2}$/).waitFor()
    await row.getByText(EMPLOYER).waitFor()
    await checked(console_, '反映办理', 'loop-console-inbox')

    // 4. Accepted (立案 today), and a question for the worker.
    await row.getByRole('link', { name: code }).click()
    await waitForPage(console_, '反映详情')
    await act(console_, '受理', '受理（立案）', async () => undefined, '已受理')
    await console_.getByLabel('留言内容').fill(QUESTION)
    await console_.getByRole('radio', { name: '提问（请反映人回复）' }).check()
    await console_.getByRole('button', { name: '发送' }).click()
    await console_.getByRole('status').filter({ hasText: '提问已发送' }).waitFor()
    await checked(console_, '反映详情', 'loop-console-asked')

    // 5. The worker sees the question in 我的反映 and answers it on the status page, with a photo.
    await phone.goto(`${product().url}#/packages/report/mine/index`)
    await waitForPage(phone, '我的反映')
    const mine = visible(phone, 'link', new RegExp(`^${EMPLOYER}，投诉，.*已受理.*有新消息`))
    await mine.waitFor({ timeout: 30000 })
    await checked(phone, '我的反映', 'loop-phone-mine')
    await mine.click()
    await waitForPage(phone, '当前状态：已受理')
    await text(phone, QUESTION).waitFor()
    await text(phone, '需要您回复').first().waitFor()
    await visible(phone, 'textbox', '回复工作人员').fill(REPLY)
    const chooser = phone.waitForEvent('filechooser')
    await visible(phone, 'button', /^添加照片/).click()
    await (await chooser).setFiles({ name: 'payslip.jpg', mimeType: 'image/jpeg', buffer: await payslipJpeg(phone) })
    await visible(phone, 'checkbox', '我同意工作人员处理这些照片').click()
    await visible(phone, 'button', '发送回复').click()
    await text(phone, /^回复已保存在手机上/).waitFor()
    await text(phone, REPLY).waitFor({ timeout: 30000 })
    await checked(phone, '当前状态：已受理', 'loop-phone-replied')
    const conversation = phone.getByRole('heading', { name: '留言', exact: true }).locator('visible=true')
    await screenshotAt(phone, conversation, 'loop-phone-conversation')

    // The same conversation in elder mode: large enough to read and tap.
    await phone.goto(product().url)
    await waitForPage(phone, '法治人社')
    await switchToElderMode(phone)
    await phone.goto(`${product().url}#/packages/report/mine/index`)
    await waitForPage(phone, '我的反映')
    await visible(phone, 'link', new RegExp(`^${EMPLOYER}，投诉，`)).click()
    await waitForPage(phone, '当前状态：已受理')
    await text(phone, REPLY).waitFor()
    expect(await elderSizeProblems(phone)).toEqual([])
    expect(await seriousAccessibilityViolations(phone)).toEqual([])
    await screenshotAt(phone, conversation, 'loop-phone-conversation-elder')

    // 6. The inspector sees the reply with its photo, then investigates and closes with an outcome.
    await console_.reload()
    await waitForPage(console_, '反映详情')
    await console_.getByText('1 条新回复', { exact: true }).waitFor({ timeout: 30000 })
    const reply = console_.locator('.report-messages li', { hasText: REPLY })
    await reply.getByText('反映人', { exact: true }).waitFor()
    await console_.waitForFunction((width) => Array.from(document.querySelectorAll<HTMLImageElement>('.report-messages img')).some((image) => image.complete && image.naturalWidth === width), PAYSLIP_WIDTH)
    await checked(console_, '反映详情', 'loop-console-reply')
    await act(console_, '开始调查', '开始调查', async () => undefined, '已开始调查')
    await act(
      console_,
      '办结',
      '办结',
      async (form) => {
        await form.getByLabel('处理方式').click()
        await console_.locator('.ant-select-item-option', { hasText: '责令用人单位支付' }).click()
        await form.getByLabel('追回金额（元）').fill('24000')
        await form.getByLabel('已支付工资的人数').fill('3')
        await form.getByLabel('给反映人的说明').fill(CLOSING_NOTE)
      },
      '已办结',
    )
    await checked(console_, '反映详情', 'loop-console-closed')

    // 7. The worker sees 已办结, the outcome and the next steps, and no deadlines.
    await phone.goto(`${product().url}#/packages/report/mine/index`)
    await waitForPage(phone, '我的反映')
    const closed = visible(phone, 'link', new RegExp(`^${EMPLOYER}，投诉，.*已办结`))
    await closed.waitFor({ timeout: 30000 })
    await closed.click()
    await waitForPage(phone, '当前状态：已办结')
    await text(phone, CLOSING_NOTE).first().waitFor()
    await text(phone, /责令用人单位支付/).waitFor()
    await text(phone, /行政复议/).first().waitFor()
    expect(await text(phone, /^最迟\d{4}年/).count()).toBe(0)
    await checked(phone, '当前状态：已办结', 'loop-phone-closed')

    expect(staff.errors.filter((error) => !NO_SESSION_YET.test(error))).toEqual([])
    expect(worker.errors).toEqual([])
  }, 300_000)
})
