/**
 * 留言 between staff and the reporter, against the real service (`pufa serve`): a staff question
 * marks the report in 我的反映 and shows on the status page as 需要您回复; the reporter's reply,
 * written without a network, waits on the phone through an app restart and reaches staff once.
 *
 * Picking and uploading a photo is not exercised here (jsdom has no blob URLs and Taro's H5
 * uploadFile meets CORS, see report-outbox.test.tsx): a reply queued before the app closed, its
 * photo already uploaded, stands for it, and is attached to the reply exactly once.
 */
import Taro, { Current } from '@tarojs/taro'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { jpegWithGps } from '../support/image-samples'
import type { QueuedReply } from '../../src/core/tips/reply-outbox'
import MyReportsPage from '../../src/packages/report/mine'
import TipStatusPage from '../../src/packages/report/status'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { flushReplies, pendingReplies, reloadReplies, startReplies, stopReplies } from '../../src/services/reply-outbox'
import { getOutboxReport, queueReport, reloadOutbox, stopOutbox, type OutboxReport } from '../../src/services/report-outbox'
import { createCityStaffToken, messageReporter, staffConversation, startProduct, type RunningProduct } from '../support/product'
import { complaintPayload, MOBILE } from '../support/report-fixtures'

jest.setTimeout(30000)

const CLOSED_PORT = 'http://127.0.0.1:9'
const QUESTION = '请问您最后一次领到工资是哪一天？有没有工资条？'
const REPLY = '最后一次是去年九月十五号，工资条我拍了照片。'

let product: RunningProduct
let staffToken = ''
let keyCounter = 0

function setApiBase(url: string) {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

beforeAll(async () => {
  product = await startProduct()
  setApiBase(product.url)
  await syncNow('launch')
  staffToken = await createCityStaffToken(product, '荔湾区劳动监察大队')
}, 30000)

afterAll(async () => {
  stopContentSync()
  await product?.stop()
})

beforeEach(() => {
  for (const key of ['pufa.outbox', 'pufa.report.followed', 'pufa.replies']) Taro.removeStorageSync(key)
  reloadOutbox()
  reloadReplies()
  setApiBase(product.url)
})

afterEach(() => {
  stopOutbox()
  stopReplies()
  jest.restoreAllMocks()
})

async function sent(employer: string): Promise<OutboxReport> {
  keyCounter += 1
  const key = `conversation-test-${Date.now()}-${keyCounter}`
  queueReport(key, complaintPayload({ employer: { name: employer, uscc: null } }), [])
  await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
  return getOutboxReport(key) as OutboxReport
}

function openStatus(report: OutboxReport) {
  Current.router = { params: { key: report.key }, path: '/packages/report/status/index', onReady: '', onHide: '', onShow: '' } as never
  return render(<TipStatusPage />)
}

const codeOf = (report: OutboxReport) => report.receipt?.trackingCode as string

describe('留言 with staff', () => {
  it('shows a staff question, marks it in 我的反映 until seen, and carries a reply written offline to staff once, across a restart', async () => {
    const report = await sent('拖欠工资的装修公司')
    await messageReporter(product, staffToken, codeOf(report), 'question', QUESTION)

    const list = render(<MyReportsPage />)
    const row = await screen.findByRole('link', { name: /^拖欠工资的装修公司，投诉，.*提交，已提交，有新消息$/ }, { timeout: 10000 })
    expect(within(row).getByText('● 有新消息')).toBeInTheDocument()
    list.unmount()

    const status = openStatus(report)
    expect(await screen.findByText(QUESTION, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText('需要您回复')).toBeInTheDocument()
    expect(screen.getByText('工作人员')).toBeInTheDocument()
    expect(screen.getByText('工作人员有问题需要您回复，请看下面的留言。')).toBeInTheDocument()
    expect(screen.queryByText(/监察大队/)).not.toBeInTheDocument()

    // No network: the reply is kept on the phone, and the page says so in words (no toast).
    setApiBase(CLOSED_PORT)
    fireEvent.click(screen.getByRole('button', { name: '发送回复' }))
    expect(await screen.findByText('请填写回复的内容')).toBeInTheDocument()
    fireEvent.input(screen.getByRole('textbox', { name: '回复工作人员' }), { target: { value: REPLY } })
    fireEvent.click(screen.getByRole('button', { name: '发送回复' }))
    expect(await screen.findByText('回复已保存在手机上，会自动发给工作人员；没有网络时，网络恢复后会自动发送。')).toBeInTheDocument()
    expect(await screen.findByText('待发送：网络连接失败，网络恢复后会自动发送', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText(REPLY)).toBeInTheDocument()
    expect(screen.queryByText('工作人员有问题需要您回复，请看下面的留言。')).not.toBeInTheDocument()
    status.unmount()

    // The app is closed and opened again, with the network back: the reply goes at launch.
    stopReplies()
    reloadReplies()
    expect(pendingReplies(codeOf(report))).toHaveLength(1)
    setApiBase(product.url)
    startReplies()
    await waitFor(() => expect(pendingReplies(codeOf(report))).toHaveLength(0), { timeout: 10000 })
    await flushReplies()

    const conversation = await staffConversation(product, staffToken, codeOf(report))
    expect(conversation.items.map((item) => [item.author, item.kind, item.body])).toEqual([
      ['staff', 'question', QUESTION],
      ['reporter', 'reply', REPLY],
    ])

    openStatus(report)
    const mine = await screen.findByText(REPLY, undefined, { timeout: 10000 })
    expect(within(mine.parentElement as HTMLElement).getByText('我的回复')).toBeInTheDocument()
    expect(screen.queryByText(/^待发送/)).not.toBeInTheDocument()
    expect(screen.queryByText('工作人员有问题需要您回复，请看下面的留言。')).not.toBeInTheDocument()
    // The answered question is marked as a question, no longer as waiting for a reply.
    expect(screen.getByText('提问')).toBeInTheDocument()
    expect(screen.queryByText('需要您回复')).not.toBeInTheDocument()
  })

  it('stops marking 有新消息 once the status page has shown it, and marks the next one', async () => {
    const report = await sent('只发了通知的物流公司')
    await messageReporter(product, staffToken, codeOf(report), 'message', '您的投诉已转给负责的监察员。')
    const first = render(<MyReportsPage />)
    expect(await screen.findByRole('link', { name: /^只发了通知的物流公司，.*有新消息$/ }, { timeout: 10000 })).toBeInTheDocument()
    first.unmount()

    const status = openStatus(report)
    expect(await screen.findByText('您的投诉已转给负责的监察员。', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.queryByText('需要您回复')).not.toBeInTheDocument()
    status.unmount()

    const second = render(<MyReportsPage />)
    expect(await screen.findByRole('link', { name: /^只发了通知的物流公司，投诉，.*提交，已提交$/ }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.queryByText('● 有新消息')).not.toBeInTheDocument()
    second.unmount()

    // Timestamps in milliseconds: the next message is newer.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await messageReporter(product, staffToken, codeOf(report), 'question', '请问您是哪一天入职的？')
    render(<MyReportsPage />)
    fireEvent.click(await screen.findByRole('button', { name: '刷新办理进度' }))
    expect(await screen.findByRole('link', { name: /^只发了通知的物流公司，.*有新消息$/ }, { timeout: 10000 })).toBeInTheDocument()
  })

  it('sends a reply with a photo queued before the app closed, attaching the photo once', async () => {
    const report = await sent('工资条拍照的电子厂')
    await messageReporter(product, staffToken, codeOf(report), 'question', QUESTION)
    // The photo went up before the app was closed mid-send.
    const boundary = 'pufaConversationAppTest'
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      Buffer.from(jpegWithGps().file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const upload = await fetch(`${product.url}api/v1/uploads`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipart })
    expect(upload.status).toBe(201)
    const { uploadId } = (await upload.json()) as { uploadId: string }
    const queued: QueuedReply = {
      clientId: '3b0f8a52-7c1e-4d2a-9e65-1f4c2b7a8d90',
      trackingCode: codeOf(report),
      verifier: MOBILE.slice(-4),
      body: REPLY,
      photos: [{ path: '/kept/payslip.jpg', uploadId }],
      createdAt: Date.now(),
      state: 'sending',
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
      renewals: 0,
    }
    Taro.setStorageSync('pufa.replies', [queued])
    reloadReplies()
    startReplies()
    await waitFor(() => expect(pendingReplies(codeOf(report))).toHaveLength(0), { timeout: 10000 })
    // Sent again by a second copy of the app (an answer lost): still one reply, one photo.
    Taro.setStorageSync('pufa.replies', [queued])
    reloadReplies()
    await flushReplies()
    await waitFor(() => expect(pendingReplies(codeOf(report))).toHaveLength(0), { timeout: 10000 })

    const conversation = await staffConversation(product, staffToken, codeOf(report))
    expect(conversation.items).toHaveLength(2)
    expect(conversation.items[1]).toMatchObject({ author: 'reporter', body: REPLY, photos: [{ uploadId, mediaType: 'image/jpeg' }], read: false })

    openStatus(report)
    expect(await screen.findByText(REPLY, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText('附照片1张')).toBeInTheDocument()
  })
})
