/**
 * 投诉建议 against the real service (`pufa serve` on a free port): jsdom renders the page, Taro's
 * H5 request goes over HTTP. Feedback written without a network waits on the phone as 待发送,
 * goes out when the network comes back, and the service holds it once, its contact encrypted.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import FeedbackPage from '../../src/packages/me/feedback'
import { readKeyFile } from '../../server/privacy/key-file'
import { decryptField } from '../../server/privacy/field-crypto'
import type { QueuedFeedback } from '../../src/core/feedback-outbox'
import { feedbackQueue } from '../../src/services/feedback-outbox'
import { startProduct, type RunningProduct } from '../support/product'

const CLOSED_PORT = 'http://127.0.0.1:9'

let product: RunningProduct

function setApiBase(url: string) {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

interface FeedbackRow {
  id: string
  kind: string
  content: string
  client_id: string | null
  contact: string | null
}

function feedbackOnServer(): FeedbackRow[] {
  const db = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare("SELECT id, kind, content, client_id, contact FROM feedback WHERE kind <> 'question_report' ORDER BY created_at").all() as FeedbackRow[]
  } finally {
    db.close()
  }
}

async function type(name: '内容' | '联系电话', value: string) {
  fireEvent.input(await screen.findByRole('textbox', { name }), { target: { value } })
}

const typeContent = (text: string) => type('内容', text)
const typeContact = (text: string) => type('联系电话', text)

beforeAll(async () => {
  product = await startProduct()
}, 30000)

afterAll(async () => {
  await product?.stop()
})

beforeEach(() => {
  Taro.removeStorageSync('pufa.feedback')
  feedbackQueue.reload()
  setApiBase(product.url)
})

afterEach(() => {
  feedbackQueue.stop()
})

describe('投诉建议', () => {
  it('asks for content before sending anything', async () => {
    render(<FeedbackPage />)
    fireEvent.click(await screen.findByText('提交'))
    expect(await screen.findByText('请填写您的意见或建议')).toBeInTheDocument()
    const content = await screen.findByRole('textbox', { name: '内容' })
    // The web component sets the attribute a tick after the message shows.
    await waitFor(() => expect(content).toHaveAttribute('aria-invalid', 'true'))
    expect(content).toHaveAccessibleDescription('请填写您的意见或建议')
    await typeContent('太短')
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('请至少写5个字')).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: '内容' })).toHaveValue('太短')
    expect(feedbackQueue.list()).toEqual([])
  })

  it('takes a phone number (a mobile or a landline with its area code) only if it is one, and says what is wrong with it', async () => {
    render(<FeedbackPage />)
    await typeContent('希望社保卡补办能在网上预约。')
    await typeContact('1381234567')
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('手机号码应为11位，您填写了10位')).toBeInTheDocument()
    const input = screen.getByRole('textbox', { name: '联系电话' })
    // The web component sets the attribute a tick after the message shows.
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'))
    expect(input).toHaveAccessibleDescription('手机号码应为11位，您填写了10位')
    expect(input).toHaveValue('1381234567')
    expect(feedbackQueue.list()).toEqual([])

    await typeContact('138 1234 567x')
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('电话号码只能填写数字，可以用空格或短横线隔开')).toBeInTheDocument()
    expect(feedbackQueue.list()).toEqual([])
  })

  it('written without a network it waits as 待发送, is sent once the network is back, and is never doubled', async () => {
    setApiBase(CLOSED_PORT)
    const page = render(<FeedbackPage />)
    fireEvent.click(await screen.findByText('投诉'))
    await typeContent('窗口办理社保卡等了两个小时，希望增加人手。')
    await typeContact(' 136-1234-5678 ')
    fireEvent.click(screen.getByText('提交'))

    // The first attempt starts at once; without a network it ends as 待发送, with the reason.
    expect(await screen.findByRole('status')).toHaveTextContent(/^发送状态：(发送中|待发送)/)
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('发送状态：待发送意见已保存在手机上，网络连接失败，网络恢复后会自动发送'), { timeout: 10000 })
    await feedbackQueue.flush()
    expect(feedbackOnServer()).toEqual([])

    // Kept on the device, as after closing the app.
    const [stored] = feedbackQueue.list()
    expect(stored).toMatchObject({ kind: 'complaint', content: '窗口办理社保卡等了两个小时，希望增加人手。', contact: '13612345678', state: 'waiting', attempts: 1 })
    const storedBeforeSending = Taro.getStorageSync('pufa.feedback') as QueuedFeedback[]
    feedbackQueue.reload()
    expect(feedbackQueue.list()).toEqual([stored])

    // On launch the outbox listens for the network; coming back online sends at once, despite the backoff.
    setApiBase(product.url)
    act(() => feedbackQueue.start())
    await act(async () => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('发送状态：已发送'), { timeout: 10000 })
    expect(screen.getByText('已收到，谢谢您的意见。')).toBeInTheDocument()
    expect(screen.getByText(/^提交时间：(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)).toBeInTheDocument()

    const rows = feedbackOnServer()
    expect(rows).toEqual([{ id: expect.any(String), kind: 'complaint', content: '窗口办理社保卡等了两个小时，希望增加人手。', client_id: stored.id, contact: expect.stringMatching(/^v1\./) }])
    // The service holds the number encrypted under its own keys, bound to the row.
    const keys = readKeyFile(product.dataDir)
    if (keys === undefined) throw new Error('the service wrote no key file')
    const { fieldKeys } = keys
    expect(decryptField(fieldKeys, rows[0].contact!, { table: 'feedback', rowId: rows[0].id, column: 'contact' })).toBe('13612345678')
    // Once the service has it, the phone keeps the state, not the text or the number.
    expect(feedbackQueue.list()).toEqual([expect.objectContaining({ id: stored.id, state: 'sent', content: '', contact: null })])

    // The 201 lost on the way (the phone still has it as waiting): sending it again with the same id
    // gets the first receipt, and the service still holds one.
    page.unmount()
    Taro.setStorageSync('pufa.feedback', storedBeforeSending)
    feedbackQueue.reload()
    await act(async () => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(feedbackQueue.list()[0]?.state).toBe('sent'), { timeout: 10000 })
    expect(feedbackOnServer()).toEqual(rows)
  }, 40000)

  it('sends at once when online, and the form can be used again', async () => {
    render(<FeedbackPage />)
    await typeContent('希望增加工伤保险办理流程的说明。')
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('发送状态：已发送'), { timeout: 10000 })
    expect(feedbackOnServer().at(-1)).toMatchObject({ kind: 'suggestion', content: '希望增加工伤保险办理流程的说明。', contact: null })

    fireEvent.click(screen.getByText('再写一条'))
    expect(await screen.findByText('提交')).toBeInTheDocument()
    expect(await screen.findByRole('textbox', { name: '内容' })).toHaveValue('')
  })

  it('lists feedback that is still waiting when the page is opened again', async () => {
    setApiBase(CLOSED_PORT)
    const first = render(<FeedbackPage />)
    await typeContent('办事大厅的叫号屏字太小，希望放大。')
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(feedbackQueue.list()[0]?.lastError).toBe('网络连接失败，网络恢复后会自动发送'), { timeout: 10000 })
    first.unmount()

    render(<FeedbackPage />)
    expect(screen.getByRole('heading', { name: '还没有发出的意见' })).toBeInTheDocument()
    expect(screen.getByText(/提交：待发送（网络连接失败，网络恢复后会自动发送）$/)).toBeInTheDocument()
  }, 20000)
})
