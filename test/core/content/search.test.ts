import type { GlossaryGroup } from '../../../src/core/content/model'
import { buildSearchIndex, fold, nearest, queryTerms, search, type Range, type SearchDocument } from '../../../src/core/content/search'

const doc = (id: string, fields: Partial<SearchDocument>): SearchDocument => ({ id, title: '', summary: '', tags: [], qa: [], body: '', ...fields })

const documents: SearchDocument[] = [
  doc('injury', {
    title: '工伤认定怎么申请',
    summary: '职工发生事故伤害，用人单位应当在30日内提出工伤认定申请。',
    tags: ['工伤保险'],
    body: '工伤认定的条件和材料。用人单位未按规定提出的，工伤职工或者其近亲属可以在1年内直接提出申请。',
  }),
  doc('wages', {
    title: '农民工工资支付的规定',
    summary: '工资应当以货币形式按时足额支付，不得以实物或者有价证券代替。',
    tags: ['工资支付', '农民工'],
    body: '用人单位应当按照与农民工书面约定的工资支付周期和具体支付日期足额支付工资。工伤职工的工资另有规定。',
  }),
  doc('contract', {
    title: '劳动合同什么时候签',
    summary: '建立劳动关系，应当订立书面劳动合同。',
    tags: ['劳动合同'],
    body: '已建立劳动关系，未同时订立书面劳动合同的，应当自用工之日起一个月内订立书面劳动合同。',
  }),
]

// Only the groups a test names: the base table is tested against the sample content below.
const noGlossary: GlossaryGroup[] = []
const index = buildSearchIndex(documents, noGlossary)

/** The text of each range, to compare highlights by what they mark. */
const marked = (text: string, ranges: Range[]) => ranges.map(({ start, end }) => text.slice(start, end))

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
    expect(fold('ＡＢＣ１２３Ⅱ')).toBe('abc123ⅱ')
    expect(fold('工资，按月支付。')).toBe('工资，按月支付。')
    expect(queryTerms('  工资，　农民工！ ')).toEqual(['工资', '农民工'])
    expect(search(index, '３０日').map((hit) => hit.id)).toEqual(['injury'])
    const latin = buildSearchIndex([doc('app', { title: '手机APP上查询社保' }), doc('roman', { title: '第Ⅱ类人员“ＮＯ.１”' })], noGlossary)
    expect(search(latin, 'app').map((hit) => hit.id)).toEqual(['app'])
    expect(search(latin, 'ａｐｐ')[0].titleRanges).toEqual([{ start: 2, end: 5 }])
    expect(search(latin, 'ⅱ类 no.1').map((hit) => hit.id)).toEqual(['roman'])
  })

  it('gives a snippet around the first match with its highlight', () => {
    const [hit] = search(index, '近亲属')
    expect(hit.id).toBe('injury')
    const { text, ranges, source } = hit.snippet
    expect(source).toBe('body')
    expect(marked(text, ranges)).toEqual(['近亲属'])
    expect(text.startsWith('…')).toBe(true)
  })

  it('returns nothing for an empty query or no match', () => {
    expect(search(index, '   ')).toEqual([])
    expect(search(index, '养老金')).toEqual([])
  })
})

describe('where a match counts', () => {
  // The same word in one field of each explainer, and nothing else to tell them apart.
  const fields = buildSearchIndex(
    [
      doc('body', { title: '说明五', body: '入职时公司要求交押金。'.repeat(20) }),
      doc('summary', { title: '说明四', summary: '入职押金不合法。' }),
      doc('answer', { title: '说明三', qa: [{ question: '入职要交钱吗？', answer: '不能收押金。' }] }),
      doc('question', { title: '说明二', qa: [{ question: '公司收押金合法吗？', answer: '不合法。' }] }),
      doc('tags', { title: '说明一', tags: ['押金'] }),
      doc('title', { title: '入职押金' }),
    ],
    noGlossary,
  )

  it('ranks title, tags, the 一问一答 (question, then answer), summary, body; repeats never lift a lower field', () => {
    expect(search(fields, '押金').map((hit) => hit.id)).toEqual(['title', 'tags', 'question', 'answer', 'summary', 'body'])
  })

  it('takes the snippet from the Q&A, marked as question or answer', () => {
    const hits = new Map(search(fields, '押金').map((hit) => [hit.id, hit.snippet]))
    expect(hits.get('question')).toEqual({ text: '问：公司收押金合法吗？', ranges: [{ start: 5, end: 7 }], source: 'question' })
    expect(hits.get('answer')).toEqual({ text: '答：不能收押金。', ranges: [{ start: 5, end: 7 }], source: 'answer' })
    // Only the title matched: the summary says what it is about, with nothing marked.
    expect(hits.get('title')).toEqual({ text: '', ranges: [], source: 'summary' })
  })
})

describe('the glossary', () => {
  const glossary: GlossaryGroup[] = [
    { terms: ['年假', '年休假', '带薪年休假'], also: [] },
    { terms: ['社保', '社会保险'], also: [] },
    { terms: ['断缴', '停缴', '中断缴费'], also: ['欠缴'] },
    { terms: ['五险一金'], also: ['社会保险', '住房公积金'] },
    { terms: ['加班费', '加班工资'], also: [] },
  ]
  const explainers = buildSearchIndex(
    [
      doc('leave', {
        title: '带薪年休假：休几天',
        summary: '职工连续工作1年以上的，享受带薪年休假。',
        qa: [{ question: '离职时年假没休完怎么办？', answer: '应当支付未休年休假工资报酬。' }],
      }),
      doc('leave-word', { title: '年假的小知识' }),
      doc('leave-synonym', { title: '年休假的小知识' }),
      doc('insurance', {
        title: '社会保险：单位必须为职工参保',
        summary: '用人单位应当按时足额缴纳社会保险费。',
        body: '用人单位未按时足额缴纳社会保险费的，责令限期缴纳或者补足，并自欠缴之日起按日加收滞纳金。',
        qa: [{ question: '怎么知道公司有没有给我缴社保？', answer: '可以查询缴费记录。' }],
      }),
      doc('fund', { title: '住房公积金怎么提取', summary: '五险一金中的一金。' }),
      doc('overtime', { title: '加班工资怎么算', summary: '休息日加班又不能补休的，支付不低于工资200%的工资报酬。' }),
    ],
    glossary,
  )
  const ids = (query: string) => search(explainers, query).map((hit) => hit.id)

  it('finds the synonyms of a word, the word typed before a synonym, and marks the synonym where it matched', () => {
    // The explainer that says it most (title, Q&A, summary) first; of two titles alike but for the word, the one typed.
    expect(ids('年假')).toEqual(['leave', 'leave-word', 'leave-synonym'])
    expect(ids('年休假')).toEqual(['leave', 'leave-synonym', 'leave-word'])
    const [leave] = search(explainers, '年假')
    expect(marked('带薪年休假：休几天', leave.titleRanges)).toEqual(['带薪年休假'])
    expect(leave.snippet.source).toBe('question')
    expect(marked(leave.snippet.text, leave.snippet.ranges)).toEqual(['年假'])
  })

  it('widens one way only: 五险一金 finds 社会保险, 社会保险 does not find 五险一金', () => {
    expect(ids('五险一金')).toEqual(['insurance', 'fund'])
    expect(ids('社会保险')).toEqual(['insurance'])
  })

  it('reads a term as the glossary words it holds, each of which must match: 社保断缴 → 社保 and 断缴', () => {
    const [hit, ...rest] = search(explainers, '社保断缴')
    expect(rest).toEqual([])
    expect(hit.id).toBe('insurance')
    // The snippet shows the rarer word, with every matched word marked.
    expect(hit.snippet.source).toBe('body')
    expect(marked(hit.snippet.text, hit.snippet.ranges)).toEqual(['社会保险', '欠缴'])
    // 社保 alone finds it; 断缴 with a word the explainer lacks does not.
    expect(ids('社保')).toEqual(['insurance'])
    expect(ids('断缴 养老')).toEqual([])
  })

  it('leaves out the filler words of a question, and still needs the rest', () => {
    expect(ids('加班费怎么算')).toEqual(['overtime'])
    expect(marked('加班工资怎么算', search(explainers, '加班费怎么算')[0].titleRanges)).toEqual(['加班工资', '算'])
    expect(ids('加班费怎么报销')).toEqual([])
  })

  it('needs every term of the query, however each is read', () => {
    expect(ids('社保 年假')).toEqual([])
    expect(ids('社保 欠缴')).toEqual(['insurance'])
  })

  it('suggests the nearest explainers and their nearest Q&A when nothing matches', () => {
    expect(ids('年假申请表')).toEqual([])
    expect(nearest(explainers, '年假申请表')).toEqual([
      { id: 'leave', qa: [{ question: '离职时年假没休完怎么办？', answer: '应当支付未休年休假工资报酬。' }] },
    ])
    expect(nearest(explainers, '交通补贴')).toEqual([])
  })
})
