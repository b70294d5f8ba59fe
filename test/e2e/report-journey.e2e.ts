/**
 * What the worker is told, as a new user on a phone would meet it, in the usual and the elder mode:
 * the triage and dispute panel (劳动争议调解仲裁法 art. 9 and the time limits), a named complaint sent
 * with no consent to tick, a 举报 with no acceptance clock, 我的反映 showing 已办结 once staff close
 * the complaint, the outcome and next steps of closed and rejected reports with no deadlines left,
 * and, with the service's clock at 2026-12-30, an acceptance deadline estimated past New Year.
 */
import type { Page } from 'playwright-core'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { reportableMonths } from '../../src/core/tips/draft'
import { createCityStaffToken, moveReport } from '../support/product'
import {
  describeInBrowser,
  elderSizeProblems,
  openPhonePage,
  screenshot,
  screenshotAt,
  seriousAccessibilityViolations,
  switchToElderMode,
  useProductInBrowser,
  waitForPage,
} from './pages'

function visible(page: Page, role: 'radio' | 'checkbox' | 'link' | 'button' | 'switch' | 'textbox' | 'heading', name: string | RegExp) {
  return page.getByRole(role, { name, exact: typeof name === 'string' }).locator('visible=true')
}

function text(page: Page, words: string | RegExp) {
  return page.getByText(words, { exact: typeof words === 'string' }).locator('visible=true')
}

/** The form filled in by its visible labels: the employer and the arrears, for either kind. */
async function fillReport(page: Page, employer: string): Promise<void> {
  const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))
  await visible(page, 'textbox', '用人单位名称').fill(employer)
  await visible(page, 'radio', '荔湾区').click()
  await visible(page, 'textbox', '工作地址').fill('荔湾区中山八路100号')
  await visible(page, 'textbox', '被欠薪人数').fill('3')
  await visible(page, 'textbox', '欠薪金额').fill('24000')
  await page.getByRole('combobox', { name: '欠薪开始月份' }).locator('visible=true').selectOption(months[3])
  await page.getByRole('combobox', { name: '欠薪结束月份' }).locator('visible=true').selectOption(months[1])
  await visible(page, 'textbox', '情况说明').fill('三个月没有发工资，老板一直说下个月再发。')
  await visible(page, 'checkbox', '我保证所填内容真实').click()
}

/** The tracking code the receipt shows. */
async function trackingCodeOn(page: Page): Promise<string> {
  await text(page, '已提交：人社部门已收到您的反映').waitFor({ timeout: 30000 })
  return ((await page.locator('.receipt__code').locator('visible=true').textContent()) ?? '').trim()
}

describeInBrowser('what the worker is told about a report, from the triage to the outcome', () => {
  const { product, browser } = useProductInBrowser()
  let staffToken = ''

  beforeAll(async () => {
    staffToken = await createCityStaffToken(product(), '全市劳动保障监察')
  })

  for (const elder of [false, true]) {
    const shot = elder ? 'elder-report-journey' : 'report-journey'
    it(`${elder ? 'in elder mode' : 'in the usual mode'}: art. 9 and the limits, no consent to tick, no clock for a 举报, the outcome and next steps`, async () => {
      const { page, errors } = await openPhonePage(browser())
      const check = async (heading: string, name: string) => {
        await waitForPage(page, heading)
        expect(await seriousAccessibilityViolations(page)).toEqual([])
        if (elder) expect(await elderSizeProblems(page)).toEqual([])
        await screenshot(page, `${shot}-${name}`)
      }
      await page.goto(product().url)
      await waitForPage(page, '法治人社')
      if (elder) await switchToElderMode(page)

      // The triage: every owed item of art. 9 leads to the complaint; a dispute over the amount to arbitration.
      await page.locator('.weui-tabbar__item', { hasText: '反映' }).click()
      await waitForPage(page, '欠薪反映')
      await expect(visible(page, 'link', /^单位欠我的钱，我要投诉/).textContent()).resolves.toContain('工伤医疗费、经济补偿、赔偿金')
      await visible(page, 'button', /^对欠多少、该不该给有争议/).click()
      await text(page, /劳动者可以向人社部门投诉，人社部门应当依法处理（《劳动争议调解仲裁法》第九条）/).waitFor()
      await text(page, /在职期间被拖欠工资的，申请仲裁不受这一年的限制/).waitFor()
      await text(page, /不再查处.*（《劳动保障监察条例》第二十条）/).waitFor()
      await check('欠薪反映', 'triage-dispute')
      await screenshotAt(page, visible(page, 'heading', '时效：别错过'), `${shot}-limits`)

      // A named complaint with no ID number and no photos: nothing sensitive, nothing to consent to.
      await visible(page, 'link', /^单位欠我的钱，我要投诉/).click()
      await waitForPage(page, '填写欠薪反映')
      await text(page, /人社部门应当为举报人保密（《劳动保障监察条例》第九条第三款）/).waitFor()
      await visible(page, 'textbox', '姓名').fill('王小五')
      await visible(page, 'textbox', '联系电话').fill('13700137000')
      const employer = elder ? '长辈模式测试劳务公司' : '常规模式测试劳务公司'
      await fillReport(page, employer)
      expect(await page.getByRole('radiogroup', { name: '敏感个人信息处理同意' }).locator('visible=true').count()).toBe(0)
      await screenshotAt(page, visible(page, 'heading', '您的个人信息怎么处理'), `${shot}-notice`)
      await visible(page, 'button', '提交反映').click()
      await waitForPage(page, '反映回执')
      const complaintCode = await trackingCodeOn(page)
      await text(page, /^符合受理条件的投诉，收到后5个工作日内受理/).waitFor()
      await check('反映回执', 'receipt-complaint')

      // A 举报: the acceptance term of complaints does not apply.
      await page.goto(`${product().url}#/packages/report/form/index?kind=tip`)
      await waitForPage(page, '填写欠薪反映')
      await visible(page, 'radio', '匿名').click()
      await fillReport(page, `${employer}（举报）`)
      await visible(page, 'button', '提交反映').click()
      await waitForPage(page, '反映回执')
      const tipCode = await trackingCodeOn(page)
      await text(page, /^举报不适用投诉的受理期限。/).waitFor()
      expect(await text(page, /^最迟/).count()).toBe(0)
      await check('反映回执', 'receipt-tip')

      // Staff close the complaint and reject the 举报; the worker sees it in 我的反映 without asking.
      await moveReport(product(), staffToken, complaintCode, [['accepted'], ['investigating'], ['closed', '经调查，用人单位已补发全部工资，本案办结。']])
      await moveReport(product(), staffToken, tipCode, [['rejected', '经核查，该事项已由人民法院受理，请按诉讼程序办理。']])
      await page.goto(`${product().url}#/packages/report/mine/index`)
      await waitForPage(page, '我的反映')
      await visible(page, 'link', new RegExp(`^${employer}，投诉，.*已办结，有新进展$`)).waitFor({ timeout: 30000 })
      await visible(page, 'link', new RegExp(`^${employer}（举报），举报，.*不予受理，有新进展$`)).waitFor()
      await check('我的反映', 'mine')

      // The closed complaint: the outcome, what can still be done, no deadline, one rating.
      await visible(page, 'link', new RegExp(`^${employer}，投诉，`)).click()
      await waitForPage(page, '办理结果：已办结')
      expect(await visible(page, 'heading', '办理期限').count()).toBe(0)
      expect(await text(page, /^最迟/).count()).toBe(0)
      await text(page, /60日内申请行政复议（《行政复议法》第二十条）/).waitFor()
      await text(page, /6个月（《行政诉讼法》第四十六条）/).waitFor()
      await screenshotAt(page, visible(page, 'heading', '办理结果：已办结'), `${shot}-closed`)
      await visible(page, 'radio', '满意').click()
      await visible(page, 'button', '提交评价').click()
      await visible(page, 'heading', '您的评价：满意').waitFor()
      await check('查询进度', 'closed-rated')

      // The rejected 举报: the decision and the remedies, no deadline, no rating.
      await page.goBack()
      await waitForPage(page, '我的反映')
      await visible(page, 'link', new RegExp(`^${employer}（举报），举报，`)).click()
      await waitForPage(page, '办理结果：不予受理')
      expect(await visible(page, 'heading', '办理期限').count()).toBe(0)
      expect(await visible(page, 'heading', '评价这次办理').count()).toBe(0)
      await check('查询进度', 'rejected')
      expect(errors).toEqual([])
    })
  }
})

describeInBrowser('a deadline in a year whose holiday notice is not out yet', () => {
  // 10:00 in China on 2026-12-30: the sample feed's calendars end with 2026.
  const { product, browser } = useProductInBrowser({}, '2026-12-30 02:00:00')

  it('counts 5 working days past the statutory New Year holiday to 2027-01-07, marked 估算, and says how', async () => {
    const { page, errors } = await openPhonePage(browser())
    await page.goto(`${product().url}#/packages/report/form/index?kind=complaint`)
    await waitForPage(page, '填写欠薪反映')
    await visible(page, 'textbox', '姓名').fill('陈小七')
    await visible(page, 'textbox', '联系电话').fill('13500135000')
    await fillReport(page, '年底欠薪的装修公司')
    await visible(page, 'button', '提交反映').click()
    await waitForPage(page, '反映回执')
    await trackingCodeOn(page)
    const acceptance = page.locator('.deadline-list__row', { hasText: '受理' }).locator('visible=true').first()
    await expect(acceptance.locator('.deadline-list__date').textContent()).resolves.toBe('最迟2027年1月7日（估算）')
    await text(page, /^标有“估算”的日期，所在年份的放假安排还没有公布/).waitFor()
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await screenshotAt(page, visible(page, 'heading', '办理期限'), 'report-estimated-deadline')
    expect(errors).toEqual([])
  })
})
