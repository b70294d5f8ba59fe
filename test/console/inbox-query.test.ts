import { exportQuery, inboxQuery, isFiltered, readInboxState } from '../../console/src/pages/reports/inbox-query'

const read = (query: string) => readInboxState(new URLSearchParams(query))

describe('the inbox state in the address', () => {
  it('reads every filter the service takes and writes it back the same', () => {
    const query =
      'view=overdue&q=%E5%BB%BA%E7%AD%91&district=440103&statuses=submitted%2Caccepted&kind=tip&construction=false&amountMin=1000&amountMax=50000&from=2026-01-01&to=2026-01-31&unread=true&sort=newest&page=3&pageSize=50'
    const state = read(query)
    expect(state).toEqual({
      view: 'overdue',
      q: '建筑',
      district: '440103',
      statuses: ['submitted', 'accepted'],
      kind: 'tip',
      construction: false,
      amountMin: 1000,
      amountMax: 50000,
      from: '2026-01-01',
      to: '2026-01-31',
      unread: true,
      sort: 'newest',
      page: 3,
      pageSize: 50,
    })
    expect(inboxQuery(state).toString()).toBe(query)
  })

  it('leaves the defaults out of the address: an inbox with nothing chosen is plain #/reports', () => {
    const state = read('')
    expect(state).toEqual({ statuses: [], page: 1, pageSize: 20 })
    expect(inboxQuery(state).toString()).toBe('')
    expect(inboxQuery({ ...state, sort: 'urgency', page: 1, pageSize: 20 }).toString()).toBe('')
    expect(isFiltered(state)).toBe(false)
  })

  it('drops what is malformed or unknown, as if it were not there', () => {
    const state = read(
      'view=all&district=4401&statuses=closed,nonsense,closed&kind=x&construction=yes&amountMin=-5&amountMax=1e9&from=2026-02-30&to=yesterday&unread=1&sort=random&page=0&pageSize=7&q=%20%20',
    )
    expect(state).toEqual({ statuses: ['closed'], page: 1, pageSize: 20 })
    expect(inboxQuery(state).toString()).toBe('statuses=closed')
  })

  it('keeps statuses in the order of the workflow whatever order the address has', () => {
    expect(read('statuses=closed,submitted').statuses).toEqual(['submitted', 'closed'])
  })

  it('tells a filtered list from a view of everything', () => {
    expect(isFiltered(read('view=mine&sort=oldest&page=2'))).toBe(false)
    expect(isFiltered(read('unread=true'))).toBe(true)
    expect(isFiltered(read('statuses=closed'))).toBe(true)
  })

  it('exports the same selection on no page, with a reason only when revealing', () => {
    const state = read('view=mine&statuses=submitted&q=ABCD&page=4&pageSize=50')
    expect(exportQuery(state, 'xlsx').toString()).toBe('format=xlsx&view=mine&q=ABCD&statuses=submitted')
    expect(Object.fromEntries(exportQuery(state, 'csv', { reason: '月度统计核对' }))).toEqual({
      format: 'csv',
      view: 'mine',
      q: 'ABCD',
      statuses: 'submitted',
      reveal: 'true',
      reason: '月度统计核对',
    })
  })
})
