/**
 * 我的反映 in WeChat, against the real service (`pufa serve`) configured with the stand-in of
 * WeChat's server API: a report sent from one phone is listed on another phone of the same WeChat
 * user, marked when staff move it, and opens on the status page without a tracking code's verifier;
 * another WeChat user sees none of it.
 *
 * The WeChat build resolves services/wechat-session and services/account-reports to their
 * `.weapp.ts` files; here the same files are put in place of the H5 ones. wx.login is the one
 * platform call answered by the test: with a login code the stand-in issued for that WeChat user.
 */
import Taro, { Current } from '@tarojs/taro'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import MyReportsPage from '../../src/packages/report/mine'
import TipStatusPage from '../../src/packages/report/status'
import { syncNow } from '../../src/services/content-store'
import { getOutboxReport, queueReport, reloadOutbox, startOutbox, stopOutbox } from '../../src/services/report-outbox'
import { createCityStaffToken, moveReport, startProduct, type RunningProduct } from '../support/product'
import { complaintPayload } from '../support/report-fixtures'
import { startWeChatStandIn, type WeChatStandIn } from '../support/wechat-standin'

jest.mock('../../src/services/wechat-session', () => jest.requireActual('../../src/services/wechat-session.weapp'))
jest.mock('../../src/services/account-reports', () => jest.requireActual('../../src/services/account-reports.weapp'))

let wechat: WeChatStandIn
let product: RunningProduct
let staffToken = ''

function setApiBase(url: string) {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

/** A phone of this WeChat user, as if freshly installed: nothing stored, wx.login gives this user's codes. */
function usePhoneOf(openid: string) {
  Taro.clearStorageSync()
  reloadOutbox()
  jest.spyOn(Taro, 'login').mockImplementation(async () => ({ code: wechat.loginCode(openid), errMsg: 'login:ok' }))
}

function openStatus(params: Record<string, string>) {
  Current.router = { params, path: '/packages/report/status/index', onReady: '', onHide: '', onShow: '' } as never
}

beforeAll(async () => {
  wechat = await startWeChatStandIn()
  product = await startProduct({ env: { WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url } })
  setApiBase(product.url)
  await syncNow('launch')
  staffToken = await createCityStaffToken(product, '市局办理员')
}, 30000)

afterAll(async () => {
  await product?.stop()
  await wechat?.close()
})

afterEach(() => {
  stopOutbox()
  jest.restoreAllMocks()
})

it('lists on a second phone what the same WeChat user sent from the first, marks changes, and opens it without a verifier', async () => {
  usePhoneOf('o-worker-x')
  startOutbox()
  queueReport('wechat-mine-1', complaintPayload({ employer: { name: '微信里反映的建筑公司', uscc: null } }), [])
  await waitFor(() => expect(getOutboxReport('wechat-mine-1')?.state).toBe('sent'), { timeout: 10000 })
  const trackingCode = getOutboxReport('wechat-mine-1')?.receipt?.trackingCode ?? ''
  expect(trackingCode).not.toBe('')
  stopOutbox()

  usePhoneOf('o-worker-x')
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  const first = render(<MyReportsPage />)
  expect(await screen.findByText('用这个微信提交过的反映，换了手机也能看到。', undefined, { timeout: 10000 })).toBeInTheDocument()
  const row = await screen.findByRole('link', { name: /^投诉，\d{4}年\d{1,2}月\d{1,2}日提交，已提交$/ })
  expect(within(row).getByText(`查询码 ${trackingCode}`)).toBeInTheDocument()
  expect(screen.queryByText('还没有提交过反映')).toBeNull()
  first.unmount()

  await moveReport(product, staffToken, trackingCode, [['accepted']])
  const second = render(<MyReportsPage />)
  const changed = await screen.findByRole('link', { name: /已受理，有新进展$/ }, { timeout: 10000 })
  expect(within(changed).getByText('● 有新进展')).toBeInTheDocument()
  fireEvent.click(changed)
  expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/report/status/index?code=${encodeURIComponent(trackingCode)}` })
  second.unmount()

  // This phone holds no verifier for it: the WeChat session opens it.
  openStatus({ code: trackingCode })
  const status = render(<TipStatusPage />)
  expect(await screen.findByText('已受理', undefined, { timeout: 10000 })).toBeInTheDocument()
  expect(screen.queryByText('没有找到这份反映，请核对查询码和验证信息')).toBeNull()
  status.unmount()

  // Seen: the mark is gone, on this phone as on any other.
  render(<MyReportsPage />)
  expect(await screen.findByRole('link', { name: /已受理$/ }, { timeout: 10000 })).toBeInTheDocument()
})

it('shows another WeChat user none of it', async () => {
  usePhoneOf('o-worker-y')
  render(<MyReportsPage />)
  expect(await screen.findByText('用这个微信提交过的反映，换了手机也能看到。', undefined, { timeout: 10000 })).toBeInTheDocument()
  expect(await screen.findByText('还没有提交过反映')).toBeInTheDocument()
  expect(screen.queryByRole('link', { name: /提交，/ })).toBeNull()
})
