/**
 * 纠错 (report this question) against the real service (`pufa serve` on a free port): a report
 * made without a network waits on the phone as 待发送, goes out when the network comes back, and
 * the service holds it once however often it is sent. Pages are driven by what they show.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor, within, type RenderResult } from '@testing-library/react'
import MistakesPage from '../../src/packages/quiz/mistakes'
import PracticePage from '../../src/packages/quiz/practice'
import ReportQuestionPage from '../../src/packages/quiz/report-question'
import type { QuizQuestion } from '../../src/core/content/model'
import type { QuestionReport } from '../../src/core/quiz/question-report'
import {
  flushQuestionReports,
  listQuestionReports,
  reloadQuestionReports,
  startQuestionReports,
  stopQuestionReports,
} from '../../src/services/question-report'
import type { RunningProduct } from '../support/product'
import { openQuizPage, startWithPracticeBank, stopWithPracticeBank, type PracticeBank } from './quiz-bank'

const CLOSED_PORT = 'http://127.0.0.1:9'

let product: RunningProduct
let bank: PracticeBank

function setApiBase(url: string) {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

interface FeedbackRow {
  id: string
  kind: string
  content: string
  question_id: string | null
  client_id: string | null
}

function feedbackOnServer(): FeedbackRow[] {
  const db = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare("SELECT id, kind, content, question_id, client_id FROM feedback WHERE kind = 'question_report'").all() as FeedbackRow[]
  } finally {
    db.close()
  }
}

async function typeText(text: string) {
  const textarea = await waitFor(() => {
    const element = document.querySelector('textarea')
    if (!element) throw new Error('no textarea yet')
    return element
  })
  fireEvent.input(textarea, { target: { value: text } })
}

/** Plays the first question of a practice round (a wrong answer) and returns it, as the page showed it. */
async function answerFirstQuestion(): Promise<{ item: { id: string; data: QuizQuestion }; view: RenderResult }> {
  openQuizPage('practice', { scope: 'mixed', count: '5' })
  const view = render(<PracticePage />)
  const stem = await screen.findByRole('heading', { level: 2 })
  const item = bank.get(stem.textContent ?? '')
  if (!item) throw new Error(`shown question not in the practice bank: ${stem.textContent}`)
  const question = item.data
  const other = question.options.find((option) => !question.answer.includes(option.id))
  const pick = other ?? question.options[0]
  fireEvent.click(screen.getByText(pick.text))
  if (question.questionType === 'multiple') fireEvent.click(screen.getByText('确定'))
  await screen.findByRole('alert')
  return { item, view }
}

/** The link under an answered question opens the report page for that question. */
function followReportLink(): string {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  fireEvent.click(screen.getByRole('link', { name: '题目有误？纠错' }))
  expect(navigateTo).toHaveBeenCalledTimes(1)
  const url = new URL((navigateTo.mock.calls[0][0] as { url: string }).url, 'http://app.local')
  expect(url.pathname).toBe('/packages/quiz/report-question/index')
  navigateTo.mockRestore()
  return url.searchParams.get('questionId') ?? ''
}

beforeAll(async () => {
  ;({ product, bank } = await startWithPracticeBank())
}, 30000)

afterAll(() => stopWithPracticeBank(product))

beforeEach(() => {
  Taro.removeStorageSync('pufa.quiz.reports')
  reloadQuestionReports()
  setApiBase(product.url)
})

afterEach(() => {
  stopQuestionReports()
  jest.restoreAllMocks()
})

describe('题目纠错', () => {
  it('made without a network it waits as 待发送, is sent once the network is back, and is never doubled', async () => {
    const { item: question, view: practice } = await answerFirstQuestion()
    const questionId = followReportLink()
    expect(questionId).toBe(question.id)
    practice.unmount()

    // The phone loses its network before the person sends the report.
    setApiBase(CLOSED_PORT)
    openQuizPage('report-question', { questionId: encodeURIComponent(questionId) })
    const page = render(<ReportQuestionPage />)
    expect(screen.getByRole('heading', { level: 1, name: '题目纠错' })).toBeInTheDocument()
    expect(screen.getByText(question.data.stem)).toBeInTheDocument()
    fireEvent.click(screen.getByRole('radio', { name: '法律依据有误或已失效' }))
    await typeText('  所引条文已经修订，应当依据修订后的第五十条。 ')
    fireEvent.click(screen.getByText('提交纠错'))

    const status = await screen.findByRole('status')
    expect(status).toHaveTextContent('纠错状态：待发送')
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('网络连接失败，网络恢复后会自动发送'), { timeout: 10000 })
    await flushQuestionReports()
    expect(feedbackOnServer().filter((row) => row.question_id === questionId)).toEqual([])

    // Kept on the device, as after closing the app.
    const [stored] = listQuestionReports()
    expect(stored).toMatchObject({ questionId, state: 'waiting', attempts: 1, content: '【法律依据有误或已失效】所引条文已经修订，应当依据修订后的第五十条。' })
    const storedBeforeSending = Taro.getStorageSync('pufa.quiz.reports') as QuestionReport[]
    reloadQuestionReports()
    expect(listQuestionReports()).toEqual([stored])

    // On launch the outbox listens for the network; coming back online sends at once, despite the backoff.
    setApiBase(product.url)
    act(() => startQuestionReports())
    await act(async () => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('纠错状态：已发送'), { timeout: 10000 })
    expect(screen.getByText('谢谢您的指正！我们会核实这道题，需要时修改题目或解析。')).toBeInTheDocument()
    const rows = feedbackOnServer().filter((row) => row.question_id === questionId)
    expect(rows).toEqual([
      { id: expect.any(String), kind: 'question_report', content: '【法律依据有误或已失效】所引条文已经修订，应当依据修订后的第五十条。', question_id: questionId, client_id: stored.id },
    ])
    // Once the service has it, the phone keeps the state but not the text.
    expect(listQuestionReports()).toEqual([expect.objectContaining({ id: stored.id, state: 'sent', content: '' })])

    // Flushing again sends nothing.
    await act(async () => {
      await flushQuestionReports()
    })
    expect(feedbackOnServer().filter((row) => row.question_id === questionId)).toHaveLength(1)

    // The 201 lost on the way (the phone still has the report as waiting): sending it again with the
    // same id gets the first receipt, and the service still holds one report.
    page.unmount()
    Taro.setStorageSync('pufa.quiz.reports', storedBeforeSending)
    reloadQuestionReports()
    await act(async () => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(listQuestionReports()[0]?.state).toBe('sent'), { timeout: 10000 })
    expect(feedbackOnServer().filter((row) => row.question_id === questionId)).toEqual(rows)
  }, 40000)

  it('asks what is wrong before queueing anything, and keeps what was written', async () => {
    const [first] = bank.values()
    openQuizPage('report-question', { questionId: first.id })
    render(<ReportQuestionPage />)
    fireEvent.click(screen.getByText('提交纠错'))
    expect(await screen.findByRole('alert')).toHaveTextContent('请写一写哪里有误，比如正确的说法或应当依据的法条')
    await typeText('不对')
    fireEvent.click(screen.getByText('提交纠错'))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('请至少写5个字'))
    expect(document.querySelector('textarea')).toHaveValue('不对')
    expect(listQuestionReports()).toEqual([])
  })

  it('says so plainly when the question is no longer in the practice bank', () => {
    openQuizPage('report-question', { questionId: 'no-such-question' })
    render(<ReportQuestionPage />)
    expect(screen.getByRole('status')).toHaveTextContent('找不到这道题')
    expect(screen.queryByText('提交纠错')).not.toBeInTheDocument()
  })

  it('the practice page and the wrong-answer book show where a question\'s report stands', async () => {
    const { item: question } = await answerFirstQuestion()
    const questionId = followReportLink()
    openQuizPage('report-question', { questionId })
    const form = render(<ReportQuestionPage />)
    await typeText('正确答案应当是另一个选项，请核实。')
    fireEvent.click(screen.getByText('提交纠错'))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('纠错状态：已发送'), { timeout: 10000 })
    form.unmount()

    // Back on the practice page (still open underneath), the answered question says the report was sent.
    expect(screen.getByText('你的纠错：已发送')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: '题目有误？纠错' })).toBeInTheDocument()

    // The question was answered wrong, so it is in the book, where it can be reported too.
    const book = render(<MistakesPage />)
    const entry = within(book.container).getByText(question.data.stem).parentElement as HTMLElement
    expect(within(entry).getByText('你的纠错：已发送')).toBeInTheDocument()
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    fireEvent.click(within(entry).getByRole('link', { name: '题目有误？纠错' }))
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/quiz/report-question/index?questionId=${encodeURIComponent(questionId)}` })
    const [report] = listQuestionReports()
    expect(feedbackOnServer().filter((row) => row.client_id === report.id)).toEqual([expect.objectContaining({ question_id: questionId, content: '【答案有误】正确答案应当是另一个选项，请核实。' })])
  }, 30000)
})
