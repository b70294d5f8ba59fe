/**
 * Progress reminders (WeChat subscription messages) from the receipt, against the real service
 * (`pufa serve`, whose sender starts with it) and the stand-in of WeChat's server API. WeChat's own
 * client calls (wx.requestSubscribeMessage, wx.login) are WeChat's, not ours: here they answer as
 * WeChat documents. The browser build offers nothing of it, even when the service does.
 */
import Taro, { Current } from '@tarojs/taro'
import { render, screen, waitFor } from '@testing-library/react'
import ReceiptPage from '../../src/packages/report/receipt'
import { askForReminders, loadReminderOffer } from '../../src/services/progress-reminders.weapp'
import { createCityStaffToken, messageReporter, moveReport } from '../support/product'
import { complaintPayload, MOBILE } from '../support/report-fixtures'
import { startWeChatStandIn, type WeChatStandIn } from '../support/wechat-standin'
import { sentReport, setUpReportPages } from './report-pages'

const APP_ID = 'wx00112233445566ff'
const SECRET = 'Abcdefghijklmnopqrstuvwxyz012345'
const ACCEPTED = 'tpl-accepted-0001'
const CLOSED = 'tpl-closed-000001'
const MESSAGE = 'tpl-message-00001'

let wechat: WeChatStandIn
let staff: string

// The stand-in first: the service is configured with its address.
beforeAll(async () => {
  wechat = await startWeChatStandIn({ appId: APP_ID, secret: SECRET })
  for (const id of [ACCEPTED, CLOSED, MESSAGE]) wechat.templates.add(id)
})

const product = setUpReportPages(() => ({
  RATE_LIMITS: 'false',
  WECHAT_APPID: APP_ID,
  WECHAT_SECRET: SECRET,
  WECHAT_API_BASE: wechat.url,
  WECHAT_TEMPLATE_ACCEPTED: ACCEPTED,
  WECHAT_TEMPLATE_CLOSED: CLOSED,
  WECHAT_TEMPLATE_MESSAGE: MESSAGE,
}))

beforeAll(async () => {
  staff = await createCityStaffToken(product(), '广州市劳动保障监察支队')
})

// After the service has stopped (its sender may be talking to the stand-in until then).
afterAll(async () => {
  await wechat?.close()
})

/** WeChat's pop-up answers `answer` for each template, and wx.login gives a code of `openid`. */
function phoneOf(openid: string, answer: Record<string, string>) {
  const requestSubscribeMessage = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', ...answer } as never)
  const login = jest.spyOn(Taro, 'login').mockImplementation(async () => ({ code: wechat.loginCode(openid), errMsg: 'login:ok' }))
  return { requestSubscribeMessage, login }
}

describe('progress reminders', () => {
  it('in WeChat: the worker accepts two reminders, and staff accepting the report sends exactly one message that opens this phone’s report', async () => {
    const report = await sentReport(complaintPayload())
    const offered = await loadReminderOffer()
    expect(offered).toEqual([ACCEPTED, CLOSED, MESSAGE])
    const phone = phoneOf('o-phone-1', { [ACCEPTED]: 'accept', [CLOSED]: 'reject', [MESSAGE]: 'accept' })
    for (const id of [ACCEPTED, MESSAGE]) wechat.grant('o-phone-1', id)

    const outcome = await askForReminders(offered, { trackingCode: report.receipt!.trackingCode, verifier: MOBILE.slice(-4), key: report.key })
    expect(outcome).toEqual({ kind: 'subscribed', count: 2 })
    expect(phone.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: offered }))

    await moveReport(product(), staff, report.receipt!.trackingCode, [['accepted']])
    // Sent by the service's own sender, started with it and nudged by the staff action.
    await waitFor(() => expect(wechat.sent.filter((message) => message.touser === 'o-phone-1')).toHaveLength(1), { timeout: 10000 })
    expect(wechat.sent.find((message) => message.touser === 'o-phone-1')).toMatchObject({
      template_id: ACCEPTED,
      page: `packages/report/status/index?key=${report.key}`,
      data: { phrase2: { value: '已受理' } },
    })

    await messageReporter(product(), staff, report.receipt!.trackingCode, 'question', '请问您有工资条吗？')
    await waitFor(() => expect(wechat.sent.filter((message) => message.touser === 'o-phone-1')).toHaveLength(2), { timeout: 10000 })
    expect(wechat.sent.filter((message) => message.touser === 'o-phone-1')[1]).toMatchObject({ template_id: MESSAGE, data: { phrase2: { value: '请您回复' } } })
  })

  it('in WeChat: a worker who accepts nothing is told so, and nothing is subscribed', async () => {
    const report = await sentReport(complaintPayload())
    const phone = phoneOf('o-phone-2', { [ACCEPTED]: 'reject', [CLOSED]: 'reject', [MESSAGE]: 'ban' })
    const outcome = await askForReminders([ACCEPTED, CLOSED, MESSAGE], { trackingCode: report.receipt!.trackingCode, verifier: MOBILE.slice(-4), key: report.key })
    expect(outcome).toEqual({ kind: 'declined' })
    expect(phone.login).not.toHaveBeenCalled()
  })

  it('in WeChat: subscription messages switched off in WeChat’s settings are named in the failure', async () => {
    const report = await sentReport(complaintPayload())
    jest.spyOn(Taro, 'requestSubscribeMessage').mockRejectedValue({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' })
    const outcome = await askForReminders([ACCEPTED], { trackingCode: report.receipt!.trackingCode, verifier: MOBILE.slice(-4), key: report.key })
    expect(outcome).toEqual({ kind: 'failed', message: expect.stringContaining('关闭了订阅消息') })
  })

  it('in the browser: the receipt offers no reminders, though the service has them', async () => {
    const report = await sentReport(complaintPayload())
    Current.router = { params: { key: report.key }, path: '/packages/report/receipt/index', onReady: '', onHide: '', onShow: '' } as never
    render(<ReceiptPage />)
    expect(await screen.findByText('查看办理进度')).toBeInTheDocument()
    expect(screen.queryByText('接收办理进度提醒')).not.toBeInTheDocument()
    expect(screen.queryByText('办理进度提醒')).not.toBeInTheDocument()
  })
})
