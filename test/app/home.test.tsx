/**
 * The home page against the real service (`pufa serve` with its sample feeds): the content it
 * shows is what the app synced over HTTP; the person answers 我是谁 and the daily question by tapping.
 */
import { fireEvent, render, screen, within } from '@testing-library/react'
import HomePage from '../../src/pages/home'
import MePage from '../../src/pages/me'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { dailyQuestion } from '../../src/core/home/daily-question'
import type { RunningProduct } from '../support/product'
import { startWithPracticeBank, stopWithPracticeBank, type PracticeBank } from './quiz-bank'

let product: RunningProduct
let bank: PracticeBank

beforeAll(async () => {
  ;({ product, bank } = await startWithPracticeBank())
}, 30000)

afterAll(() => stopWithPracticeBank(product))

function sectionHeadings(): string[] {
  return screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent ?? '')
}

describe('home page', () => {
  it('asks once whom to serve first, and a worker then sees 欠薪反映 before the explainers', async () => {
    const first = render(<HomePage />)
    expect(await screen.findByText('您是哪一类用户？')).toBeInTheDocument()
    fireEvent.click(screen.getByText('我是劳动者'))
    expect(screen.queryByText('您是哪一类用户？')).not.toBeInTheDocument()
    const headings = sectionHeadings()
    expect(headings.indexOf('欠薪反映')).toBeGreaterThanOrEqual(0)
    expect(headings.indexOf('欠薪反映')).toBeLessThan(headings.indexOf('最新政策解读'))
    first.unmount()

    // Kept on the device: the next visit does not ask again.
    render(<HomePage />)
    expect(await screen.findByText('最新政策解读')).toBeInTheDocument()
    expect(screen.queryByText('您是哪一类用户？')).not.toBeInTheDocument()
  })

  it('shows the synced explainers, the hotline and the elder-mode switch to everyone', async () => {
    render(<HomePage />)
    expect(await screen.findByText('查看全部政策解读')).toBeInTheDocument()
    expect(screen.getByRole('switch', { name: '长辈模式' })).toBeInTheDocument()
    expect(screen.getByText('拨打 12333')).toBeInTheDocument()
    expect(await screen.findByText('知识竞赛')).toBeInTheDocument()
  })

  it('lets 我的 change the choice: an employer gets 用工指引 first, a resident the daily question', async () => {
    const me = render(<MePage />)
    const group = screen.getByRole('radiogroup', { name: '首页按谁的需要排列' })
    expect(within(group).getByRole('radio', { name: '我是劳动者' })).toHaveAttribute('aria-checked', 'true')
    fireEvent.click(within(group).getByText('我是用人单位'))
    me.unmount()
    const employer = render(<HomePage />)
    expect(sectionHeadings()[0]).toBe('用工指引')
    employer.unmount()

    const again = render(<MePage />)
    fireEvent.click(screen.getByText('我是居民'))
    again.unmount()
    render(<HomePage />)
    expect(sectionHeadings().slice(0, 2)).toEqual(['每日一题', '知识竞赛'])
  })

  it("answers today's question in place, with the explanation", async () => {
    render(<HomePage />)
    const today = dailyQuestion([...bank.values()], chinaDateOf(new Date()))
    if (!today) throw new Error('the sample feed has no practice questions')
    const question = today.data
    expect(await screen.findByText(question.stem)).toBeInTheDocument()
    const wrong = question.options.find((option) => !question.answer.includes(option.id))
    const picks = wrong ? [wrong] : question.options.slice(0, 1)
    for (const option of picks) fireEvent.click(screen.getByText(option.text))
    fireEvent.click(screen.getByText('提交答案'))
    const result = screen.getByText(/^回答错误。正确答案：/).closest('[role="status"]')
    expect(result).toHaveTextContent(question.options.filter((option) => question.answer.includes(option.id))[0].text)
    expect(result).toHaveTextContent(question.explanation)
    // The right option says so in words, not by colour alone.
    expect(screen.getAllByText('正确答案')).toHaveLength(question.answer.length)
  })

  it('may be skipped: no persona, and 我的 says 不指定', async () => {
    const me = render(<MePage />)
    fireEvent.click(screen.getByText('不指定'))
    expect(screen.getByRole('radio', { name: '不指定' })).toHaveAttribute('aria-checked', 'true')
    me.unmount()
    render(<HomePage />)
    expect(sectionHeadings()[0]).toBe('最新政策解读')
    expect(screen.queryByText('您是哪一类用户？')).not.toBeInTheDocument()
  })
})
