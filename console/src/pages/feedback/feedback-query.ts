// The 纠错和投诉建议 page's filters and paging as the address holds them and the service takes them.
import type { ExportFormat } from '../../../../server/admin/workspace.schemas'
import type { FeedbackFilter } from '../../../../server/feedback/feedback-inbox.schemas'
import { FEEDBACK_KINDS } from '../../../../src/core/feedback'
import { FEEDBACK_STATUSES } from '../../../../src/core/feedback-handling'
import { oneOf, queryFrom, wholeNumber, words } from '../../list-query'

export const FEEDBACK_PAGE_SIZES = [20, 50, 100] as const
const PAGE_SIZE = 20

export interface FeedbackState extends FeedbackFilter {
  page: number
  pageSize: number
}

export function readFeedbackState(query: URLSearchParams): FeedbackState {
  return {
    kind: oneOf(FEEDBACK_KINDS, query.get('kind')),
    status: oneOf(FEEDBACK_STATUSES, query.get('status')),
    questionId: words(query.get('questionId'), 100),
    page: wholeNumber(query.get('page'), 1) ?? 1,
    pageSize: oneOf(FEEDBACK_PAGE_SIZES.map(String), query.get('pageSize')) === undefined ? PAGE_SIZE : Number(query.get('pageSize')),
  }
}

function filterValues(state: FeedbackState): Record<keyof FeedbackFilter, string | undefined> {
  return { kind: state.kind, status: state.status, questionId: state.questionId }
}

export function feedbackQuery(state: FeedbackState): URLSearchParams {
  return queryFrom({ ...filterValues(state), page: state.page, pageSize: state.pageSize }, { page: 1, pageSize: PAGE_SIZE })
}

export function feedbackExportQuery(state: FeedbackState, format: ExportFormat): URLSearchParams {
  return queryFrom({ format, ...filterValues(state) })
}
