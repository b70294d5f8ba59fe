/**
 * The validity badge says only what the source said: an explainer from an RSS or Atom feed that
 * names no validity shows none, in the list and on its page; one that does shows it in words.
 */
import { Current } from '@tarojs/runtime'
import { act, render, screen, within } from '@testing-library/react'
import PoliciesPage from '../../src/pages/policies'
import PolicyDetailPage from '../../src/packages/policy/detail'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { policy } from '../core/sync/feed'
import { ChangesServer } from './sync-server'

let server: ChangesServer

beforeAll(async () => {
  localStorage.clear()
  server = await new ChangesServer().start()
  const { validity: _none, ...fromRss } = policy('最低工资标准调整解读', { category: '工资支付' })
  server.feed
    .put('policy', 'rss-item', fromRss)
    .put('policy', 'revised', policy('已经修订的旧解读', { validity: '已修订' }))
  await act(async () => {
    await syncNow('launch')
  })
})

afterAll(async () => {
  stopContentSync()
  await server.stop()
})

const VALIDITY_WORDS = /^(有效|已修订|已废止)$/

function card(title: string): HTMLElement {
  const found = screen.getAllByRole('link').find((element) => element.classList.contains('policy-card') && element.textContent?.includes(title))
  if (!found) throw new Error(`no card for ${title}`)
  return found
}

describe('validity badge', () => {
  it('appears in the list only for the explainer whose source stated it', async () => {
    render(<PoliciesPage />)
    expect(await screen.findByText('最低工资标准调整解读')).toBeInTheDocument()
    expect(within(card('最低工资标准调整解读')).queryByText(VALIDITY_WORDS)).toBeNull()
    expect(within(card('最低工资标准调整解读')).getByText('工资支付')).toBeInTheDocument()
    expect(within(card('已经修订的旧解读')).getByText('已修订')).toBeInTheDocument()
  })

  it('is absent from the page of an explainer whose source said nothing of validity', async () => {
    Current.router = { params: { id: 'rss-item' }, path: '/packages/policy/detail/index', onReady: '', onHide: '', onShow: '' } as never
    render(<PolicyDetailPage />)
    expect(await screen.findByRole('heading', { name: '最低工资标准调整解读', level: 1 })).toBeInTheDocument()
    expect(screen.getByText('工资支付')).toBeInTheDocument()
    expect(screen.queryByText(VALIDITY_WORDS)).toBeNull()
  })
})
