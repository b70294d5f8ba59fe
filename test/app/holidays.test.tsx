/**
 * 节假日与加班工资, opened from 我的, on the sample feed's holiday notices (2025 and 2026) synced over
 * HTTP from a real server (sync-server.ts) by the app's own content store, on 6 December 2026.
 */
import fs from 'node:fs'
import path from 'node:path'
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import MePage from '../../src/pages/me'
import HolidaysPage from '../../src/packages/policy/holidays'
import type { HolidayCalendar } from '../../src/core/content/model'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { ChangesServer } from './sync-server'

const sample = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../assets/feed/sample-policies.json'), 'utf8')) as {
  items: { id: string; _pufa: HolidayCalendar & { type: string } }[]
}
let server: ChangesServer

beforeAll(async () => {
  localStorage.clear()
  // Only the clock's date is fixed; timers stay real for the HTTP sync.
  jest.useFakeTimers({
    now: new Date('2026-12-06T10:00:00+08:00'),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  })
  server = await new ChangesServer().start()
  for (const item of sample.items.filter((candidate) => candidate._pufa.type === 'calendar')) {
    const { year, source, holidays, workdays } = item._pufa
    server.feed.put('calendar', item.id, { year, source, holidays, workdays })
  }
  await act(async () => {
    await syncNow('launch')
  })
})

afterAll(async () => {
  stopContentSync()
  await server.stop()
  jest.useRealTimers()
})

afterEach(() => jest.restoreAllMocks())

function yearCard(heading: string): HTMLElement {
  const card = screen.getByRole('heading', { level: 2, name: heading }).closest<HTMLElement>('.pufa-card')
  if (!card) throw new Error(`no card for ${heading}`)
  return card
}

/** The lines of one festival's section of a year card. */
function festival(card: HTMLElement, name: string): string[] {
  const section = within(card).getByRole('heading', { level: 3, name }).parentElement
  if (!section) throw new Error(`no section for ${name}`)
  return Array.from(section.querySelectorAll('taro-text-core')).map((text) => text.textContent ?? '')
}

describe('节假日与加班工资', () => {
  it('opens from 我的', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<MePage />)
    fireEvent.click(await screen.findByText('节假日与加班工资'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/policy/holidays/index' })
  })

  it('shows this year, next year estimated, then last year, and the pay rules with their articles', async () => {
    render(<HolidaysPage />)
    expect(await screen.findByRole('heading', { level: 1, name: '节假日与加班工资' })).toBeInTheDocument()
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      '2026年',
      '2027年（估算）',
      '2025年',
      '加班工资怎么算',
    ])
    const rules = yearCard('加班工资怎么算')
    expect(rules).toHaveTextContent('《全国年节及纪念日放假办法》第二条规定的节日放假日，每年13天')
    expect(rules).toHaveTextContent('支付不低于工资的300%的工资报酬（《中华人民共和国劳动法》第四十四条第三项）')
    expect(rules).toHaveTextContent('支付不低于工资的200%的工资报酬（《中华人民共和国劳动法》第四十四条第二项）')
    expect(rules).toHaveTextContent('节日适逢周六、周日的，应当在工作日补假（《全国年节及纪念日放假办法》第六条）')
  })

  it('tells the statutory days of a published year from its other days off, and lists its swapped working days', async () => {
    render(<HolidaysPage />)
    const card = yearCard('2025年')
    expect(card).toHaveTextContent('依据：国务院办公厅放假安排通知（国办发明电〔2024〕12号）')
    expect(festival(card, '春节')).toEqual([
      '春节',
      '法定节假日：1月28日（周二）至1月31日（周五）',
      '加班工资不低于工资的300%',
      '休息日：2月1日（周六）至2月4日（周二）',
      '可以安排补休；不能补休的，加班工资不低于工资的200%',
    ])
    expect(festival(card, '国庆节、中秋节').slice(0, 2)).toEqual(['国庆节、中秋节', '法定节假日：10月1日（周三）至10月3日（周五）、10月6日（周一）'])
    expect(festival(card, '调休上班')).toEqual(['调休上班', '1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）'])
    // 2026 清明 falls on a Sunday: that Sunday is the statutory day.
    expect(festival(yearCard('2026年'), '清明节')[1]).toBe('法定节假日：4月5日（周日）')
  })

  it('says how a year whose notice is not out is estimated, with its make-up days and no swapped working days', async () => {
    render(<HolidaysPage />)
    const card = yearCard('2027年（估算）')
    expect(card).toHaveTextContent('国务院办公厅还没有公布2027年的放假安排，暂按《全国年节及纪念日放假办法》推算')
    expect(card).toHaveTextContent('节日适逢周六、周日的按第六条补假')
    expect(festival(card, '元旦')).toEqual(['元旦', '法定节假日：1月1日（周五）', '加班工资不低于工资的300%'])
    expect(festival(card, '春节').slice(1, 4)).toEqual([
      '法定节假日：2月5日（周五）至2月8日（周一）',
      '加班工资不低于工资的300%',
      '补假：2月9日（周二）至2月10日（周三）',
    ])
    expect(festival(card, '调休上班')[1]).toBe('要等放假安排公布，这里不估算。')
  })

  it('estimates this year as soon as its notice is withdrawn', async () => {
    render(<HolidaysPage />)
    server.feed.remove('calendar', 'calendar-2026')
    await act(async () => {
      await syncNow('pull')
    })
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      '2026年（估算）',
      '2027年（估算）',
      '2025年',
      '加班工资怎么算',
    ])
    // Without the notice, 清明 on Sunday 5 April is made up on Monday 6 April (art. 6), and 2 January is a working day.
    expect(festival(yearCard('2026年（估算）'), '清明节')).toContain('补假：4月6日（周一）')
    expect(festival(yearCard('2026年（估算）'), '元旦')).toEqual(['元旦', '法定节假日：1月1日（周四）', '加班工资不低于工资的300%'])
  })
})
