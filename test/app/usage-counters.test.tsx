/**
 * The anonymous usage counts against the real service (`pufa serve` with its sample feeds, synced
 * by the app over HTTP): pages add to the counts on the phone, which wait in storage without a
 * network and reach the service in one batch once it answers.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, within } from '@testing-library/react'
import PolicyDetailPage from '../../src/packages/policy/detail'
import PracticePage from '../../src/packages/quiz/practice'
import { chinaDateOf } from '../../src/core/calendar/working-days'
import type { UsageCount } from '../../src/core/usage-counters'
import { listContent } from '../../src/services/content-store'
import { countUsage, pendingUsageCounts, reloadUsageCounts, sendUsageCounts } from '../../src/services/usage-counters'
import type { RunningProduct } from '../support/product'
import { openQuizPage, startWithPracticeBank, stopWithPracticeBank, type PracticeBank } from './quiz-bank'

const CLOSED_PORT = 'http://127.0.0.1:9'
const today = () => chinaDateOf(new Date())

let product: RunningProduct
let bank: PracticeBank

function setApiBase(url: string) {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

function countsOnServer(): UsageCount[] {
  const db = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT metric, subject, day, count FROM usage_counters ORDER BY metric, subject, day').all() as UsageCount[]
  } finally {
    db.close()
  }
}

/** The requests to the counters route, through Taro's own request (watched, not replaced). */
function watchCounterRequests(): () => number {
  const spy = jest.spyOn(Taro, 'request')
  return () => spy.mock.calls.filter(([options]) => String(options.url).endsWith('/api/v1/counters')).length
}

beforeAll(async () => {
  ;({ product, bank } = await startWithPracticeBank())
}, 30000)

afterAll(() => stopWithPracticeBank(product))

beforeEach(() => {
  Taro.removeStorageSync('pufa.usageCounts')
  reloadUsageCounts()
  setApiBase(product.url)
})

afterEach(() => jest.restoreAllMocks())

describe('usage counts on the phone', () => {
  it('are merged in storage, kept through a failed send and a restart, then taken by the service in one batch', async () => {
    countUsage('policy_read', 'policy-wage-payment-on-time')
    countUsage('policy_read', 'policy-wage-payment-on-time')
    countUsage(['practice_answered', 'practice_right'], '劳动关系')
    const expected = [
      { metric: 'policy_read', subject: 'policy-wage-payment-on-time', day: today(), count: 2 },
      { metric: 'practice_answered', subject: '劳动关系', day: today(), count: 1 },
      { metric: 'practice_right', subject: '劳动关系', day: today(), count: 1 },
    ]
    expect(Taro.getStorageSync('pufa.usageCounts')).toEqual(expected)

    setApiBase(CLOSED_PORT)
    await sendUsageCounts()
    reloadUsageCounts()
    expect(pendingUsageCounts()).toEqual(expected)
    expect(countsOnServer()).toEqual([])

    setApiBase(product.url)
    const requests = watchCounterRequests()
    await sendUsageCounts()
    expect(requests()).toBe(1)
    expect(countsOnServer()).toEqual(expected)
    expect(pendingUsageCounts()).toEqual([])
    expect(Taro.getStorageSync('pufa.usageCounts')).toEqual([])
  })

  it('keeps what is counted while a batch is on its way, for the next batch', async () => {
    countUsage('policy_read', 'policy-while-sending')
    const requests = watchCounterRequests()
    const sending = sendUsageCounts()
    countUsage('policy_read', 'policy-while-sending')
    await sending
    expect(requests()).toBe(2)
    expect(pendingUsageCounts()).toEqual([])
    expect(countsOnServer().filter((row) => row.subject === 'policy-while-sending')).toEqual([{ metric: 'policy_read', subject: 'policy-while-sending', day: today(), count: 2 }])
  })

  it('lets go of an entry the service refuses, and the service takes the others', async () => {
    countUsage('practice_answered', '不存在的分类')
    countUsage('practice_answered', '职业技能')
    await sendUsageCounts()
    expect(pendingUsageCounts()).toEqual([])
    const rows = countsOnServer()
    expect(rows.filter((row) => row.subject === '职业技能')).toEqual([{ metric: 'practice_answered', subject: '职业技能', day: today(), count: 1 }])
    expect(rows.filter((row) => row.subject === '不存在的分类')).toEqual([])
  })
})

describe('pages count', () => {
  it('an explainer read once per view of its page', async () => {
    const [policy] = listContent('policy')
    Current.router = { params: { id: policy.id }, path: '/packages/policy/detail/index', onReady: '', onHide: '', onShow: '' } as never
    const page = render(<PolicyDetailPage />)
    expect(await screen.findByRole('heading', { name: policy.data.title, level: 1 })).toBeInTheDocument()
    page.rerender(<PolicyDetailPage />)
    expect(pendingUsageCounts()).toEqual([{ metric: 'policy_read', subject: policy.id, day: today(), count: 1 }])
    page.unmount()

    render(<PolicyDetailPage />)
    expect(await screen.findByRole('heading', { name: policy.data.title, level: 1 })).toBeInTheDocument()
    expect(pendingUsageCounts()).toEqual([{ metric: 'policy_read', subject: policy.id, day: today(), count: 2 }])
  })

  it('each practice answer by its category, and the right ones, once per question', async () => {
    openQuizPage('practice', { scope: '工资支付', count: '2' })
    render(<PracticePage />)
    for (const kind of ['right', 'wrong'] as const) {
      const stem = await screen.findByRole('heading', { level: 2 })
      const question = bank.get(stem.textContent ?? '')?.data
      if (!question) throw new Error(`shown question not in the practice bank: ${stem.textContent}`)
      expect(question.category).toBe('工资支付')
      const right = question.options.filter((option) => question.answer.includes(option.id))
      const other = question.options.find((option) => !question.answer.includes(option.id))
      const picks = kind === 'right' ? right : other ? [other] : right.slice(0, -1)
      const shown = screen.getAllByRole(question.questionType === 'multiple' ? 'checkbox' : 'radio')
      for (const option of picks) {
        const element = shown.find((candidate) => within(candidate).queryByText(option.text) !== null)
        if (!element) throw new Error(`option ${option.text} is not shown`)
        fireEvent.click(within(element).getByText(option.text))
      }
      if (question.questionType === 'multiple') fireEvent.click(screen.getByText('确定'))
      expect(await screen.findByRole('alert')).toHaveTextContent(kind === 'right' ? '✓ 回答正确' : '✗ 回答错误')
      fireEvent.click(screen.getByText(kind === 'right' ? '下一题' : '查看本组结果'))
    }
    expect(await screen.findByText('答对 1/2 题')).toBeInTheDocument()
    expect(pendingUsageCounts()).toEqual([
      { metric: 'practice_answered', subject: '工资支付', day: today(), count: 2 },
      { metric: 'practice_right', subject: '工资支付', day: today(), count: 1 },
    ])
  })
})
