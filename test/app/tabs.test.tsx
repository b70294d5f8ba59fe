import { render, screen } from '@testing-library/react'
import HomePage from '../../src/pages/home'
import PoliciesPage from '../../src/pages/policies'
import QuizPage from '../../src/pages/quiz'
import ReportPage from '../../src/pages/report'

describe('tab pages', () => {
  it('home asks whom to serve, says honestly that content appears after sync, and shows the hotline', async () => {
    render(<HomePage />)
    expect(await screen.findByText('您是哪一类用户？')).toBeInTheDocument()
    expect(screen.getByText('政策解读同步到手机后显示在这里。')).toBeInTheDocument()
    expect(screen.getByText('练习题库同步到手机后，这里每天有一道题。')).toBeInTheDocument()
    expect(screen.getByText('单位欠工资，我要反映')).toBeInTheDocument()
    expect(screen.getByText('12333')).toBeInTheDocument()
    expect(screen.getByText('拨打 12333')).toBeInTheDocument()
  })

  it.each([
    ['政策解读', PoliciesPage],
    ['法治答题', QuizPage],
  ])('%s says honestly that content appears after sync', async (title, Page) => {
    render(<Page />)
    expect(await screen.findByText(title)).toBeInTheDocument()
    expect(screen.getByText('内容同步后显示')).toBeInTheDocument()
  })

  it('report tab asks which situation applies and shows the hotline', async () => {
    render(<ReportPage />)
    expect(await screen.findByText('单位欠我的钱，我要投诉')).toBeInTheDocument()
    expect(screen.getByText('反映前要准备什么')).toBeInTheDocument()
    expect(screen.getByText('拨打 12333')).toBeInTheDocument()
  })
})
