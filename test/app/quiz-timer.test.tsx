/**
 * The optional per-question time limit of practice, with Jest's fake clock: offered on the quiz
 * tab (never in elder mode), counted down on the practice page, and a question whose time runs
 * out is scored wrong with the right answer, explanation and law shown. The practice bank is
 * synced from the real service (`pufa serve`) first, with the real clock.
 */
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import QuizPage from '../../src/pages/quiz'
import PracticePage from '../../src/packages/quiz/practice'
import type { QuizQuestion } from '../../src/core/content/model'
import { setElderMode } from '../../src/services/elder-mode'
import { getQuizProgress } from '../../src/services/quiz-progress'
import type { RunningProduct } from '../support/product'
import { openQuizPage, startWithPracticeBank, stopWithPracticeBank, type PracticeBank } from './quiz-bank'

let product: RunningProduct
let bank: PracticeBank

beforeAll(async () => {
  ;({ product, bank } = await startWithPracticeBank())
}, 30000)

afterAll(() => stopWithPracticeBank(product))

afterEach(() => {
  jest.useRealTimers()
  act(() => setElderMode(false))
  jest.restoreAllMocks()
})

function shownQuestion(): { id: string; data: QuizQuestion } {
  const stem = screen.getByRole('heading', { level: 2 })
  const item = bank.get(stem.textContent ?? '')
  if (!item) throw new Error(`shown question not in the practice bank: ${stem.textContent}`)
  return item
}

function passSeconds(seconds: number) {
  act(() => {
    jest.advanceTimersByTime(seconds * 1000)
  })
}

/** Taps the right options by their text, as a person who knows the law would. */
function answerRight(question: QuizQuestion) {
  const shown = screen.getAllByRole(question.questionType === 'multiple' ? 'checkbox' : 'radio')
  for (const option of question.options.filter((candidate) => question.answer.includes(candidate.id))) {
    const element = shown.find((candidate) => within(candidate).queryByText(option.text) !== null)
    if (!element) throw new Error(`option ${option.text} is not shown`)
    fireEvent.click(within(element).getByText(option.text))
  }
  // Once the question is answered (or its time is up) there is no 确定 left to tap.
  const confirm = screen.queryByText('确定')
  if (question.questionType === 'multiple' && confirm) fireEvent.click(confirm)
}

function rightAnswerWords(question: QuizQuestion): string {
  const right = question.options.filter((option) => question.answer.includes(option.id))
  if (question.questionType === 'judge') return right.map((option) => `“${option.text}”`).join('、')
  const shown = screen.getAllByRole(question.questionType === 'multiple' ? 'checkbox' : 'radio')
  return shown.flatMap((element, index) => (right.some((option) => within(element).queryByText(option.text)) ? ['ABCDEFGH'[index]] : [])).join('、')
}

describe('每题限时', () => {
  it('the quiz tab offers 不限时 (the default), 30秒 and 60秒, and passes the choice to the round', () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<QuizPage />)
    const limits = screen.getByRole('radiogroup', { name: '每题限时' })
    expect(within(limits).getAllByRole('radio').map((radio) => radio.getAttribute('aria-label'))).toEqual(['不限时', '30秒', '60秒'])
    expect(within(limits).getByRole('radio', { name: '不限时' })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByText('不限时，答完一题就能看到解析和法律依据。')).toBeInTheDocument()

    fireEvent.click(screen.getByText('开始练习'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/quiz/practice/index?scope=mixed&count=10' })

    fireEvent.click(within(limits).getByRole('radio', { name: '30秒' }))
    expect(screen.getByText('每题限时30秒，时间到按答错计，答完一题就能看到解析和法律依据。')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: '5道' }))
    fireEvent.click(screen.getByText('开始练习'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/quiz/practice/index?scope=mixed&count=5&limit=30' })
  })

  it('is not offered in elder mode, and a round started there is untimed', () => {
    act(() => setElderMode(true))
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<QuizPage />)
    expect(screen.getByRole('radiogroup', { name: '每组题数' })).toBeInTheDocument()
    expect(screen.queryByRole('radiogroup', { name: '每题限时' })).not.toBeInTheDocument()
    expect(screen.queryByText('每题限时')).not.toBeInTheDocument()
    expect(screen.queryByRole('radio', { name: '30秒' })).not.toBeInTheDocument()
    expect(screen.getByText('不限时，答完一题就能看到解析和法律依据。')).toBeInTheDocument()
    fireEvent.click(screen.getByText('开始练习'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/quiz/practice/index?scope=mixed&count=10' })
  })

  it('a timed question counts down; when the time is up it is wrong, with 时间到, the right answer and the law', () => {
    jest.useFakeTimers()
    openQuizPage('practice', { scope: 'mixed', count: '2', limit: '30' })
    render(<PracticePage />)
    const first = shownQuestion()
    expect(screen.getByText('剩余 30 秒')).toBeInTheDocument()

    // The count changes every second; what screen readers are told changes only once on the way.
    const announced: string[] = []
    for (let second = 1; second <= 29; second += 1) {
      passSeconds(1)
      expect(screen.getByText(`剩余 ${30 - second} 秒`)).toBeInTheDocument()
      const said = screen.getByRole('status').textContent ?? ''
      if (announced[announced.length - 1] !== said) announced.push(said)
    }
    expect(announced).toEqual(['本题限时30秒', '还剩10秒，请尽快作答'])
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()

    const words = rightAnswerWords(first.data)
    passSeconds(1)
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText(`✗ 时间到，正确答案是 ${words}`)).toBeInTheDocument()
    expect(within(alert).getByText(`解析：${first.data.explanation}`)).toBeInTheDocument()
    expect(within(alert).getByText(/^依据：《/)).toBeInTheDocument()
    expect(within(alert).getByText('这道题已记入错题本。')).toBeInTheDocument()
    expect(screen.queryByText(/^剩余 \d+ 秒$/)).not.toBeInTheDocument()
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
    expect(getQuizProgress().wrongBook[first.id]).toBeDefined()

    // A tap after the time is up changes nothing.
    answerRight(first.data)
    expect(within(screen.getByRole('alert')).getByText(`✗ 时间到，正确答案是 ${words}`)).toBeInTheDocument()

    // The next question gets its own full time; answering it in time stops its count.
    fireEvent.click(screen.getByText('下一题'))
    expect(screen.getByText('剩余 30 秒')).toBeInTheDocument()
    passSeconds(5)
    expect(screen.getByText('剩余 25 秒')).toBeInTheDocument()
    answerRight(shownQuestion().data)
    expect(within(screen.getByRole('alert')).getByText('✓ 回答正确')).toBeInTheDocument()
    passSeconds(60)
    expect(within(screen.getByRole('alert')).getByText('✓ 回答正确')).toBeInTheDocument()
    expect(screen.queryByText(/^剩余 \d+ 秒$/)).not.toBeInTheDocument()

    fireEvent.click(screen.getByText('查看本组结果'))
    expect(screen.getByText('答对 1/2 题')).toBeInTheDocument()
    expect(screen.getByText('你的答案：未作答')).toBeInTheDocument()
  })

  it('is never timed in elder mode, even when the address asks for a limit', () => {
    act(() => setElderMode(true))
    jest.useFakeTimers()
    openQuizPage('practice', { scope: 'mixed', count: '1', limit: '30' })
    const before = getQuizProgress()
    render(<PracticePage />)
    expect(screen.getByRole('heading', { level: 2 })).toBeInTheDocument()
    expect(screen.queryByText(/^剩余 \d+ 秒$/)).not.toBeInTheDocument()
    passSeconds(120)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(getQuizProgress()).toBe(before)
  })

  it('is untimed without a limit, or with one that is not on offer', () => {
    jest.useFakeTimers()
    for (const params of [{}, { limit: '0' }, { limit: '5' }, { limit: 'abc' }] as Record<string, string>[]) {
      openQuizPage('practice', { scope: 'mixed', count: '1', ...params })
      const page = render(<PracticePage />)
      expect(screen.getByRole('heading', { level: 2 })).toBeInTheDocument()
      expect(screen.queryByText(/^剩余 \d+ 秒$/)).not.toBeInTheDocument()
      passSeconds(120)
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      page.unmount()
    }
  })
})
