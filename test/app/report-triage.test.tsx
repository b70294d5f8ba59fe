/**
 * The 反映 tab: which of three situations applies, and where each leads.
 */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import ReportPage from '../../src/pages/report'
import { newDraft } from '../../src/core/tips/draft'
import { saveDraft } from '../../src/services/report-draft'

beforeEach(() => localStorage.clear())
afterEach(() => jest.restoreAllMocks())

function observeNavigation(): () => string[] {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  return () => navigateTo.mock.calls.map(([options]) => options.url)
}

describe('反映 tab', () => {
  it('sends the worker owed to a real-name complaint and anyone else to a tip', async () => {
    const urls = observeNavigation()
    render(<ReportPage />)
    fireEvent.click(await screen.findByRole('link', { name: /^我被拖欠工资/ }))
    fireEvent.click(screen.getByRole('link', { name: /^我替别人反映或匿名反映/ }))
    expect(urls()).toEqual(['/packages/report/form/index?kind=complaint', '/packages/report/form/index?kind=tip'])
  })

  it('explains that a labour dispute goes to arbitration, not to this form, and navigates nowhere', async () => {
    const urls = observeNavigation()
    render(<ReportPage />)
    expect(screen.queryByRole('heading', { name: '劳动争议请申请仲裁' })).not.toBeInTheDocument()
    fireEvent.click(await screen.findByRole('button', { name: /^这是劳动争议/ }))
    expect(screen.getByRole('heading', { name: '劳动争议请申请仲裁', level: 2 })).toBeInTheDocument()
    expect(screen.getByText(/向劳动争议仲裁委员会申请仲裁（第五条）/)).toBeInTheDocument()
    expect(screen.getByText(/劳动争议仲裁不收费（第五十三条）/)).toBeInTheDocument()
    expect(screen.getByText('拨打 12333')).toBeInTheDocument()
    expect(urls()).toEqual([])
  })

  it('links to the checklist, to this phone’s reports and to the status lookup', async () => {
    const urls = observeNavigation()
    render(<ReportPage />)
    for (const name of ['反映前要准备什么', '我的反映', '查询进度']) {
      fireEvent.click(await screen.findByRole('link', { name: new RegExp(`^${name}`) }))
    }
    expect(urls()).toEqual(['/packages/report/guide/index', '/packages/report/mine/index', '/packages/report/status/index'])
  })

  it('offers to go on with a saved draft first, and only then', async () => {
    const urls = observeNavigation()
    const { unmount } = render(<ReportPage />)
    await screen.findByRole('link', { name: /^我被拖欠工资/ })
    expect(screen.queryByText('继续填写上次的反映')).not.toBeInTheDocument()
    unmount()

    saveDraft({ ...newDraft('tip', '0123456789abcdef0123456789abcdef', new Date(2026, 10, 28, 9, 5).getTime()), employerName: '某公司' })
    render(<ReportPage />)
    const links = await screen.findAllByRole('link')
    expect(links[0]).toHaveTextContent('继续填写上次的反映')
    expect(links[0]).toHaveTextContent('举报，上次填写于11月28日 09:05')
    fireEvent.click(links[0])
    expect(urls()).toEqual(['/packages/report/form/index?resume=1'])
  })
})
