import { bankQuery, readBankState } from '../../console/src/pages/question-bank/bank-query'
import { feedbackExportQuery, feedbackQuery, readFeedbackState } from '../../console/src/pages/feedback/feedback-query'

describe('the 纠错和投诉建议 page in the address', () => {
  it('reads what it knows and leaves out the rest', () => {
    expect(readFeedbackState(new URLSearchParams('kind=question_report&status=handled&questionId=q1&page=2&pageSize=50'))).toEqual({
      kind: 'question_report',
      status: 'handled',
      questionId: 'q1',
      page: 2,
      pageSize: 50,
    })
    expect(readFeedbackState(new URLSearchParams('kind=praise&status=done&page=0&pageSize=7'))).toEqual({ kind: undefined, status: undefined, questionId: undefined, page: 1, pageSize: 20 })
  })

  it('writes the list query without defaults, and the export query without paging', () => {
    const state = readFeedbackState(new URLSearchParams('status=open&page=3'))
    expect(feedbackQuery(state).toString()).toBe('status=open&page=3')
    expect(feedbackQuery(readFeedbackState(new URLSearchParams(''))).toString()).toBe('')
    expect(feedbackExportQuery(state, 'xlsx').toString()).toBe('format=xlsx&status=open')
  })
})

describe('the 题库 page in the address', () => {
  it('reads the bank, the words and the category, and writes them back without defaults', () => {
    const state = readBankState(new URLSearchParams('bank=practice&q=%20试用期%20&category=劳动关系&sort=reports&pageSize=100'))
    expect(state).toEqual({ bank: 'practice', q: '试用期', category: '劳动关系', sort: 'reports', page: 1, pageSize: 100 })
    expect(bankQuery(state).toString()).toBe(new URLSearchParams({ bank: 'practice', q: '试用期', category: '劳动关系', sort: 'reports', pageSize: '100' }).toString())
    expect(bankQuery(readBankState(new URLSearchParams('bank=contest&category=天气&sort=category&sort2=x'))).toString()).toBe('')
  })
})
