/**
 * The report outbox and its pages against the real service (`pufa serve` on a free port): a report
 * queued without a network waits in storage, is sent once the service can be reached, and is never
 * doubled; the receipt, 我的反映 and 查询进度 show what the service answered.
 *
 * Photo uploads are not exercised here: Taro's H5 uploadFile reads the photo through jsdom's
 * XMLHttpRequest, which enforces CORS against the service on another port, and jsdom has no blob
 * URLs. The browser suite (test/e2e/report-outbox.e2e.ts) uploads a photo through the built app.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import Taro, { Current } from '@tarojs/taro'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ReportPayload } from '../../src/core/tips/report'
import { formatTrackingCode } from '../../src/core/tips/tracking-code'
import MePage from '../../src/pages/me'
import MyReportsPage from '../../src/packages/report/mine'
import ReceiptPage from '../../src/packages/report/receipt'
import TipStatusPage from '../../src/packages/report/status'
import {
  flushOutbox,
  getOutboxReport,
  listOutbox,
  queueReport,
  reloadOutbox,
  startOutbox,
  type OutboxReport,
} from '../../src/services/report-outbox'
import { lookUpTip } from '../../src/services/tip-status'
import { complaintPayload } from '../support/report-fixtures'
import { pointAppAt, sentReport, setUpReportPages } from './report-pages'

const CLOSED_PORT = 'http://127.0.0.1:9'
const TRACKING_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/
const SENSITIVE = /张小三|13800138000|11010519491231002X/

const product = setUpReportPages()
let keyCounter = 0

function newKey(): string {
  keyCounter += 1
  return `outbox-test-${Date.now()}-${keyCounter}`
}

function anonymousTip(): ReportPayload {
  return { ...complaintPayload({ kind: 'tip', reporter: null, consentSensitive: null }), employer: { name: '匿名举报的某某餐饮店', uscc: null } }
}

function tipsOnServer(): number {
  const db = new Database(path.join(product().dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS count FROM tips').get() as { count: number }).count
  } finally {
    db.close()
  }
}

/** The code as the page shows it: in groups of four that wrap only between groups. */
function shownCode(className: 'receipt__code' | 'receipt__key'): string | null {
  return document.querySelector(`.${className}`)?.textContent ?? null
}

function openPage(page: string, params: Record<string, string>) {
  Current.router = { params, path: `/packages/report/${page}/index`, onReady: '', onHide: '', onShow: '' } as never
}

describe('the outbox', () => {
  it('keeps a report queued without a network, sends it when the network is back, and never doubles it', async () => {
    pointAppAt(CLOSED_PORT)
    const key = newKey()
    const queued = queueReport(key, complaintPayload(), [])
    expect(queued).toMatchObject({ key, state: 'waiting' })

    await waitFor(() => expect(getOutboxReport(key)?.attempts).toBe(1), { timeout: 10000 })
    await flushOutbox()
    expect(getOutboxReport(key)).toMatchObject({ state: 'waiting', lastError: '网络连接失败，网络恢复后会自动发送', receipt: null })

    // As after closing the app: everything comes back from storage.
    const storedBeforeSending: unknown = Taro.getStorageSync('pufa.outbox')
    reloadOutbox()
    expect(getOutboxReport(key)).toMatchObject({ key, state: 'waiting', payload: complaintPayload() })
    const before = tipsOnServer()

    // On launch the outbox listens for the network; coming back online sends at once, despite the backoff.
    pointAppAt(product().url)
    startOutbox()
    window.dispatchEvent(new Event('online'))
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
    const receipt = getOutboxReport(key)?.receipt
    expect(receipt?.trackingCode).toMatch(TRACKING_CODE)
    expect(receipt?.deadlines.acceptBy?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(tipsOnServer()).toBe(before + 1)

    // Once sent, the phone keeps no name, full mobile or ID number.
    expect(JSON.stringify(Taro.getStorageSync('pufa.outbox'))).not.toMatch(SENSITIVE)

    // Flushing again sends nothing.
    await flushOutbox()
    expect(tipsOnServer()).toBe(before + 1)

    // The 201 lost on the way (the phone still has the report as waiting): sending again with the
    // same key gets the same answer, and the service still holds one report.
    Taro.setStorageSync('pufa.outbox', storedBeforeSending as OutboxReport[])
    reloadOutbox()
    expect(getOutboxReport(key)).toMatchObject({ state: 'waiting', receipt: null })
    window.dispatchEvent(new Event('online'))
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
    expect(getOutboxReport(key)?.receipt?.trackingCode).toBe(receipt?.trackingCode)
    expect(tipsOnServer()).toBe(before + 1)
  }, 30000)

  it('one flush at a time: calls during a run join it', async () => {
    const key = newKey()
    queueReport(key, complaintPayload({ employer: { name: '并发测试有限公司', uscc: null } }), [])
    const before = tipsOnServer()
    const first = flushOutbox()
    const second = flushOutbox()
    expect(second).toBe(first)
    await Promise.all([first, second])
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
    expect(tipsOnServer()).toBe(before + 1)
  })

  it('stops with the service’s field messages when it turns the report back', async () => {
    const key = newKey()
    queueReport(key, complaintPayload({ workAddress: '短' }), [])
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('needs_attention'), { timeout: 10000 })
    const report = getOutboxReport(key) as OutboxReport
    expect(Object.keys(report.fields)).toContain('workAddress')
    expect(report.lastError).toBe('有几项内容需要修改，请回到表单修改后重新提交')

    // Corrected in the form and queued again under the same key: accepted.
    queueReport(key, complaintPayload(), [])
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
  })

  it('sends this device’s id with each report and status lookup, the same id every time, kept in storage', async () => {
    const request = jest.spyOn(Taro, 'request')
    const first = await sentReport(complaintPayload())
    await sentReport(anonymousTip())
    expect((await lookUpTip(first.receipt?.trackingCode as string, '8000')).ok).toBe(true)
    const deviceIds = request.mock.calls
      .filter(([options]) => /\/api\/v1\/tips(\/|$)/.test(String(options.url)))
      .map(([options]) => (options.header as Record<string, string>)['X-Pufa-Device'])
    expect(deviceIds).toHaveLength(3)
    expect(new Set(deviceIds)).toEqual(new Set([Taro.getStorageSync('pufa.device')]))
    expect(deviceIds[0]).toMatch(/^[0-9a-f]{32}$/)
  })

  it('lists the reports newest first', async () => {
    const older = queueReport(newKey(), complaintPayload({ employer: { name: '较早的单位', uscc: null } }), [])
    await new Promise((resolve) => setTimeout(resolve, 5))
    const newer = queueReport(newKey(), complaintPayload({ employer: { name: '较晚的单位', uscc: null } }), [])
    expect(listOutbox().map((report) => report.key)).toEqual([newer.key, older.key])
    await flushOutbox()
  })
})

describe('反映回执', () => {
  it('shows the tracking code large and copyable, and the deadlines with their articles', async () => {
    const report = await sentReport(complaintPayload())
    // jsdom has no clipboard; the browser suite copies for real. Taro's own copy (and its toast) is never used.
    const clipboard: string[] = []
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void clipboard.push(text) } })
    const setClipboardData = jest.spyOn(Taro, 'setClipboardData')
    openPage('receipt', { key: report.key })
    render(<ReceiptPage />)

    expect(await screen.findByRole('heading', { name: '反映回执', level: 1 })).toBeInTheDocument()
    expect(screen.getByText('已提交：人社部门已收到您的反映')).toBeInTheDocument()
    const code = report.receipt?.trackingCode as string
    expect(shownCode('receipt__code')).toBe(code)
    expect(screen.getByText('查询进度时，填写查询码和您留下的电话号码后四位。')).toBeInTheDocument()
    expect(screen.queryByText('查询密钥')).not.toBeInTheDocument()

    fireEvent.click(screen.getByText('复制查询码'))
    expect(await screen.findByText('查询码已复制')).toBeInTheDocument()
    expect(clipboard).toEqual([code])
    expect(setClipboardData).not.toHaveBeenCalled()
    Reflect.deleteProperty(navigator, 'clipboard')

    const deadlines = report.receipt?.deadlines
    const [year, month, day] = (deadlines?.acceptBy?.date as string).split('-').map(Number)
    expect(screen.getAllByText(new RegExp(`^最迟${year}年${month}月${day}日`)).length).toBeGreaterThan(0)
    expect(screen.getByText(/^符合受理条件的投诉，收到后5个工作日内受理（《关于实施〈劳动保障监察条例〉若干规定》第十八条）/)).toBeInTheDocument()
    expect(screen.getByText(/立案之日起60个工作日内完成调查（《劳动保障监察条例》第十七条）/)).toBeInTheDocument()

    // What was sent, to check against.
    const summary = screen.getByRole('heading', { name: '您提交的内容' }).parentElement as HTMLElement
    for (const [label, value] of [['反映类型', '投诉（实名）'], ['用人单位', '某某建筑劳务有限公司'], ['所在区县', '荔湾区'], ['欠薪金额', '86,400.00元'], ['证据照片', '没有照片']]) {
      expect(within(summary).getByText(label).nextSibling).toHaveTextContent(value)
    }
  })

  it('gives a 举报 no acceptance clock, only the rule of the investigation once it is opened', async () => {
    const report = await sentReport(anonymousTip())
    expect(report.receipt?.deadlines).toEqual({ acceptBy: null, investigateBy: null, extendedBy: null })
    openPage('receipt', { key: report.key })
    render(<ReceiptPage />)
    expect(await screen.findByText(/^举报不适用投诉的受理期限。/)).toBeInTheDocument()
    expect(screen.queryByText(/^最迟/)).not.toBeInTheDocument()
    expect(screen.queryByText(/5个工作日/)).not.toBeInTheDocument()
  })

  it('shows an anonymous report’s access key once, with the warning to keep it', async () => {
    const report = await sentReport(anonymousTip())
    const accessKey = report.receipt?.accessKey as string
    expect(accessKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/)
    openPage('receipt', { key: report.key })
    render(<ReceiptPage />)
    await screen.findByText('请抄下或截图保存，丢失后无法查询')
    expect(shownCode('receipt__key')).toBe(accessKey)
    expect(screen.getByText('复制查询密钥')).toBeInTheDocument()
  })

  it('says a report without network waits and will go by itself, and 立即重试 sends it', async () => {
    pointAppAt(CLOSED_PORT)
    const key = newKey()
    queueReport(key, complaintPayload(), [])
    await waitFor(() => expect(getOutboxReport(key)?.attempts).toBe(1), { timeout: 10000 })
    await flushOutbox()

    openPage('receipt', { key })
    render(<ReceiptPage />)
    expect(await screen.findByText('待发送：网络恢复后会自动发送')).toBeInTheDocument()
    expect(screen.getByText('反映已保存在本机，下次打开本程序时也会继续发送。')).toBeInTheDocument()

    // Still without a network: it says so, and that the report will go by itself.
    fireEvent.click(screen.getByText('立即重试'))
    expect(await screen.findByText(/^现在没有网络，没能发出。不用一直等在这里：有网络时会自动发送/, undefined, { timeout: 10000 })).toBeInTheDocument()

    pointAppAt(product().url)
    fireEvent.click(screen.getByText('立即重试'))
    expect(await screen.findByText('已提交：人社部门已收到您的反映', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(shownCode('receipt__code')).toBe(getOutboxReport(key)?.receipt?.trackingCode)
  })

  it('lists what the service objected to and leads back to the form', async () => {
    const key = newKey()
    queueReport(key, complaintPayload({ owedPeriod: { from: '2026-01', to: '2025-10' } }), [])
    await waitFor(() => expect(getOutboxReport(key)?.state).toBe('needs_attention'), { timeout: 10000 })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })

    openPage('receipt', { key })
    render(<ReceiptPage />)
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('需要修改')).toBeInTheDocument()
    expect(within(alert).getByText(/^欠薪(开始|结束)月份：/)).toBeInTheDocument()
    fireEvent.click(within(alert).getByText('回到表单修改'))
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/report/form/index?key=${encodeURIComponent(key)}` })
  })

  it('says so when this device has no such report', async () => {
    openPage('receipt', { key: 'no-such-key-000000' })
    render(<ReceiptPage />)
    expect(await screen.findByText('没有找到这份反映')).toBeInTheDocument()
  })
})

describe('我的反映', () => {
  it('is offered on the 我的 tab', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<MePage />)
    fireEvent.click(await screen.findByText('我的反映'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/report/mine/index' })
  })

  it('says plainly when nothing was submitted on this device', async () => {
    render(<MyReportsPage />)
    expect(await screen.findByText('还没有提交过反映')).toBeInTheDocument()
  })

  it('lists each report with employer, date and state, shows no phone, and opens the right page', async () => {
    const report = await sentReport(complaintPayload({ employer: { name: '已发送的建筑公司', uscc: null } }))
    pointAppAt(CLOSED_PORT)
    const waitingKey = newKey()
    queueReport(waitingKey, complaintPayload({ employer: { name: '还没发出的劳务公司', uscc: null } }), [])
    await waitFor(() => expect(getOutboxReport(waitingKey)?.attempts).toBe(1), { timeout: 10000 })
    await flushOutbox()
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })

    const { container } = render(<MyReportsPage />)
    const rows = await screen.findAllByRole('link', { name: /提交，/ })
    await waitFor(() =>
      expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual([
        expect.stringMatching(/^还没发出的劳务公司，投诉，\d{4}年\d{1,2}月\d{1,2}日提交，待发送$/),
        expect.stringMatching(/^已发送的建筑公司，投诉，\d{4}年\d{1,2}月\d{1,2}日提交，已提交$/),
      ]),
    )
    expect(within(rows[1]).getByText(`查询码 ${report.receipt?.trackingCode}`)).toBeInTheDocument()
    expect(container.textContent).not.toMatch(/138|8000|张小三/)

    fireEvent.click(rows[0])
    fireEvent.click(rows[1])
    expect(navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      `/packages/report/receipt/index?key=${encodeURIComponent(waitingKey)}`,
      `/packages/report/status/index?key=${encodeURIComponent(report.key)}`,
    ])
  })
})

describe('查询进度', () => {
  it('opened from 我的反映, looks the report up with what the device holds and shows the timeline and the legal clock', async () => {
    const report = await sentReport(complaintPayload())
    openPage('status', { key: report.key })
    render(<TipStatusPage />)

    expect(await screen.findByRole('heading', { name: '当前状态：已提交', level: 2 }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByLabelText('查询码')).toBeInTheDocument()
    expect(screen.getByText('投诉 · 荔湾区')).toBeInTheDocument()
    expect(screen.getByText(/^提交时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)).toBeInTheDocument()
    const timeline = screen.getByRole('heading', { name: '办理经过' }).parentElement as HTMLElement
    expect(within(timeline).getByText('已提交')).toBeInTheDocument()
    // The acceptance clock runs, counted in working days of the synced calendar.
    expect(screen.getByText(/^(剩余\d+个工作日|今天到期)$/)).toBeInTheDocument()
    expect(screen.getByText('受理前，调查期限按最迟受理日推算；受理后从受理之日起计算。')).toBeInTheDocument()
  })

  it('finds an anonymous report by code and access key typed in', async () => {
    const report = await sentReport(anonymousTip())
    openPage('status', {})
    render(<TipStatusPage />)
    const [codeInput, verifierInput] = await waitFor(() => {
      const inputs = Array.from(document.querySelectorAll('input'))
      if (inputs.length < 2) throw new Error('inputs not rendered yet')
      return inputs
    })
    fireEvent.input(codeInput, { target: { value: (report.receipt?.trackingCode as string).toLowerCase() } })
    fireEvent.input(verifierInput, { target: { value: report.receipt?.accessKey as string } })
    fireEvent.click(screen.getByText('查询'))
    expect(await screen.findByRole('heading', { name: '当前状态：已提交' }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText('举报 · 荔湾区')).toBeInTheDocument()
  })

  it('answers a wrong verifier with the same “not found” as an unknown code', async () => {
    const report = await sentReport(complaintPayload())
    openPage('status', {})
    render(<TipStatusPage />)
    const [codeInput, verifierInput] = await waitFor(() => {
      const inputs = Array.from(document.querySelectorAll('input'))
      if (inputs.length < 2) throw new Error('inputs not rendered yet')
      return inputs
    })
    fireEvent.input(codeInput, { target: { value: report.receipt?.trackingCode as string } })
    fireEvent.input(verifierInput, { target: { value: '1234' } })
    fireEvent.click(screen.getByText('查询'))
    expect(await screen.findByText('没有找到这份反映，请核对查询码和验证信息', undefined, { timeout: 10000 })).toBeInTheDocument()
  })

  it('catches a mistyped code on the phone, before asking the service', async () => {
    const request = jest.spyOn(Taro, 'request')
    openPage('status', {})
    render(<TipStatusPage />)
    const [codeInput, verifierInput] = await waitFor(() => {
      const inputs = Array.from(document.querySelectorAll('input'))
      if (inputs.length < 2) throw new Error('inputs not rendered yet')
      return inputs
    })
    fireEvent.input(codeInput, { target: { value: 'K7QF-3MZP-9XRD' } })
    fireEvent.input(verifierInput, { target: { value: '13800138000' } })
    fireEvent.click(screen.getByText('查询'))
    const alerts = await screen.findAllByRole('alert')
    expect(alerts.map((alert) => alert.textContent)).toEqual(['查询码应为16位，您填写了12位', '电话号码后四位应为4位数字'])
    expect(request).not.toHaveBeenCalled()

    // Corrected, it is asked about (and, never having been issued, not found).
    fireEvent.input(codeInput, { target: { value: formatTrackingCode(new Uint8Array(10).fill(1)) } })
    fireEvent.input(verifierInput, { target: { value: '8000' } })
    fireEvent.click(screen.getByText('查询'))
    expect(await screen.findByText('没有找到这份反映，请核对查询码和验证信息', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(request).toHaveBeenCalledTimes(1)
  })
})
