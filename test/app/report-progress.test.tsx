/**
 * What the reporter is told after sending, against the real service (`pufa serve`): 我的反映 shows the
 * service's current status, the status page shows the outcome and next steps of a finished report
 * (and no deadlines), the date a report was accepted, and takes one rating after 办结. Staff move the
 * reports through the staff API with a token made by `pufa staff create`.
 */
import Taro, { Current } from '@tarojs/taro'
import { fireEvent, render, screen, within } from '@testing-library/react'
import MyReportsPage from '../../src/packages/report/mine'
import TipStatusPage from '../../src/packages/report/status'
import PrivacyPage from '../../src/packages/me/privacy'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { formatChineseDate } from '../../src/core/format-date'
import type { OutboxReport } from '../../src/services/report-outbox'
import { createCityStaffToken, moveReport } from '../support/product'
import { complaintPayload } from '../support/report-fixtures'
import { pointAppAt, sentReport, setUpReportPages } from './report-pages'

jest.setTimeout(30000)

const product = setUpReportPages()
let staffToken = ''

beforeAll(async () => {
  staffToken = await createCityStaffToken(product(), '荔湾区劳动监察大队')
})

beforeEach(() => {
  Taro.removeStorageSync('pufa.report.followed')
})

/** Staff move the report on, with a note for the reporter where the law wants one. */
function moveTo(report: OutboxReport, steps: [string, string?][]): Promise<void> {
  return moveReport(product(), staffToken, report.receipt?.trackingCode as string, steps)
}

function openStatus(report: OutboxReport) {
  Current.router = { params: { key: report.key }, path: '/packages/report/status/index', onReady: '', onHide: '', onShow: '' } as never
  return render(<TipStatusPage />)
}

const CLOSING_NOTE = '经调查，用人单位已补发全部工资，本案办结。'

describe('我的反映 stays current', () => {
  it('shows 已办结 once staff closed the report, marks the news, and stops marking it once seen', async () => {
    const report = await sentReport(complaintPayload({ employer: { name: '会被办结的建筑公司', uscc: null } }))
    await moveTo(report, [['accepted'], ['investigating'], ['closed', CLOSING_NOTE]])

    const list = render(<MyReportsPage />)
    const row = await screen.findByRole('link', { name: /^会被办结的建筑公司，投诉，.*提交，已办结，有新进展$/ }, { timeout: 10000 })
    expect(within(row).getByText('办理进度：已办结')).toBeInTheDocument()
    expect(within(row).getByText('● 有新进展')).toBeInTheDocument()
    expect(await screen.findByText('办理进度已更新', undefined, { timeout: 10000 })).toBeInTheDocument()
    list.unmount()

    const status = openStatus(report)
    expect(await screen.findByRole('heading', { name: '当前状态：已办结' }, { timeout: 10000 })).toBeInTheDocument()
    status.unmount()

    render(<MyReportsPage />)
    expect(await screen.findByRole('link', { name: /^会被办结的建筑公司，投诉，.*提交，已办结$/ })).toBeInTheDocument()
    expect(screen.queryByText('● 有新进展')).not.toBeInTheDocument()
  })

  it('refreshes on request and says when there is no network, keeping what it knew', async () => {
    const report = await sentReport(complaintPayload({ employer: { name: '刚受理的劳务公司', uscc: null } }))
    render(<MyReportsPage />)
    expect(await screen.findByRole('link', { name: /^刚受理的劳务公司，.*已提交$/ }, { timeout: 10000 })).toBeInTheDocument()
    await moveTo(report, [['accepted']])
    // The check the page started on opening may still be running (the button then reads 正在刷新).
    fireEvent.click(await screen.findByRole('button', { name: '刷新办理进度' }, { timeout: 10000 }))
    expect(await screen.findByRole('link', { name: /^刚受理的劳务公司，.*已受理，有新进展$/ }, { timeout: 10000 })).toBeInTheDocument()

    pointAppAt('http://127.0.0.1:9')
    fireEvent.click(await screen.findByRole('button', { name: '刷新办理进度' }, { timeout: 10000 }))
    expect(await screen.findByText('现在没有网络，显示的是上次查到的进度', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /^刚受理的劳务公司，.*已受理，有新进展$/ })).toBeInTheDocument()
  })
})

describe('查询进度 after a decision', () => {
  it('an accepted report shows the day it was accepted and counts the investigation from it', async () => {
    const report = await sentReport(complaintPayload())
    await moveTo(report, [['accepted']])
    openStatus(report)
    const today = formatChineseDate(chinaDateOf(new Date()))
    expect(await screen.findByText(`受理日期：${today}`, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText(`已于${today}受理`)).toBeInTheDocument()
    expect(screen.queryByText(/^受理前，调查期限按最迟受理日推算/)).not.toBeInTheDocument()
    expect(screen.getByText(/^立案之日起60个工作日内完成调查/)).toBeInTheDocument()
  })

  it('a closed report shows the outcome and what can still be done, no deadlines, and takes one rating', async () => {
    const report = await sentReport(complaintPayload())
    await moveTo(report, [['accepted'], ['investigating'], ['closed', CLOSING_NOTE]])
    openStatus(report)

    expect(await screen.findByRole('heading', { name: '办理结果：已办结' }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getAllByText(CLOSING_NOTE).length).toBeGreaterThan(0)
    expect(screen.getByText('处理方式：责令用人单位支付')).toBeInTheDocument()
    // Staff recorded neither a sum nor a head count: nothing is made up.
    expect(screen.queryByText(/^追回工资/)).not.toBeInTheDocument()
    expect(screen.queryByText(/^拿到工资的人数/)).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: '办理期限' })).not.toBeInTheDocument()
    expect(screen.queryByText(/^最迟/)).not.toBeInTheDocument()
    expect(screen.getByText(/60日内申请行政复议（《行政复议法》第二十条）/)).toBeInTheDocument()
    expect(screen.getByText(/6个月（《行政诉讼法》第四十六条）/)).toBeInTheDocument()
    expect(screen.getByText(/仲裁时效中断，从中断时起重新计算（第二十七条第二款）/)).toBeInTheDocument()
    expect(screen.getByText(/《法律援助法》第三十一条/)).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '提交评价' }))
    expect(await screen.findByText('请先选择满意、基本满意或不满意')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: '基本满意' }))
    const words = await screen.findByRole('textbox', { name: '想说的话' })
    fireEvent.input(words, { target: { value: '钱拿到了，就是等得久了点' } })
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }))
    expect(await screen.findByRole('heading', { name: '您的评价：基本满意' }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText('钱拿到了，就是等得久了点')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '提交评价' })).not.toBeInTheDocument()
  })

  it('a rejected 举报 shows the decision and the remedies, and neither deadlines nor a rating', async () => {
    const report = await sentReport({ ...complaintPayload({ kind: 'tip', reporter: null, consentSensitive: null }), employer: { name: '被举报的餐馆', uscc: null } })
    await moveTo(report, [['rejected', '该事项已由法院受理，请按诉讼程序办理。']])
    openStatus(report)
    expect(await screen.findByRole('heading', { name: '办理结果：不予受理' }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText(/第二十三条第一款第（三）项/)).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: '办理期限' })).not.toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: '评价这次办理' })).not.toBeInTheDocument()
    // The complaint's interruption of the arbitration limit is not claimed for a 举报.
    expect(screen.queryByText(/仲裁时效中断/)).not.toBeInTheDocument()
  })
})

describe('隐私政策', () => {
  it('names the retention period the service is configured with, and its effective date', async () => {
    render(<PrivacyPage />)
    expect(await screen.findByText(/反映办结或不予受理后，保存3年，到期删除/, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText(/生效日期：2026年12月7日/)).toBeInTheDocument()
    expect(screen.getByText(/只有您选择“上积分榜”时，您的昵称和成绩才会显示在公开的积分榜上/)).toBeInTheDocument()
  })
})
