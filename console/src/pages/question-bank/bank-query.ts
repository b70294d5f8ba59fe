// The 题库 page's filters and paging as the address holds them and the service takes them.
import type { QuestionBankQuery } from '../../../../server/quiz/question-bank.schemas'
import { POLICY_CATEGORIES } from '../../../../src/core/content/model'
import { QUESTION_BANKS } from '../../../../src/core/quiz/question-bank'
import { oneOf, queryFrom, wholeNumber, words } from '../../list-query'

export const BANK_SORTS = ['category', 'reports'] as const
export const BANK_PAGE_SIZES = [20, 50, 100] as const
const PAGE_SIZE = 20

export interface BankState extends Omit<QuestionBankQuery, 'page' | 'pageSize'> {
  page: number
  pageSize: number
}

export function readBankState(query: URLSearchParams): BankState {
  return {
    bank: oneOf(QUESTION_BANKS, query.get('bank')),
    q: words(query.get('q'), 100),
    category: oneOf(POLICY_CATEGORIES, query.get('category')),
    sort: oneOf(BANK_SORTS, query.get('sort')),
    page: wholeNumber(query.get('page'), 1) ?? 1,
    pageSize: oneOf(BANK_PAGE_SIZES.map(String), query.get('pageSize')) === undefined ? PAGE_SIZE : Number(query.get('pageSize')),
  }
}

export function bankQuery(state: BankState): URLSearchParams {
  return queryFrom(
    { bank: state.bank, q: state.q, category: state.category, sort: state.sort, page: state.page, pageSize: state.pageSize },
    { bank: 'contest', sort: 'category', page: 1, pageSize: PAGE_SIZE },
  )
}
