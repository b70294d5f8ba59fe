/**
 * 「保存回执图片」 on the browser's receipt, for a report sent to the real service (`pufa serve`).
 * jsdom has no canvas: as it is, the picture cannot be drawn and the person is told so; with a canvas
 * context that keeps what is drawn (as the certificate's test does), what is drawn and downloaded or
 * shown. The layout is tested in test/core/tips/receipt-picture.test.ts, and the PNG a real browser
 * downloads in test/e2e/report-flow.e2e.ts.
 */
import { Current } from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import { formatChineseDate } from '../../src/core/format-date'
import type { OutboxReport } from '../../src/core/tips/outbox'
import type { ReportPayload } from '../../src/core/tips/report'
import ReceiptPage from '../../src/packages/report/receipt'
import { anonymousTipPayload, complaintPayload, MOBILE } from '../support/report-fixtures'
import { recordingCanvas } from './recording-canvas'
import { sentReport, setUpReportPages } from './report-pages'

setUpReportPages(() => ({ RATE_LIMITS: 'false' }))

async function receiptOf(payload: ReportPayload): Promise<OutboxReport> {
  const report = await sentReport(payload)
  Current.router = { params: { key: report.key }, path: '/packages/report/receipt/index', onReady: '', onHide: '', onShow: '' } as never
  render(<ReceiptPage />)
  return report
}

describe('保存回执图片 on the browser receipt', () => {
  it('draws the bureau, the tracking code and the deadlines, and downloads 欠薪反映回执.png', async () => {
    const report = await receiptOf(complaintPayload())
    const button = await screen.findByRole('button', { name: '保存回执图片' })
    const { drawn, downloads } = recordingCanvas('blob:receipt')
    fireEvent.click(button)
    expect(await screen.findByText('回执图片已下载（欠薪反映回执.png），可以在浏览器的“下载”里找到。')).toBeInTheDocument()
    expect(downloads).toEqual(['欠薪反映回执.png blob:receipt'])
    expect(drawn.slice(0, 4)).toEqual([expect.stringMatching(/局$/), '欠薪投诉回执', '查询码', report.receipt!.trackingCode])
    expect(drawn).toContain(`受理：最迟${formatChineseDate(report.receipt!.deadlines.acceptBy!.date)}`)
    expect(drawn.join('')).not.toContain(MOBILE.slice(-4))
  })

  it('in WeChat’s own browser, which ignores downloads, shows the picture to be long-pressed', async () => {
    await receiptOf(complaintPayload())
    const button = await screen.findByRole('button', { name: '保存回执图片' })
    const { downloads } = recordingCanvas('blob:receipt')
    jest.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Linux; Android 14) Mobile MicroMessenger/8.0.50')
    fireEvent.click(button)
    expect(await screen.findByText('这个浏览器不能直接下载。请长按下面的图片，选择“保存图片”。')).toBeInTheDocument()
    expect(downloads).toEqual([])
    expect(screen.getByRole('img', { name: '回执图片，长按可保存' })).toHaveAttribute('src', 'blob:receipt')
  })

  it('a named complaint: offered with what the picture holds (not the name or phone); without a canvas, says how to keep the code instead', async () => {
    await receiptOf(complaintPayload())
    const button = await screen.findByRole('button', { name: '保存回执图片' })
    expect(screen.getByText('回执图片上有查询码、提交时间和办理期限，只在本机生成，不含您的姓名和电话。')).toBeInTheDocument()
    // jsdom reports its missing canvas on the console; that is the point of this case.
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    fireEvent.click(button)
    expect(await screen.findByText('这个浏览器没能生成回执图片。请抄下查询码，或截屏保存本页。')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '保存回执图片' })).toBeInTheDocument()
  })

  it('an anonymous 举报: warns that the picture carries the access key and opens the report', async () => {
    const report = await receiptOf(anonymousTipPayload())
    expect(report.receipt?.accessKey).toBeTruthy()
    expect(await screen.findByRole('button', { name: '保存回执图片' })).toBeInTheDocument()
    expect(screen.getByText('回执图片上有查询码、查询密钥、提交时间和办理期限，只在本机生成。有这张图片就能查看您的反映，请不要发给别人。')).toBeInTheDocument()
  })
})
