/**
 * The 反映 tab: which of three situations applies, and where each leads.
 */
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import ReportPage from '../../src/pages/report'
import { newDraft } from '../../src/core/tips/draft'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { saveDraft } from '../../src/services/report-draft'
import { policy } from '../core/sync/feed'
import { ChangesServer } from './sync-server'

let server: ChangesServer

beforeAll(async () => {
  server = await new ChangesServer().start()
})

afterAll(async () => {
  stopContentSync()
  await server.stop()
})

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
    fireEvent.click(await screen.findByRole('link', { name: /^单位欠我的钱，我要投诉/ }))
    fireEvent.click(screen.getByRole('link', { name: /^我替别人反映或匿名反映/ }))
    expect(urls()).toEqual(['/packages/report/form/index?kind=complaint', '/packages/report/form/index?kind=tip'])
  })

  it('says that owed wages, injury medical costs, compensation and damages can all be complained about, and when arbitration is the way', async () => {
    const urls = observeNavigation()
    render(<ReportPage />)
    expect(screen.queryByRole('heading', { name: '投诉还是仲裁' })).not.toBeInTheDocument()
    // Every owed item art. 9 names leads to the complaint.
    expect(await screen.findByRole('link', { name: /工资、加班费，或者工伤医疗费、经济补偿、赔偿金/ })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: /^对欠多少、该不该给有争议/ }))
    expect(screen.getByRole('heading', { name: '投诉还是仲裁', level: 2 })).toBeInTheDocument()
    expect(screen.getByText(/拖欠工伤医疗费、经济补偿或者赔偿金的，劳动者可以向人社部门投诉，人社部门应当依法处理（《劳动争议调解仲裁法》第九条）/)).toBeInTheDocument()
    expect(screen.queryByText(/不通过这里的欠薪反映处理/)).not.toBeInTheDocument()
    expect(screen.getByText(/向劳动争议仲裁委员会申请仲裁（第五条）/)).toBeInTheDocument()
    expect(screen.getByText(/《劳动保障监察条例》第二十一条第二款/)).toBeInTheDocument()
    expect(screen.getByText(/劳动争议仲裁不收费（第五十三条）/)).toBeInTheDocument()

    const limits = screen.getByRole('heading', { name: '时效：别错过' }).parentElement as HTMLElement
    expect(within(limits).getByText(/时效是一年.*（《劳动争议调解仲裁法》第二十七条第一款）/)).toBeInTheDocument()
    expect(within(limits).getByText(/在职期间被拖欠工资的，申请仲裁不受这一年的限制.*（第二十七条第四款）/)).toBeInTheDocument()
    expect(within(limits).getByText(/仲裁时效中断.*（第二十七条第二款）/)).toBeInTheDocument()
    expect(within(limits).getByText(/两年内.*不再查处.*（《劳动保障监察条例》第二十条）/)).toBeInTheDocument()
    expect(screen.getByText(/《法律援助法》第三十一条/)).toBeInTheDocument()
    expect(screen.getByText('拨打 12333')).toBeInTheDocument()
    expect(urls()).toEqual([])
  })

  it('names the chosen district’s arbitration institution when the site gives it, and links the explainers the phone has', async () => {
    const urls = observeNavigation()
    const makePhoneCall = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    server.feed.put('site', 'site', {
      cityName: '广州',
      bureauName: '广州市人力资源和社会保障局',
      hotline: '12333',
      districts: [
        { code: '440103', name: '荔湾区', arbitration: { name: '荔湾区劳动人事争议仲裁院', address: '荔湾区某路1号', phone: '020-81234567' } },
        { code: '440104', name: '越秀区' },
      ],
    })
    server.feed.put('policy', 'policy-wage-arrears-complaint', policy('被拖欠工资怎么办：投诉、仲裁、支付令怎么选'))
    await act(async () => {
      await syncNow('launch')
    })
    render(<ReportPage />)
    fireEvent.click(await screen.findByRole('button', { name: /^对欠多少、该不该给有争议/ }))

    fireEvent.click(screen.getByRole('radio', { name: '荔湾区' }))
    expect(screen.getByText('荔湾区劳动人事争议仲裁院')).toBeInTheDocument()
    expect(screen.getByText('地址：荔湾区某路1号')).toBeInTheDocument()
    fireEvent.click(screen.getByText('拨打 020-81234567'))
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '020-81234567' })

    fireEvent.click(screen.getByRole('radio', { name: '越秀区' }))
    expect(screen.getByText('越秀区劳动人事争议仲裁机构的地址和电话，请拨打人社服务热线12333询问。')).toBeInTheDocument()

    // Only the explainer the phone holds is offered.
    expect(screen.queryByRole('link', { name: /^讨薪的时限一览/ })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('link', { name: /^投诉、仲裁、支付令怎么选/ }))
    expect(urls()).toEqual(['/packages/policy/detail/index?id=policy-wage-arrears-complaint'])
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
    await screen.findByRole('link', { name: /^单位欠我的钱，我要投诉/ })
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
