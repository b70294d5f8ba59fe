import { buildSearchIndex, fold, queryTerms, search, type SearchDocument } from '../../../src/core/content/search'

const documents: SearchDocument[] = [
  {
    id: 'injury',
    title: '工伤认定怎么申请',
    summary: '职工发生事故伤害，用人单位应当在30日内提出工伤认定申请。',
    tags: ['工伤保险'],
    body: '工伤认定的条件和材料。用人单位未按规定提出的，工伤职工或者其近亲属可以在1年内直接提出申请。',
  },
  {
    id: 'wages',
    title: '农民工工资支付的规定',
    summary: '工资应当以货币形式按时足额支付，不得以实物或者有价证券代替。',
    tags: ['工资支付', '农民工'],
    body: '用人单位应当按照与农民工书面约定的工资支付周期和具体支付日期足额支付工资。工伤职工的工资另有规定。',
  },
  {
    id: 'contract',
    title: '劳动合同什么时候签',
    summary: '建立劳动关系，应当订立书面劳动合同。',
    tags: ['劳动合同'],
    body: '已建立劳动关系，未同时订立书面劳动合同的，应当自用工之日起一个月内订立书面劳动合同。',
  },
]

const index = buildSearchIndex(documents)

describe('policy search', () => {
  it('finds Chinese words without spaces and ranks a title hit first', () => {
    const hits = search(index, '工伤')
    expect(hits.map((hit) => hit.id)).toEqual(['injury', 'wages'])
    expect(hits[0].titleRanges).toEqual([{ start: 0, end: 2 }])
  })

  it('requires every term of a multi-term query', () => {
    expect(search(index, '工资 农民工').map((hit) => hit.id)).toEqual(['wages'])
    expect(search(index, '工资 劳动合同')).toEqual([])
  })

  it('matches a phrase whose characters mostly occur, as in 「工伤认定条件」', () => {
    expect(search(index, '工伤认定条件').map((hit) => hit.id)).toEqual(['injury'])
  })

  it('ignores full-width forms, case and punctuation', () => {
    expect(fold('ＡＢＣ１２３')).toBe('abc123')
    expect(queryTerms('  工资，　农民工！ ')).toEqual(['工资', '农民工'])
    expect(search(index, '３０日').map((hit) => hit.id)).toEqual(['injury'])
  })

  it('gives a snippet around the first match with its highlight', () => {
    const [hit] = search(index, '近亲属')
    expect(hit.id).toBe('injury')
    const { text, ranges } = hit.snippet
    expect(ranges).toHaveLength(1)
    expect(text.slice(ranges[0].start, ranges[0].end)).toBe('近亲属')
    expect(text.startsWith('…')).toBe(true)
  })

  it('returns nothing for an empty query or no match', () => {
    expect(search(index, '   ')).toEqual([])
    expect(search(index, '养老金')).toEqual([])
  })
})
