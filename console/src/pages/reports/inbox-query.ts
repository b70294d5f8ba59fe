// The inbox's filters, paging and view as the address holds them and the service takes them.
import type { ExportFormat, InboxSort, InboxView, TipInboxFilter, TipInboxQuery } from '../../../../server/admin/workspace.schemas'
import { TIP_STATUSES, type TipStatus } from '../../../../src/core/tips/status'
import { booleanFlag, dateText, oneOf, queryFrom, wholeNumber, words } from '../../list-query'

export const INBOX_VIEWS: readonly InboxView[] = ['mine', 'due_soon', 'overdue']
export const INBOX_SORTS: readonly InboxSort[] = ['urgency', 'newest', 'oldest']
export const PAGE_SIZES = [10, 20, 50, 100] as const
const PAGE_SIZE = 20
const SEARCH_MAX = 100

/** What the inbox shows: the service's query, with the statuses as a list. */
export interface InboxState extends Omit<TipInboxQuery, 'statuses'> {
  statuses: TipStatus[]
  page: number
  pageSize: number
}

export function readInboxState(query: URLSearchParams): InboxState {
  const statuses = (query.get('statuses') ?? '').split(',')
  return {
    view: oneOf(INBOX_VIEWS, query.get('view')),
    q: words(query.get('q'), SEARCH_MAX),
    district: /^\d{6}$/.test(query.get('district') ?? '') ? (query.get('district') ?? undefined) : undefined,
    statuses: TIP_STATUSES.filter((status) => statuses.includes(status)),
    kind: oneOf(['complaint', 'tip'] as const, query.get('kind')),
    construction: booleanFlag(query.get('construction')),
    amountMin: wholeNumber(query.get('amountMin'), 0),
    amountMax: wholeNumber(query.get('amountMax'), 0),
    from: dateText(query.get('from')),
    to: dateText(query.get('to')),
    unread: booleanFlag(query.get('unread')) === true ? true : undefined,
    sort: oneOf(INBOX_SORTS, query.get('sort')),
    page: wholeNumber(query.get('page'), 1) ?? 1,
    pageSize: oneOf(PAGE_SIZES.map(String), query.get('pageSize')) === undefined ? PAGE_SIZE : Number(query.get('pageSize')),
  }
}

function filterValues(state: InboxState): Record<keyof TipInboxFilter, string | number | boolean | undefined> {
  return {
    view: state.view,
    q: state.q,
    district: state.district,
    statuses: state.statuses.join(','),
    kind: state.kind,
    construction: state.construction,
    amountMin: state.amountMin,
    amountMax: state.amountMax,
    from: state.from,
    to: state.to,
    unread: state.unread,
    sort: state.sort,
  }
}

/** The address query of a state (and the service's query of the list): only what differs from the defaults. */
export function inboxQuery(state: InboxState): URLSearchParams {
  return queryFrom({ ...filterValues(state), page: state.page, pageSize: state.pageSize }, { sort: 'urgency', page: 1, pageSize: PAGE_SIZE })
}

/** The service's query of the export of the same list: every report the filters select, on no page. */
export function exportQuery(state: InboxState, format: ExportFormat, reveal?: { reason: string }): URLSearchParams {
  const query = queryFrom({ format, ...filterValues(state) }, { sort: 'urgency' })
  if (reveal) {
    query.set('reveal', 'true')
    query.set('reason', reveal.reason)
  }
  return query
}

/** Whether any filter narrows the list (beyond its view): for what to say when it is empty. */
export function isFiltered(state: InboxState): boolean {
  const { view: _view, sort: _sort, ...filters } = filterValues(state)
  return Object.values(filters).some((value) => value !== undefined && value !== '')
}
