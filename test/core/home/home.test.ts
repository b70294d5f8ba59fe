import { dailyQuestion } from '../../../src/core/home/daily-question'
import { homeSections, latestExplainers } from '../../../src/core/home/persona'
import type { BankQuestion } from '../../../src/core/quiz/draw'
import type { QuizQuestion } from '../../../src/core/content/model'

function question(id: string): BankQuestion {
  return { id, data: { stem: `题${id}` } as QuizQuestion }
}

describe('the question of the day', () => {
  const bank = Array.from({ length: 30 }, (_, i) => question(`q${String(i).padStart(2, '0')}`))

  it('is the same for a date whatever order the bank comes in, and none while the bank is empty', () => {
    expect(dailyQuestion(bank, '2026-12-07')).toBe(dailyQuestion(bank.slice().reverse(), '2026-12-07'))
    expect(dailyQuestion([], '2026-12-07')).toBeNull()
  })

  it('changes from day to day across the bank', () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`)
    const picked = new Set(days.map((day) => dailyQuestion(bank, day)?.id))
    expect(picked.size).toBeGreaterThan(10)
    const consecutiveRepeats = days.slice(1).filter((day, i) => dailyQuestion(bank, day) === dailyQuestion(bank, days[i])).length
    expect(consecutiveRepeats).toBeLessThan(5)
  })
})

describe('the home page order', () => {
  it('puts reports first for a worker, 用工指引 for an employer, the daily question for a resident', () => {
    expect(homeSections('worker')[0]).toBe('reports')
    expect(homeSections('employer')[0]).toBe('employer-guide')
    expect(homeSections('resident').slice(0, 2)).toEqual(['daily-question', 'contest'])
  })

  it('gives everyone the explainers, daily question, contest and hotline', () => {
    for (const persona of ['worker', 'employer', 'resident', null] as const) {
      expect(homeSections(persona)).toEqual(expect.arrayContaining(['explainers', 'daily-question', 'contest', 'hotline']))
    }
    expect(homeSections(null)).not.toContain('employer-guide')
  })

  it('lists the newest explainers first, of the categories asked, undated last', () => {
    const items = [
      { id: 'a', data: { category: '劳动关系' as const, publishedDate: '2025-01-01' } },
      { id: 'b', data: { category: '就业创业' as const, publishedDate: '2026-06-01' } },
      { id: 'c', data: { category: '工资支付' as const } },
      { id: 'd', data: { category: '工资支付' as const, publishedDate: '2026-01-01' } },
    ]
    expect(latestExplainers(items, 3).map((item) => item.id)).toEqual(['b', 'd', 'a'])
    expect(latestExplainers(items, 5, ['劳动关系', '工资支付']).map((item) => item.id)).toEqual(['d', 'a', 'c'])
  })
})
