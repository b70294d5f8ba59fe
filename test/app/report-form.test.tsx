/**
 * The report form as a person fills it in, against the real service (`pufa serve` on a free port):
 * the districts come from its sample site feed through the app's content sync, and a submitted
 * report goes into the real outbox, which sends it there.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import Taro, { Current } from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import ReportFormPage from '../../src/packages/report/form'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { newDraft, payloadOf, reportableMonths } from '../../src/core/tips/draft'
import { type ReportPayload } from '../../src/core/tips/report'
import { SENSITIVE_CONSENT_MISSING } from '../../src/core/tips/report-fields'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { request } from '../../src/services/http'
import { clearCorrection, clearDraft, loadCorrection, loadDraft, newReportKey, saveDraft } from '../../src/services/report-draft'
import { flushOutbox, getOutboxReport, listOutbox, queueReport, stopOutbox } from '../../src/services/report-outbox'
import { startProduct, type RunningProduct } from '../support/product'

// Whole forms typed field by field on a shared machine take a few seconds each.
jest.setTimeout(30000)

let product: RunningProduct
const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))
const DESCRIPTION = '从六月起一直没有发工资，老板说等工程款到了再发。'

beforeAll(async () => {
  product = await startProduct()
  ;(globalThis as { API_BASE?: string }).API_BASE = product.url.replace(/\/$/, '')
  await act(async () => {
    await syncNow('launch')
  })
}, 30000)

afterAll(async () => {
  stopContentSync()
  stopOutbox()
  await product?.stop()
})

beforeEach(() => {
  clearDraft()
  clearCorrection()
})

afterEach(async () => {
  jest.restoreAllMocks()
  // Reports queued by a test finish sending before the next test starts.
  await act(() => flushOutbox())
})

function openForm(params: Record<string, string>) {
  Current.router = { params, path: '/packages/report/form/index', onReady: '', onHide: '', onShow: '' } as never
  return render(<ReportFormPage />)
}

function observeRedirect(): () => string[] {
  const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  return () => redirectTo.mock.calls.map(([options]) => options.url)
}

async function type(name: string, value: string) {
  const box = await screen.findByRole('textbox', { name })
  fireEvent.input(box, { target: { value } })
  fireEvent.blur(box)
}

function pickMonth(name: string, month: string) {
  fireEvent.change(screen.getByRole('combobox', { name }), { target: { value: month } })
}

/** Everything but the reporter, for either kind. */
async function fillReport() {
  await type('用人单位名称', '广州某某建筑劳务有限公司')
  fireEvent.click(screen.getByRole('radio', { name: '天河区' }))
  await type('工作地址', '天河区天河路100号')
  fireEvent.click(screen.getByRole('radio', { name: '是建筑工地' }))
  await type('工程项目名称', '天河新城三期')
  await type('被欠薪人数', '12')
  await type('欠薪金额', '86400.50')
  pickMonth('欠薪开始月份', months[5])
  pickMonth('欠薪结束月份', months[1])
  await type('情况说明', DESCRIPTION)
  fireEvent.click(screen.getByRole('checkbox', { name: '我保证所填内容真实' }))
}

async function submitAndGetKey(urls: () => string[]): Promise<string> {
  fireEvent.click(screen.getByRole('button', { name: '提交反映' }))
  await waitFor(() => expect(urls()).toHaveLength(1))
  const match = /^\/packages\/report\/receipt\/index\?key=([0-9a-f]{32})$/.exec(urls()[0])
  if (!match) throw new Error(`unexpected receipt address ${urls()[0]}`)
  return match[1]
}

describe('填写欠薪反映', () => {
  it('submitted empty, names every missing field at the top and at the field, focuses the first, and queues nothing', async () => {
    const urls = observeRedirect()
    const queuedBefore = listOutbox().length
    openForm({ kind: 'complaint' })
    const name = await screen.findByRole('textbox', { name: '姓名' })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '提交反映' }))
    const summary = await screen.findByRole('alert')
    const expected: [string, string][] = [
      ['反映人信息', '投诉需要留下您的姓名和联系电话；不想留名，可以改为匿名举报'],
      ['用人单位名称', '请填写拖欠工资的单位或老板的名称'],
      ['所在区县', '请选择干活的地方所在的区县'],
      ['工作地址', '请填写工作地址'],
      ['被欠薪人数', '请填写被欠薪的人数'],
      ['欠薪金额', '投诉请填写被拖欠的工资金额；不清楚具体数目，可以写“约5万”'],
      ['欠薪开始月份', '请选择欠薪开始的月份'],
      ['欠薪结束月份', '请选择欠薪结束的月份'],
      ['情况说明', '请说明欠薪的情况'],
      ['真实性承诺', '请确认您所反映的情况真实无误'],
    ]
    expect(within(summary).getAllByRole('link').map((item) => item.textContent)).toEqual(
      expected.map(([field, message]) => `${field}：${message}`),
    )
    for (const [, message] of expected) {
      expect(screen.getByText(message, { selector: '.form-field__error' })).toBeInTheDocument()
    }
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'))
    expect(name).toHaveAttribute('aria-describedby', 'field-reporter-name-error')
    await waitFor(() => expect(document.activeElement).toBe(name))
    expect(urls()).toEqual([])
    expect(listOutbox()).toHaveLength(queuedBefore)
  })

  it('shows a field’s message once it was left, not before, and updates it as the person types', async () => {
    openForm({ kind: 'complaint' })
    const phone = await screen.findByRole('textbox', { name: '联系电话' })
    fireEvent.input(phone, { target: { value: '1380013' } })
    expect(screen.queryByText('手机号码应为11位，您填写了7位')).not.toBeInTheDocument()
    fireEvent.blur(phone)
    expect(await screen.findByText('手机号码应为11位，您填写了7位')).toBeInTheDocument()
    fireEvent.input(phone, { target: { value: '8321 2345' } })
    expect(await screen.findByText('固定电话要加上区号，例如 020-83212345')).toBeInTheDocument()
    fireEvent.input(phone, { target: { value: '020-8321 2345' } })
    await waitFor(() => expect(screen.queryByText('固定电话要加上区号，例如 020-83212345')).not.toBeInTheDocument())
    expect(screen.queryByText(/^手机号码应为/)).not.toBeInTheDocument()
    expect(screen.queryByText('请填写拖欠工资的单位或老板的名称')).not.toBeInTheDocument()
  })

  it('queues a complaint typed field by field with the amount in yuan and the months as picked, then clears the draft', async () => {
    const urls = observeRedirect()
    openForm({ kind: 'complaint' })
    await type('姓名', '张三')
    await type('联系电话', '13800138000')
    await type('证件号码', '11010519491231002X')
    await fillReport()
    // An ID number is sensitive: the form asks its separate consent, and will not send without a choice.
    fireEvent.click(screen.getByRole('button', { name: '提交反映' }))
    expect(await screen.findByText(SENSITIVE_CONSENT_MISSING, { selector: '.form-field__error' })).toBeInTheDocument()
    fireEvent.click(within(screen.getByRole('radiogroup', { name: '敏感个人信息处理同意' })).getByRole('radio', { name: '同意处理' }))

    const key = await submitAndGetKey(urls)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    const queued = getOutboxReport(key)
    expect(queued?.payload).toEqual({
      kind: 'complaint',
      reporter: { name: '张三', mobile: '13800138000', residentId: '11010519491231002X' },
      employer: { name: '广州某某建筑劳务有限公司', uscc: null },
      districtCode: '440106',
      workAddress: '天河区天河路100号',
      isConstruction: true,
      constructionProject: '天河新城三期',
      workersOwed: '12',
      amountYuan: '86400.50',
      owedPeriod: { from: months[5], to: months[1] },
      description: DESCRIPTION,
      consentSensitive: true,
      truthful: true,
    })
    expect(loadDraft()).toBeNull()

    // The service accepts it: the payload the form built is one the server's validation takes too.
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
  })

  it('takes a landline and “约5万”, warns of the two-year limit without refusing, and queues the report, which the service accepts', async () => {
    const urls = observeRedirect()
    openForm({ kind: 'complaint' })
    expect(await screen.findByText('手机或固定电话都可以，固定电话要加区号，例如 020-83212345。工作人员会打这个电话联系您')).toBeInTheDocument()
    expect(screen.getByText('单位：元。可以写 12800.50 或 5万；不清楚具体数目，可以写“约5万”')).toBeInTheDocument()
    await type('姓名', '张三')
    await type('联系电话', '（020）8321-2345')
    await fillReport()
    await type('欠薪金额', '约5万')
    expect(screen.queryByText(/超过两年/)).not.toBeInTheDocument()

    // Arrears that began 30 months ago: warned, in words and with the articles, under the months.
    pickMonth('欠薪开始月份', months[30])
    const warning = await screen.findByRole('status')
    expect(warning).toHaveTextContent('欠薪开始的时间已经超过两年。可以照常提交，但请先了解：')
    expect(warning).toHaveTextContent('《劳动保障监察条例》第二十条')
    expect(warning).toHaveTextContent('可能无法通过投诉、举报来处理')
    expect(warning).toHaveTextContent('《劳动争议调解仲裁法》第二十七条')
    expect(screen.getByRole('combobox', { name: '欠薪结束月份' }).compareDocumentPosition(warning) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    const key = await submitAndGetKey(urls)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(getOutboxReport(key)?.payload).toMatchObject({
      reporter: { name: '张三', mobile: '（020）8321-2345' },
      amountYuan: '约5万',
      owedPeriod: { from: months[30], to: months[1] },
    })
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
    const stored = storedTip(getOutboxReport(key)?.receipt?.trackingCode as string)
    expect(stored).toEqual({ amount_fen: 5_000_000, amount_approximate: 1, owed_from: months[30] })
  })

  it('takes the warning away when the start is moved within the two years', async () => {
    openForm({ kind: 'tip' })
    pickMonth('欠薪开始月份', months[25])
    expect(await screen.findByText('欠薪开始的时间已经超过两年。可以照常提交，但请先了解：')).toBeInTheDocument()
    pickMonth('欠薪开始月份', months[23])
    await waitFor(() => expect(screen.queryByText(/超过两年/)).not.toBeInTheDocument())
  })

  it('says which documents the ID field takes, and what is wrong with a number in plain words', async () => {
    openForm({ kind: 'complaint' })
    expect(await screen.findByText('居民身份证、港澳台居民居住证或外国人永久居留身份证的号码都可以。填写后方便核实您的身份，不填也可以提交')).toBeInTheDocument()
    await type('证件号码', '110105194912310021')
    expect(await screen.findByText('身份证号码有一位不对，请对照证件再看一遍')).toBeInTheDocument()
    expect(screen.queryByText(/校验/)).not.toBeInTheDocument()
    await type('证件号码', '900840198506150123')
    expect(await screen.findByText('永久居留身份证号码第2、3位不对，请对照证件再看一遍')).toBeInTheDocument()
    // A foreigner's 2023 permanent-residence ID and a Hong Kong resident's permit are taken.
    for (const id of ['944840198506150124', '810000199001011230']) {
      await type('证件号码', id)
      await waitFor(() => expect(screen.queryByText(/请对照证件再看一遍/)).not.toBeInTheDocument())
    }
    await type('统一社会信用代码', '91440300708461136A')
    expect(await screen.findByText('统一社会信用代码有一位不对，请对照营业执照再看一遍')).toBeInTheDocument()
  })

  it('sends a tip without an amount: the field says it may be left empty', async () => {
    const urls = observeRedirect()
    openForm({ kind: 'tip' })
    fireEvent.click(await screen.findByRole('radio', { name: '匿名' }))
    expect(await screen.findByText('单位：元，不知道可以不填。可以写 12800.50 或 5万；不清楚具体数目，可以写“约5万”')).toBeInTheDocument()
    await fillReport()
    await type('欠薪金额', '')
    const key = await submitAndGetKey(urls)
    expect(getOutboxReport(key)?.payload.amountYuan).toBe('')
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
    expect(storedTip(getOutboxReport(key)?.receipt?.trackingCode as string)).toMatchObject({ amount_fen: null, amount_approximate: 0 })
  })

  it('keeps the draft when the page closes, offers to go on with it, and sends it with the key made at the start', async () => {
    const urls = observeRedirect()
    const first = openForm({ kind: 'complaint' })
    await type('姓名', '张三')
    await type('欠薪金额', '3000')
    fireEvent.click(await screen.findByRole('radio', { name: '海珠区' }))
    first.unmount()

    const saved = loadDraft()
    expect(saved).toMatchObject({ kind: 'complaint', reporterName: '张三', amountYuan: '3000', districtCode: '440105' })

    openForm({ kind: 'complaint' })
    expect(await screen.findByText('您有一份没填完的反映')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '继续填写' }))
    expect(await screen.findByRole('textbox', { name: '姓名' })).toHaveValue('张三')
    expect(screen.getByRole('textbox', { name: '欠薪金额' })).toHaveValue('3000')
    expect(screen.getByRole('radio', { name: '海珠区' })).toHaveAttribute('aria-checked', 'true')

    await type('联系电话', '13800138000')
    await fillReport()
    // No ID number and no photos: nothing sensitive, so no consent is asked and none is needed to send.
    expect(screen.queryByRole('radiogroup', { name: '敏感个人信息处理同意' })).not.toBeInTheDocument()
    expect(screen.getByRole('heading', { name: '您的个人信息怎么处理' })).toBeInTheDocument()
    const key = await submitAndGetKey(urls)
    expect(key).toBe(saved?.key)
    expect(getOutboxReport(key)?.payload).toMatchObject({ districtCode: '440106', consentSensitive: null, reporter: { residentId: null } })
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
  })

  it('sends a complaint without the ID number when the person declines the separate consent', async () => {
    const urls = observeRedirect()
    openForm({ kind: 'complaint' })
    await type('姓名', '赵六')
    await type('联系电话', '13600136000')
    await type('证件号码', '11010519491231002X')
    await fillReport()
    fireEvent.click(within(await screen.findByRole('radiogroup', { name: '敏感个人信息处理同意' })).getByRole('radio', { name: /^不同意/ }))
    expect(await screen.findByText('提交时不会发送：证件号码。')).toBeInTheDocument()

    const key = await submitAndGetKey(urls)
    const payload = getOutboxReport(key)?.payload
    expect(payload).toMatchObject({ reporter: { name: '赵六', residentId: null }, consentSensitive: null })
    expect(JSON.stringify(payload)).not.toContain('11010519491231002X')
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
  })

  it('starts afresh with a new key when the person chooses to, and goes straight on with ?resume=1', async () => {
    const old = { ...newDraft('tip', '0123456789abcdef0123456789abcdef', 1), employerName: '旧的单位' }
    saveDraft(old)
    const resumed = openForm({ resume: '1' })
    expect(await screen.findByRole('textbox', { name: '用人单位名称' })).toHaveValue('旧的单位')
    resumed.unmount()

    openForm({ kind: 'complaint' })
    fireEvent.click(await screen.findByRole('button', { name: '重新填写' }))
    expect(await screen.findByRole('textbox', { name: '用人单位名称' })).toHaveValue('')
    expect(loadDraft()).toBeNull()
    await type('用人单位名称', '新的单位')
    await waitFor(() => expect(loadDraft()?.employerName).toBe('新的单位'))
    expect(loadDraft()).toMatchObject({ kind: 'complaint' })
    expect(loadDraft()?.key).not.toBe(old.key)
  })

  it('an anonymous tip hides the reporter’s fields and the consent, and sends neither', async () => {
    const urls = observeRedirect()
    openForm({ kind: 'tip' })
    await type('姓名', '李四')
    await type('联系电话', '13900139000')
    expect(screen.queryByRole('textbox', { name: '证件号码' })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: '匿名' }))

    await waitFor(() => expect(screen.queryByRole('textbox', { name: '姓名' })).not.toBeInTheDocument())
    expect(screen.queryByRole('textbox', { name: '联系电话' })).not.toBeInTheDocument()
    expect(screen.queryByRole('radiogroup', { name: '敏感个人信息处理同意' })).not.toBeInTheDocument()
    await fillReport()

    const key = await submitAndGetKey(urls)
    const payload = getOutboxReport(key)?.payload
    expect(payload).toMatchObject({ kind: 'tip', reporter: null, consentSensitive: null })
    expect(JSON.stringify(payload)).not.toMatch(/李四|13900139000/)
  })

  it('adds at most nine photos, asks the platform for no more than there is room for, and deletes each by name', async () => {
    let batch = 0
    const chooseMedia = jest.spyOn(Taro, 'chooseMedia').mockImplementation(async () => {
      batch += 1
      // The browser's file dialog lets a person pick more than the count asked for.
      const picked = batch === 1 ? 5 : 6
      return {
        type: 'image',
        errMsg: 'chooseMedia:ok',
        tempFiles: Array.from({ length: picked }, (_, index) => ({
          tempFilePath: `blob:http://localhost/photo-${batch}-${index}`,
          size: 1000,
          duration: 0,
          height: 100,
          width: 100,
          thumbTempFilePath: '',
          fileType: 'image',
        })),
      } as unknown as Taro.chooseMedia.SuccessCallbackResult
    })
    openForm({ kind: 'complaint' })

    fireEvent.click(await screen.findByRole('button', { name: '添加照片（还能加9张）' }))
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^删除第\d张照片$/ })).toHaveLength(5))
    fireEvent.click(screen.getByRole('button', { name: '添加照片（还能加4张）' }))
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^删除第\d张照片$/ })).toHaveLength(9))

    expect(chooseMedia.mock.calls.map(([options]) => [options.count, options.mediaType, options.sizeType])).toEqual([
      [9, ['image'], ['compressed']],
      [4, ['image'], ['compressed']],
    ])
    expect(screen.queryByRole('button', { name: /^添加照片/ })).not.toBeInTheDocument()
    expect(screen.getByText('已加满9张。要换照片，请先删除一张。')).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '删除第3张照片' }))
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^删除第\d张照片$/ })).toHaveLength(8))
    expect(screen.getByRole('button', { name: '添加照片（还能加1张）' })).toBeInTheDocument()
    await waitFor(() => expect(loadDraft()?.photos).toHaveLength(8))
    expect(loadDraft()?.photos).not.toContain('blob:http://localhost/photo-1-2')
    expect(loadDraft()?.photos.slice(0, 3)).toEqual(['blob:http://localhost/photo-1-0', 'blob:http://localhost/photo-1-1', 'blob:http://localhost/photo-1-3'])
  })

  it('says so when photos of a restored draft are gone, and keeps the others', async () => {
    const kept = 'data:image/png;base64,iVBORw0KGgo='
    saveDraft({ ...newDraft('complaint', 'fedcba9876543210fedcba9876543210', 1), photos: ['blob:http://localhost/closed-tab', kept] })
    openForm({ resume: '1' })
    expect(await screen.findByText('上次添加的1张照片已经找不到了，请重新添加。')).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: /^删除第\d张照片$/ })).toHaveLength(1)
    await waitFor(() => expect(loadDraft()?.photos).toEqual([kept]))
  })
})

/** Tracking codes and the reports they duplicate, as the service stored them. */
function tipsOnServer(): { tracking_code: string; duplicate_of: string | null; id: string }[] {
  const db = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT id, tracking_code, duplicate_of FROM tips ORDER BY created_at').all() as never
  } finally {
    db.close()
  }
}

/** The amount and the owed period the service stored for a report. */
function storedTip(trackingCode: string): { amount_fen: number | null; amount_approximate: number; owed_from: string } {
  const db = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT amount_fen, amount_approximate, owed_from FROM tips WHERE tracking_code = ?').get(trackingCode) as never
  } finally {
    db.close()
  }
}

/** A complaint as the form makes it, about an employer no other test names. */
function formPayload(employerName: string, overrides: Partial<ReportPayload> = {}): ReportPayload {
  return {
    ...payloadOf({
      ...newDraft('complaint', newReportKey(), 1),
      reporterName: '王五',
      reporterMobile: '13700137000',
      employerName,
      districtCode: '440106',
      workAddress: '天河区天河路100号',
      workersOwed: '3',
      amountYuan: '9000',
      owedFrom: months[4],
      owedTo: months[2],
      description: DESCRIPTION,
      sensitiveChoice: 'given',
      truthful: true,
    }),
    ...overrides,
  }
}

/** Queues a report as the form would and waits until the service has turned it back. */
async function turnedBack(key: string, payload: ReportPayload) {
  await act(async () => {
    queueReport(key, payload, [])
    await flushOutbox()
  })
  await waitFor(() => expect(getOutboxReport(key)?.state).toBe('needs_attention'), { timeout: 10000 })
}

describe('修改被退回的反映', () => {
  it('shows the service’s message on the field and at the top, keeps the edits apart from a new draft, and resends under the same key', async () => {
    const urls = observeRedirect()
    const otherDraft = { ...newDraft('tip', newReportKey(), 1), employerName: '另一份没填完的' }
    saveDraft(otherDraft)
    const key = newReportKey()
    await turnedBack(key, formPayload('退回测试一有限公司', { workAddress: '天河路' }))
    const before = tipsOnServer().length

    const first = openForm({ key })
    expect(await screen.findByRole('heading', { name: '修改欠薪反映', level: 1 })).toBeInTheDocument()
    const address = await screen.findByRole('textbox', { name: '工作地址' })
    expect(address).toHaveValue('天河路')
    expect(screen.getByRole('textbox', { name: '用人单位名称' })).toHaveValue('退回测试一有限公司')
    expect(screen.getByRole('textbox', { name: '姓名' })).toHaveValue('王五')
    // Shown at once, before anything was touched or submitted: it is what the service said.
    const summary = screen.getByRole('alert')
    expect(within(summary).getAllByRole('link').map((item) => item.textContent)).toEqual(['工作地址：工作地址至少要写5个字'])
    expect(screen.getByText('工作地址至少要写5个字', { selector: '.form-field__error' })).toBeInTheDocument()
    expect(address).toHaveAttribute('aria-invalid', 'true')

    // Left half-way: the correction is kept, in its own place, and the new draft is untouched.
    await type('工作地址', '天河区天河路')
    await waitFor(() => expect(loadCorrection(key)?.workAddress).toBe('天河区天河路'))
    first.unmount()
    expect(loadDraft()).toEqual(otherDraft)

    openForm({ key })
    const again = await screen.findByRole('textbox', { name: '工作地址' })
    expect(again).toHaveValue('天河区天河路')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await type('工作地址', '天河区天河路100号')
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }))
    await waitFor(() => expect(urls()).toEqual([`/packages/report/receipt/index?key=${key}`]))
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })

    expect(tipsOnServer()).toHaveLength(before + 1)
    expect(loadCorrection(key)).toBeNull()
    expect(loadDraft()).toEqual(otherDraft)
  })

  it('sends a correction under a new key when the service already holds another version under the old one (422)', async () => {
    const urls = observeRedirect()
    const key = newReportKey()
    const original = formPayload('退回测试二有限公司')
    // The first attempt reached the service, but its 201 was lost on the way back.
    const lost = await request({ method: 'POST', path: '/api/v1/tips', body: original, headers: { 'Idempotency-Key': key } })
    expect(lost.status).toBe(201)
    const before = tipsOnServer()
    // The next attempt no longer passed validation (the person had changed it in between).
    await turnedBack(key, { ...original, workAddress: '天河路' })

    const first = openForm({ key })
    await type('工作地址', '天河区天河路200号')
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }))
    await waitFor(() => expect(urls()).toHaveLength(1))
    first.unmount()
    await act(() => flushOutbox())
    // Same key, different body: the service refuses it rather than take it as a retry.
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('needs_attention'), { timeout: 10000 })
    expect(getOutboxReport(key)).toMatchObject({ keyTaken: true, fields: {} })
    expect(tipsOnServer()).toEqual(before)

    openForm({ key })
    expect(
      await screen.findByText('这份反映之前已经发送过，但内容和这次不一样，所以这次没有被受理。请核对内容后重新提交，它会作为一份新的反映发送。'),
    ).toBeInTheDocument()
    expect(await screen.findByRole('textbox', { name: '工作地址' })).toHaveValue('天河区天河路200号')
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }))
    await waitFor(() => expect(urls()).toHaveLength(2))
    const newKey = /key=([0-9a-f]{32})$/.exec(urls()[1])?.[1] as string
    expect(newKey).not.toBe(key)
    expect(getOutboxReport(key)).toBeNull()
    await act(() => flushOutbox())
    await waitFor(() => expect(getOutboxReport(newKey)?.state).toBe('sent'), { timeout: 10000 })
    expect(getOutboxReport(newKey)?.payload.workAddress).toBe('天河区天河路200号')

    // Both versions are on the service now, the later one linked to the earlier for the staff.
    const after = tipsOnServer()
    expect(after).toHaveLength(before.length + 1)
    expect(after[after.length - 1].duplicate_of).toBe(before[before.length - 1].id)
  })

  it('says so when the report needs no correction or is not on this device', async () => {
    const key = newReportKey()
    await act(async () => {
      queueReport(key, formPayload('退回测试三有限公司'), [])
      await flushOutbox()
    })
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
    const shown = openForm({ key })
    expect(await screen.findByText('这份反映不需要修改')).toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
    shown.unmount()

    openForm({ key: newReportKey() })
    expect(await screen.findByText('没有找到这份反映')).toBeInTheDocument()
  })
})
