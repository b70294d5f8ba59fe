/**
 * The feedback form against the real service: jsdom renders the page, Taro's H5 request goes over
 * HTTP to `pufa serve` running on a free port.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import FeedbackPage from '../../src/packages/me/feedback'
import { startProduct, type RunningProduct } from '../support/product'

let product: RunningProduct

beforeAll(async () => {
  product = await startProduct()
  ;(globalThis as { API_BASE?: string }).API_BASE = product.url.replace(/\/$/, '')
}, 30000)

afterAll(async () => {
  await product?.stop()
})

async function typeContent(text: string) {
  const textarea = await waitFor(() => {
    const element = document.querySelector('textarea')
    if (!element) throw new Error('no textarea yet')
    return element
  })
  fireEvent.input(textarea, { target: { value: text } })
}

describe('投诉建议', () => {
  it('asks for content before sending anything', async () => {
    render(<FeedbackPage />)
    fireEvent.click(await screen.findByText('提交'))
    expect(await screen.findByRole('alert')).toHaveTextContent('请填写您的意见或建议')
    await typeContent('太短')
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('请至少写5个字'))
  })

  it('sends the complaint to the service and confirms when it was received', async () => {
    render(<FeedbackPage />)
    fireEvent.click(await screen.findByText('投诉'))
    await typeContent('窗口办理社保卡等了两个小时，希望增加人手。')
    fireEvent.click(screen.getByText('提交'))
    expect(await screen.findByText('已收到，谢谢您的意见。', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText(/^提交时间：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)).toBeInTheDocument()
  })

  it('keeps what was typed and says so plainly when the service cannot be reached', async () => {
    ;(globalThis as { API_BASE?: string }).API_BASE = 'http://127.0.0.1:9'
    try {
      render(<FeedbackPage />)
      await typeContent('网络断了的时候也不要丢掉我写的内容。')
      fireEvent.click(await screen.findByText('提交'))
      expect(await screen.findByRole('alert', undefined, { timeout: 10000 })).toHaveTextContent('网络连接失败，请检查网络后再试。')
      expect(document.querySelector('textarea')).toHaveValue('网络断了的时候也不要丢掉我写的内容。')
    } finally {
      ;(globalThis as { API_BASE?: string }).API_BASE = product.url.replace(/\/$/, '')
    }
  })
})
