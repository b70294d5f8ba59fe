// The explainer picker's search, page and chosen explainer, as the address holds them
// (`#/sources?q=工资&page=2&explainer=policy-wage-payment-on-time`).
import { queryFrom, wholeNumber, words } from '../../list-query'

export const PICKER_PAGE_SIZE = 8
const SEARCH_MAX = 50
const ID_MAX = 200

export interface PreviewState {
  q?: string
  page: number
  explainer?: string
}

export function readPreviewState(query: URLSearchParams): PreviewState {
  return { q: words(query.get('q'), SEARCH_MAX), page: wholeNumber(query.get('page'), 1) ?? 1, explainer: words(query.get('explainer'), ID_MAX) }
}

/** The address query of a state: only what differs from the defaults. */
export function previewQuery(state: PreviewState): URLSearchParams {
  return queryFrom({ q: state.q, page: state.page, explainer: state.explainer }, { page: 1 })
}

/** The service's query of the picker's list. */
export function explainerListQuery(state: PreviewState): URLSearchParams {
  return queryFrom({ q: state.q, page: state.page, pageSize: PICKER_PAGE_SIZE }, { page: 1 })
}
