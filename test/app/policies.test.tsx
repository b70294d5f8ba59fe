/**
 * The explainer pages as a reader uses them, on content synced over HTTP from a real server
 * (sync-server.ts) by the app's own content store.
 */
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import PoliciesPage from '../../src/pages/policies'
import PolicyDetailPage from '../../src/packages/policy/detail'
import PolicySearchPage from '../../src/packages/policy/search'
import FavouritesPage from '../../src/packages/me/favourites'
import HistoryPage from '../../src/packages/me/history'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { policy } from '../core/sync/feed'
import { ChangesServer } from './sync-server'

let server: ChangesServer

beforeAll(async () => {
  localStorage.clear()
  server = await new ChangesServer().start()
  server.feed
    .put('policy', 'injury', policy('工伤认定怎么申请', {
      category: '社会保险',
      summary: '单位应当在30日内提出工伤认定申请。',
      documentNumber: '国务院令第586号',
      issuer: '国务院',
      effectiveDate: '2011-01-01',
      body: [{ name: 'p', children: [{ type: 'text', text: '职工或者其近亲属可以在1年内直接提出申请。' }] }],
      qa: [{ question: '单位不申请怎么办？', answer: '职工可以自己申请。' }],
      related: ['wages'],
    }))
    .put('policy', 'wages', policy('农民工工资按时足额支付', {
      category: '工资支付',
      summary: '工资应当以货币形式按时足额支付。',
      qa: [{ question: '发工资时要不要给工资清单？', answer: '应当提供工资清单。' }],
    }))
    .put('policy', 'old', policy('已经废止的旧规定', { validity: '已废止' }))
    .put('policy', 'leave', policy('带薪年休假怎么休', { summary: '职工连续工作1年以上的，享受带薪年休假。' }))
    // The bureau's own words, added to the glossary that ships with the app.
    .put('glossary', 'local', { groups: [{ terms: ['粮单', '工资清单'], also: [] }] })
  await act(async () => {
    await syncNow('launch')
  })
})

afterAll(async () => {
  stopContentSync()
  await server.stop()
})

afterEach(() => jest.restoreAllMocks())

function cards(): HTMLElement[] {
  return screen.getAllByRole('link').filter((el) => el.classList.contains('policy-card'))
}

describe('政策解读', () => {
  it('lists the synced explainers with validity in words and says when they were updated', async () => {
    render(<PoliciesPage />)
    expect(await screen.findByText('工伤认定怎么申请')).toBeInTheDocument()
    expect(cards()).toHaveLength(4)
    expect(screen.getByText('已废止')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent(/^已是最新，更新于/)
  })

  it('filters by category', async () => {
    render(<PoliciesPage />)
    fireEvent.click(await screen.findByRole('radio', { name: '工资支付' }))
    await waitFor(() => expect(cards()).toHaveLength(1))
    expect(cards()[0]).toHaveTextContent('农民工工资按时足额支付')
  })

  it('opens 搜索政策 from the search bar', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<PoliciesPage />)
    expect(await screen.findByText('工伤认定怎么申请')).toBeInTheDocument()
    // The tab has no search box of its own: the search index lives with the search page.
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '搜索政策' }))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/policy/search/index' })
  })

  it('lists every explainer on 搜索政策 until something is typed', async () => {
    const { container } = render(<PolicySearchPage />)
    expect(await screen.findByRole('heading', { name: '搜索政策' })).toBeInTheDocument()
    expect(cards()).toHaveLength(4)
    expect(await searchBox(container)).toHaveValue('')
  })

  async function searchBox(container: HTMLElement): Promise<HTMLInputElement> {
    return waitFor(() => {
      const element = container.querySelector('input')
      if (!element) throw new Error('no search box yet')
      return element
    })
  }

  it('searches Chinese text and marks the matches', async () => {
    const { container } = render(<PolicySearchPage />)
    fireEvent.input(await searchBox(container), { target: { value: '近亲属' } })
    await waitFor(() => expect(cards()).toHaveLength(1))
    expect(within(cards()[0]).getByText('近亲属')).toHaveClass('highlight')
  })

  it('finds everyday words and marks the words the explainer uses, from the base glossary and the synced one', async () => {
    const { container } = render(<PolicySearchPage />)
    const input = await searchBox(container)
    fireEvent.input(input, { target: { value: '年假' } })
    await waitFor(() => expect(cards()).toHaveLength(1))
    expect(within(cards()[0]).getByText('带薪年休假', { selector: '.policy-card__title .highlight' })).toBeInTheDocument()

    fireEvent.input(input, { target: { value: '粮单' } })
    await waitFor(() => expect(cards()[0]).toHaveTextContent('农民工工资按时足额支付'))
    expect(cards()).toHaveLength(1)
    // The snippet comes from the Q&A that says it.
    expect(cards()[0]).toHaveTextContent('问：发工资时要不要给工资清单？')
    expect(within(cards()[0]).getByText('工资清单')).toHaveClass('highlight')
  })

  it('when nothing matches, offers the categories, the nearest questions and the hotline', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    const { container } = render(<PolicySearchPage />)
    const input = await searchBox(container)
    fireEvent.input(input, { target: { value: '工伤复查' } })
    expect(await screen.findByText('没有找到相关政策')).toBeInTheDocument()
    expect(screen.queryAllByRole('link').filter((el) => el.classList.contains('policy-card'))).toEqual([])
    expect(screen.getByRole('heading', { name: '按类别找' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '看工资支付类的政策解读' })).toBeInTheDocument()
    expect(screen.getByText('拨打 12333')).toBeInTheDocument()

    expect(screen.getByRole('heading', { name: '相近的问答' })).toBeInTheDocument()
    fireEvent.click(screen.getByText('单位不申请怎么办？'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/policy/detail/index?id=injury' })
    expect(screen.getByText('出自：工伤认定怎么申请')).toBeInTheDocument()

    // A category opens that category's list, as the filter above does.
    fireEvent.click(screen.getByRole('button', { name: '看工资支付类的政策解读' }))
    await waitFor(() => expect(cards()).toHaveLength(1))
    expect(cards()[0]).toHaveTextContent('农民工工资按时足额支付')
    expect(screen.getByRole('radio', { name: '工资支付' })).toHaveAttribute('aria-checked', 'true')
    expect(input.value).toBe('')
  })

  it('says when the chosen category hides what was found, and shows it on request', async () => {
    const { container } = render(<PolicySearchPage />)
    fireEvent.click(await screen.findByRole('radio', { name: '工资支付' }))
    fireEvent.input(await searchBox(container), { target: { value: '近亲属' } })
    expect(await screen.findByText('这个类别里没有找到')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '看全部类别里的 1 篇' }))
    await waitFor(() => expect(cards()).toHaveLength(1))
    expect(cards()[0]).toHaveTextContent('工伤认定怎么申请')
  })

  it('opens an explainer from the list', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<PoliciesPage />)
    fireEvent.click(await screen.findByText('工伤认定怎么申请'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/policy/detail/index?id=injury' })
  })
})

describe('政策详情', () => {
  function openDetail(id: string) {
    Current.router = { params: { id }, path: '/packages/policy/detail/index', onReady: '', onHide: '', onShow: '' } as never
    return render(<PolicyDetailPage />)
  }

  it('shows 文号, issuer, dates, summary, body, Q&A and related explainers', async () => {
    openDetail('injury')
    expect(await screen.findByRole('heading', { name: '工伤认定怎么申请', level: 1 })).toBeInTheDocument()
    expect(screen.getByText('国务院令第586号')).toBeInTheDocument()
    expect(screen.getByText('2011年1月1日')).toBeInTheDocument()
    expect(screen.getByText('单位应当在30日内提出工伤认定申请。')).toBeInTheDocument()
    // RichText is a web component on H5: its nodes render a moment after the page.
    expect(await screen.findByText('职工或者其近亲属可以在1年内直接提出申请。')).toBeInTheDocument()
    expect(screen.getByText('问：单位不申请怎么办？')).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: '相关解读' })).toBeInTheDocument()
    expect(screen.getByText('农民工工资按时足额支付')).toBeInTheDocument()
  })

  it('confirms a copy on the page, never with a toast, and says how to copy by hand when the phone refuses', async () => {
    const showToast = jest.spyOn(Taro, 'showToast')
    openDetail('injury')
    // jsdom has no clipboard at all: the refusal a phone gives on a page served over plain HTTP.
    fireEvent.click(await screen.findByRole('button', { name: '复制链接分享' }))
    expect(await screen.findByText('没能复制链接，请用浏览器菜单里的“复制链接”或“分享”')).toBeInTheDocument()

    const clipboard: string[] = []
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void clipboard.push(text) } })
    try {
      fireEvent.click(screen.getByRole('button', { name: '复制链接分享' }))
      const status = await screen.findByText('链接已复制，可以粘贴到微信或短信里发给别人')
      expect(status.closest('[role="status"]')).not.toBeNull()
      expect(screen.queryByText(/没能复制/)).not.toBeInTheDocument()
      expect(clipboard).toEqual([window.location.href])
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard')
    }
    expect(showToast).not.toHaveBeenCalled()
  })

  it("offers the browser's share sheet where there is one, and copying when it fails", async () => {
    const shared: ShareData[] = []
    let refuse: Error | null = null
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: ShareData) => {
        if (refuse) throw refuse
        shared.push(data)
      },
    })
    try {
      openDetail('injury')
      fireEvent.click(await screen.findByRole('button', { name: '分享' }))
      await waitFor(() => expect(shared).toEqual([{ title: '工伤认定怎么申请', url: window.location.href }]))
      expect(screen.queryByRole('button', { name: '复制链接分享' })).not.toBeInTheDocument()

      // Closing the sheet is no failure: the button stays.
      refuse = Object.assign(new Error('Share canceled'), { name: 'AbortError' })
      fireEvent.click(screen.getByRole('button', { name: '分享' }))
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(screen.getByRole('button', { name: '分享' })).toBeInTheDocument()

      refuse = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' })
      fireEvent.click(screen.getByRole('button', { name: '分享' }))
      expect(await screen.findByRole('button', { name: '复制链接分享' })).toBeInTheDocument()
    } finally {
      Reflect.deleteProperty(navigator, 'share')
    }
  })

  it('is honest about an explainer that is not on the phone', async () => {
    openDetail('missing')
    expect(await screen.findByText('内容同步后显示')).toBeInTheDocument()
  })

  it('keeps favourites and reading history under 我的', async () => {
    const first = openDetail('injury')
    fireEvent.click(await screen.findByText('收藏'))
    expect(await screen.findByText('已收藏（点击取消）')).toBeInTheDocument()
    first.unmount()

    render(<FavouritesPage />)
    expect(await screen.findByText('工伤认定怎么申请')).toBeInTheDocument()

    render(<HistoryPage />)
    expect(screen.getAllByText('工伤认定怎么申请')).toHaveLength(2)
    fireEvent.click(screen.getByText('清空阅读记录'))
    expect(await screen.findByText('还没有阅读记录')).toBeInTheDocument()
  })
})
