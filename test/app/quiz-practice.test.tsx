/**
 * Practice on the phone against the real service: `pufa serve` loads its sample feeds, the app's
 * content store syncs the practice bank over HTTP, and the pages are played by what they show.
 * The engine draws at random; the test reads each shown question's answer from the synced bank,
 * as a person who knows the law would, and answers right or wrong on purpose.
 */
import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import QuizPage from '../../src/pages/quiz'
import PracticePage from '../../src/packages/quiz/practice'
import MistakesPage from '../../src/packages/quiz/mistakes'
import type { QuizQuestion } from '../../src/core/content/model'
import { getQuizProgress } from '../../src/services/quiz-progress'
import type { RunningProduct } from '../support/product'
import { openQuizPage, startWithPracticeBank, stopWithPracticeBank, type PracticeBank } from './quiz-bank'

let product: RunningProduct
let bank: PracticeBank

beforeAll(async () => {
  ;({ product, bank } = await startWithPracticeBank())
}, 30000)

afterAll(() => stopWithPracticeBank(product))

afterEach(() => jest.restoreAllMocks())

function shownOptions(question: QuizQuestion): HTMLElement[] {
  return screen.getAllByRole(question.questionType === 'multiple' ? 'checkbox' : 'radio')
}

function optionElement(question: QuizQuestion, text: string): HTMLElement {
  const element = shownOptions(question).find((option) => within(option).queryByText(text) !== null)
  if (!element) throw new Error(`option ${text} is not shown`)
  return element
}

/** The question on screen, looked up in the synced bank by its stem. */
async function currentQuestion(): Promise<{ id: string; data: QuizQuestion }> {
  const stem = await screen.findByRole('heading', { level: 2 })
  const item = bank.get(stem.textContent ?? '')
  if (!item) throw new Error(`shown question not in the practice bank: ${stem.textContent}`)
  return item
}

/** Answers the shown question right or wrong by tapping options by their text; returns it. */
async function answer(kind: 'right' | 'wrong'): Promise<{ id: string; data: QuizQuestion }> {
  const item = await currentQuestion()
  const question = item.data
  const right = question.options.filter((option) => question.answer.includes(option.id))
  const other = question.options.find((option) => !question.answer.includes(option.id))
  const picks = kind === 'right' ? right : other ? [other] : right.slice(0, -1)
  expect(picks.length).toBeGreaterThan(0)
  for (const option of picks) fireEvent.click(within(optionElement(question, option.text)).getByText(option.text))
  if (question.questionType === 'multiple') fireEvent.click(screen.getByText('确定'))
  return item
}

/** The letters (A、C) or, for judge questions, the words the page should give as the right answer. */
function rightAnswerWords(question: QuizQuestion): string {
  if (question.questionType === 'judge') return question.options.filter((option) => question.answer.includes(option.id)).map((option) => `“${option.text}”`).join('、')
  return shownOptions(question)
    .flatMap((element, index) => (question.options.some((option) => question.answer.includes(option.id) && within(element).queryByText(option.text)) ? ['ABCDEFGH'[index]] : []))
    .join('、')
}

function citationOf(question: QuizQuestion): string {
  return `依据：${question.citations.map((citation) => `《${citation.law}》${citation.article}`).join('；')}`
}

describe('练习答题', () => {
  it('the quiz tab offers the categories of the bank, the lengths, and starts a round', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<QuizPage />)
    for (const name of ['综合', '就业创业', '社会保险', '劳动关系', '工资支付', '人才人事', '职业技能', '5道', '10道', '20道']) {
      expect(await screen.findByRole('radio', { name })).toBeInTheDocument()
    }
    expect(screen.getByText('还没有练习过，练完一组后在这里查看。')).toBeInTheDocument()
    expect(screen.queryByText(/练我的错题/)).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: '工资支付' }))
    fireEvent.click(screen.getByRole('radio', { name: '5道' }))
    fireEvent.click(screen.getByText('开始练习'))
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/quiz/practice/index?scope=${encodeURIComponent('工资支付')}&count=5` })
  })

  it('plays a round of 5; a wrong answer shows ✗, the right answer, the explanation with its law, and enters the wrong-answer book', async () => {
    openQuizPage('practice', { scope: 'mixed', count: '5' })
    render(<PracticePage />)
    const asked = new Set<string>()
    let wrongOne: { id: string; data: QuizQuestion } | null = null

    for (let position = 1; position <= 5; position += 1) {
      expect(await screen.findByText(new RegExp(`^第${position}题，共5题 · (单选题|多选题|判断题)`))).toBeInTheDocument()
      if (position === 2) {
        const item = await currentQuestion()
        const words = rightAnswerWords(item.data)
        await answer('wrong')
        wrongOne = item
        const alert = await screen.findByRole('alert')
        expect(within(alert).getByText(`✗ 回答错误，正确答案是 ${words}`)).toBeInTheDocument()
        expect(within(alert).getByText(`解析：${item.data.explanation}`)).toBeInTheDocument()
        expect(within(alert).getByText(citationOf(item.data))).toBeInTheDocument()
        asked.add(item.id)
      } else {
        const item = await answer('right')
        const alert = await screen.findByRole('alert')
        expect(within(alert).getByText('✓ 回答正确')).toBeInTheDocument()
        expect(within(alert).getByText(`解析：${item.data.explanation}`)).toBeInTheDocument()
        asked.add(item.id)
      }
      fireEvent.click(screen.getByText(position === 5 ? '查看本组结果' : '下一题'))
    }

    expect(asked.size).toBe(5)
    expect(await screen.findByText('答对 4/5 题')).toBeInTheDocument()
    expect(screen.getByText('答错的题（1道）')).toBeInTheDocument()
    const wrong = wrongOne as { id: string; data: QuizQuestion }
    expect(screen.getByText(wrong.data.stem)).toBeInTheDocument()
    expect(screen.getByText(`解析：${wrong.data.explanation}`)).toBeInTheDocument()
    expect(screen.getByText(new RegExp(`^${wrong.data.category}：答对 \\d+/\\d+$`))).toBeInTheDocument()
    expect(screen.getByText('再练一组')).toBeInTheDocument()
    expect(screen.getByText('返回')).toBeInTheDocument()

    // Kept on the device: the round, and the mistake in the book.
    expect(getQuizProgress().history).toHaveLength(1)
    expect(Object.keys(getQuizProgress().wrongBook)).toEqual([wrong.id])
    expect(JSON.stringify(Taro.getStorageSync('pufa.quiz.progress'))).toContain(wrong.id)
  })

  it('the mistake leaves the book after right answers in two later mistakes rounds', async () => {
    const [wrongId] = Object.keys(getQuizProgress().wrongBook)
    const wrong = [...bank.values()].find((item) => item.id === wrongId) as { id: string; data: QuizQuestion }
    expect(wrong).toBeDefined()

    const tab = render(<QuizPage />)
    expect(await screen.findByText('练我的错题（1道）')).toBeInTheDocument()
    expect(screen.getByText('已练习1组')).toBeInTheDocument()
    tab.unmount()

    const book = render(<MistakesPage />)
    expect(await screen.findByText(wrong.data.stem)).toBeInTheDocument()
    expect(screen.getByText('再答对2组就移出错题本')).toBeInTheDocument()
    expect(screen.getByText(citationOf(wrong.data))).toBeInTheDocument()
    book.unmount()

    for (const toGo of [1, 0]) {
      openQuizPage('practice', { scope: 'mistakes', count: '1' })
      const page = render(<PracticePage />)
      expect(await screen.findByText(/^第1题，共1题/)).toBeInTheDocument()
      const item = await answer('right')
      expect(item.id).toBe(wrong.id)
      expect(within(await screen.findByRole('alert')).getByText('✓ 回答正确')).toBeInTheDocument()
      fireEvent.click(screen.getByText('查看本组结果'))
      expect(await screen.findByText('答对 1/1 题')).toBeInTheDocument()
      expect(screen.getByText('这组全部答对了。')).toBeInTheDocument()
      page.unmount()

      const after = render(<MistakesPage />)
      if (toGo > 0) {
        expect(await screen.findByText(`再答对${toGo}组就移出错题本`)).toBeInTheDocument()
      } else {
        expect(await screen.findByText('错题本是空的')).toBeInTheDocument()
        expect(screen.queryByText(wrong.data.stem)).not.toBeInTheDocument()
      }
      after.unmount()
    }

    render(<QuizPage />)
    expect(await screen.findByText('已练习3组')).toBeInTheDocument()
    expect(screen.queryByText(/练我的错题/)).not.toBeInTheDocument()
    await waitFor(() => expect(screen.getAllByText(/：答对 \d+\/\d+$/).length).toBeGreaterThan(0))
  })
})
