import { explainerListQuery, previewQuery, readPreviewState } from '../../console/src/pages/sources/preview-query'

describe('the explainer picker in the address', () => {
  it('reads the search, page and chosen explainer and writes them back the same', () => {
    const query = 'q=%E5%B7%A5%E8%B5%84&page=2&explainer=policy-wage-payment-on-time'
    const state = readPreviewState(new URLSearchParams(query))
    expect(state).toEqual({ q: '工资', page: 2, explainer: 'policy-wage-payment-on-time' })
    expect(previewQuery(state).toString()).toBe(query)
    expect(explainerListQuery(state).toString()).toBe('q=%E5%B7%A5%E8%B5%84&page=2&pageSize=8')
  })

  it('leaves out what is malformed or the default', () => {
    const state = readPreviewState(new URLSearchParams('q=%20%20&page=0&explainer='))
    expect(state).toEqual({ q: undefined, page: 1, explainer: undefined })
    expect(previewQuery(state).toString()).toBe('')
    expect(explainerListQuery(state).toString()).toBe('pageSize=8')
  })
})
