/**
 * The hooks pages use, on the app's one content store, synced from a real HTTP server
 * (sync-server.ts) by the same start function the app calls on launch.
 */
import { act, render, screen, waitFor } from '@testing-library/react'
import { useContent, useContentItem, useSite, useWorkCalendar } from '../../src/components/use-content'
import { useSyncStatus } from '../../src/components/use-sync-status'
import { startContentSync, stopContentSync, syncNow } from '../../src/services/content-store'
import { policy } from '../core/sync/feed'
import { ChangesServer } from './sync-server'

let server: ChangesServer
const renders = { list: 0 }

function Probe() {
  const policies = useContent('policy')
  const first = useContentItem('policy', 'p1')
  const site = useSite()
  const calendar = useWorkCalendar()
  const status = useSyncStatus()
  renders.list += 1
  return (
    <div>
      <p data-testid='status'>{status.text}</p>
      <p data-testid='site'>{site.bureauName}</p>
      <p data-testid='years'>{calendar.years.join(',') || '无'}</p>
      <p data-testid='first'>{first?.data.title ?? '无'}</p>
      <ul>
        {policies.map((item) => (
          <li key={item.id}>{item.data.title}</li>
        ))}
      </ul>
    </div>
  )
}

beforeAll(async () => {
  localStorage.clear()
  server = await new ChangesServer().start()
})

afterAll(async () => {
  stopContentSync()
  await server.stop()
})

describe('content hooks', () => {
  it('show the defaults first, then what the launch sync brings, and follow later changes', async () => {
    const errors = jest.spyOn(console, 'error')
    for (let n = 1; n <= 5; n += 1) server.feed.put('policy', `p${n}`, policy(`政策${n}`))
    server.feed.put('site', 'site', { cityName: '深圳', bureauName: '深圳市人力资源和社会保障局', hotline: '12333', districts: [] })
    server.feed.put('calendar', '2026', { year: 2026, source: '国办发明电〔2025〕7号', holidays: [], workdays: [] })

    render(<Probe />)
    expect(screen.getByTestId('site')).toHaveTextContent('广州市人力资源和社会保障局')
    expect(screen.getByTestId('status')).toHaveTextContent('还没有下载内容，连上网络后会自动更新')

    act(() => startContentSync())
    expect(screen.getByTestId('status')).toHaveTextContent('正在更新…')
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent(/^已是最新，更新于 \d{1,2}月\d{1,2}日 \d{2}:\d{2}$/))
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['政策1', '政策2', '政策3', '政策4', '政策5'])
    expect(screen.getByTestId('first')).toHaveTextContent('政策1')
    expect(screen.getByTestId('site')).toHaveTextContent('深圳市人力资源和社会保障局')
    expect(screen.getByTestId('years')).toHaveTextContent('2026')

    const before = renders.list
    server.feed.put('policy', 'p1', policy('政策1（修订）')).remove('policy', 'p5')
    await act(() => syncNow('pull'))
    expect(screen.getByTestId('first')).toHaveTextContent('政策1（修订）')
    expect(screen.getAllByRole('listitem')).toHaveLength(4)
    // One change of content and the syncing/ok status: a handful of renders, not a loop.
    expect(renders.list - before).toBeLessThan(6)

    await server.stop()
    await act(() => syncNow('pull'))
    expect(screen.getByTestId('status')).toHaveTextContent(/^网络不可用，显示的是 .+ 更新的内容$/)
    expect(screen.getAllByRole('listitem')).toHaveLength(4)
    expect(errors).not.toHaveBeenCalled()
  })
})
