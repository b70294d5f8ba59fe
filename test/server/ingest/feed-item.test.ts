import { checkFeedItem, feedItemId, utf8Length, type FeedItemCheck, type FeedItemContext } from '../../../server/ingest/feed-item'
import { BASE_GLOSSARY } from '../../../src/core/content/glossary'
import type { RichNode } from '../../../src/core/content/model'

// The server passes its sanitiser; here a stand-in that keeps the text.
const context = (position = 1, maxBodyBytes = 200 * 1024): FeedItemContext => ({
  position,
  maxBodyBytes,
  htmlToNodes: (html: string): RichNode[] => [{ name: 'p', children: [{ type: 'text', text: html.replace(/<[^>]*>/g, '') }] }],
})

const policy = (fields: Record<string, unknown> = {}, extension: Record<string, unknown> = {}) => ({
  id: 'policy-001',
  title: '  劳动合同什么时候签  ',
  content_html: '<p>自用工之日起一个月内订立书面劳动合同。</p>',
  ...fields,
  _pufa: { type: 'policy', schema: 1, category: '劳动关系', validity: '有效', ...extension },
})

const question = (extension: Record<string, unknown> = {}) => ({
  id: 'q-001',
  _pufa: {
    type: 'quiz_question',
    schema: 1,
    bank: 'practice',
    questionType: 'single',
    stem: '用人单位应当在多长时间内订立书面劳动合同？',
    options: [
      { id: 'a', text: '一个月' },
      { id: 'b', text: '三个月' },
    ],
    answer: ['a'],
    explanation: '劳动合同法第十条。',
    citations: [{ law: '中华人民共和国劳动合同法', article: '第十条', effectiveDate: '2013/7/1' }],
    difficulty: 2,
    category: '劳动关系',
    ...extension,
  },
})

function valid(check: FeedItemCheck) {
  if (check.status !== 'valid') throw new Error(`expected a valid item, got ${check.status}: ${'reason' in check ? check.reason : ''}`)
  return check.item
}

function reasonOf(check: FeedItemCheck): string {
  if (check.status === 'valid') throw new Error('expected a rejection')
  return check.reason
}

describe('checkFeedItem: policy', () => {
  it('turns a JSON Feed item into the model shape, with only the model fields', () => {
    const item = valid(
      checkFeedItem(
        policy(
          {
            summary: '一个月内签。',
            external_url: 'https://rsj.example.gov.cn/a.html',
            date_published: '2024-05-01 09:30:00',
            tags: ['劳动合同', ' 劳动合同 ', '', '用工'],
            unknown_field: 'ignored',
          },
          { documentNumber: '国办发[2024]12号', effectiveDate: '2024年5月1日', qa: [{ question: '问', answer: '答' }], related: ['policy-002'], _private: 1 },
        ),
        context(),
      ),
    )
    expect(item).toEqual({
      id: 'policy-001',
      type: 'policy',
      modifiedAt: Date.UTC(2024, 4, 1, 1, 30),
      data: {
        title: '劳动合同什么时候签',
        summary: '一个月内签。',
        category: '劳动关系',
        documentNumber: '国办发〔2024〕12号',
        publishedDate: '2024-05-01',
        effectiveDate: '2024-05-01',
        validity: '有效',
        sourceUrl: 'https://rsj.example.gov.cn/a.html',
        body: [{ name: 'p', children: [{ type: 'text', text: '自用工之日起一个月内订立书面劳动合同。' }] }],
        qa: [{ question: '问', answer: '答' }],
        tags: ['劳动合同', '用工'],
        related: ['policy-002'],
      },
    })
  })

  it('derives a missing summary from the body, and an empty one counts as missing', () => {
    const item = valid(checkFeedItem(policy({ summary: '' }), context()))
    expect(item.type === 'policy' && item.data.summary).toBe('自用工之日起一个月内订立书面劳动合同。')
  })

  it('prefers date_modified for ordering and accepts content_text', () => {
    const item = valid(checkFeedItem(policy({ content_html: undefined, content_text: '第一段\n\n第二段', date_published: '2024-05-01', date_modified: '2024-06-01T00:00:00Z' }), context()))
    expect(item.modifiedAt).toBe(Date.UTC(2024, 5, 1))
    expect(item.type === 'policy' && item.data.body).toEqual([
      { name: 'p', children: [{ type: 'text', text: '第一段' }] },
      { name: 'p', children: [{ type: 'text', text: '第二段' }] },
    ])
  })

  it('names every bad field at once', () => {
    const reason = reasonOf(
      checkFeedItem(policy({ title: '', external_url: 'javascript:alert(1)', date_modified: '昨天' }, { category: '税务', validity: '现行有效', effectiveDate: '2024-02-30' }), context(3)),
    )
    expect(reason).toMatch(/^第3条（id: policy-001）：/)
    expect(reason).toContain('title 为空')
    expect(reason).toContain('external_url 的 "javascript:alert(1)" 不是以 http:// 或 https:// 开头的网址')
    expect(reason).toContain('date_modified 的 "昨天" 不是有效的日期时间')
    expect(reason).toContain('category 应为 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一，而不是 "税务"')
    expect(reason).toContain('validity 应为 有效、已修订、已废止 之一，而不是 "现行有效"')
    expect(reason).toContain('effectiveDate 的 "2024-02-30" 不是有效的日期')
  })

  it('keeps a policy that says nothing of its validity without one (no badge is made up)', () => {
    const item = valid(checkFeedItem(policy({}, { validity: undefined }), context()))
    expect(item.type === 'policy' && item.data).not.toHaveProperty('validity')
  })

  it('says what the context asks when the category is missing, and names the field otherwise', () => {
    expect(reasonOf(checkFeedItem(policy({}, { category: undefined }), context()))).toBe(
      '第1条（id: policy-001）：缺少 category（应为 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一）',
    )
    expect(reasonOf(checkFeedItem(policy({}, { category: undefined }), { ...context(), missingCategory: '没有分类' }))).toBe('第1条（id: policy-001）：没有分类')
  })

  it('refuses a body over the limit', () => {
    const reason = reasonOf(checkFeedItem(policy({ content_html: `<p>${'字'.repeat(1000)}</p>` }), context(1, 1024)))
    expect(reason).toContain('content_html 有 3 KB，超过 1 KB 的上限')
  })

  it('refuses an item with neither body nor link', () => {
    expect(reasonOf(checkFeedItem(policy({ content_html: undefined }), context()))).toContain('缺少正文')
  })

  it('accepts a link-only item (RSS feeds often carry titles and links only)', () => {
    const item = valid(checkFeedItem(policy({ content_html: '', url: 'http://rsj.example.gov.cn/x.html' }), context()))
    expect(item.type === 'policy' && item.data).toMatchObject({ body: [], summary: '', sourceUrl: 'http://rsj.example.gov.cn/x.html' })
  })
})

describe('checkFeedItem: quiz_question', () => {
  it('accepts a practice question and normalises the citation date', () => {
    const item = valid(checkFeedItem(question(), context()))
    expect(item.type === 'quiz_question' && item.data.citations).toEqual([{ law: '中华人民共和国劳动合同法', article: '第十条', effectiveDate: '2013-07-01' }])
  })

  it('names an answer that is not an option', () => {
    expect(reasonOf(checkFeedItem(question({ answer: ['z'] }), context(3)))).toBe('第3条（id: q-001）：answer 中的 "z" 不是任何选项的 id')
  })

  it.each([
    [{ questionType: 'single', answer: ['a', 'b'] }, '单选题的 answer 应正好有 1 项，现在有 2 项'],
    [{ questionType: 'multiple', answer: ['a'] }, '多选题的 answer 至少要有 2 项'],
    [{ questionType: 'judge' }, '判断题的 options 应正好是 t（正确）和 f（错误）两项'],
    [{ options: [{ id: 'a', text: '一' }, { id: 'a', text: '二' }] }, 'options 中的 id "a" 重复'],
    [{ options: [{ id: 'a', text: '一' }] }, 'options 至少要有 2 项，现在有 1 项'],
    [{ difficulty: 5 }, 'difficulty 应为 1、2 或 3，而不是 "5"'],
    [{ bank: 'exam' }, 'bank 应为 practice、contest 之一，而不是 "exam"'],
    [{ citations: [] }, 'citations 至少要有 1 项'],
    [{ citations: [{ law: '劳动法' }] }, 'citations 的第 1 项的 article'],
    [{ explanation: '   ' }, 'explanation 为空'],
    [{ stem: 42 }, 'stem 应为文字，而不是 "42"'],
  ])('refuses %j', (extension, message) => {
    expect(reasonOf(checkFeedItem(question(extension), context()))).toContain(message)
  })

  it('accepts a judge question with t and f', () => {
    const judge = question({ questionType: 'judge', options: [{ id: 't', text: '正确' }, { id: 'f', text: '错误' }], answer: ['f'] })
    expect(checkFeedItem(judge, context()).status).toBe('valid')
  })
})

describe('checkFeedItem: calendar and site', () => {
  const calendar = (extension: Record<string, unknown> = {}) => ({
    id: 'calendar-2024',
    _pufa: { type: 'calendar', schema: 1, year: 2024, source: '国办发明电[2023]7号', holidays: ['2024-10-01', '2023-12-30', '2024-10-01'], workdays: ['2024/9/29'], ...extension },
  })

  it('sorts and de-duplicates the dates and normalises the 文号', () => {
    const item = valid(checkFeedItem(calendar(), context()))
    expect(item.data).toEqual({ year: 2024, source: '国办发明电〔2023〕7号', holidays: ['2023-12-30', '2024-10-01'], workdays: ['2024-09-29'] })
  })

  it('refuses a day that is both a holiday and a working day, and a bad year', () => {
    const reason = reasonOf(checkFeedItem(calendar({ workdays: ['2024-10-01'], year: '2024' }), context()))
    expect(reason).toContain('2024-10-01 同时出现在 holidays 和 workdays 中')
    expect(reason).toContain('year 应为 2000 到 2100 之间的年份')
  })

  const site = (extension: Record<string, unknown> = {}) => ({
    id: 'site',
    _pufa: { type: 'site', schema: 1, cityName: '广州', bureauName: '广州市人力资源和社会保障局', hotline: '12333', districts: [{ code: '440103', name: '荔湾区' }], ...extension },
  })

  it('accepts a site', () => {
    expect(valid(checkFeedItem(site(), context())).data).toEqual({
      cityName: '广州',
      bureauName: '广州市人力资源和社会保障局',
      hotline: '12333',
      districts: [{ code: '440103', name: '荔湾区' }],
    })
  })

  it('keeps the resident population of a district when given, and refuses one that is not a positive whole number', () => {
    const withPopulation = site({ districts: [{ code: '440103', name: '荔湾区', population: 1_123_456 }, { code: '440104', name: '越秀区' }] })
    expect(valid(checkFeedItem(withPopulation, context())).data).toMatchObject({
      districts: [{ code: '440103', name: '荔湾区', population: 1_123_456 }, { code: '440104', name: '越秀区' }],
    })
    for (const population of [0, -5, 1.5, '100万']) {
      const reason = reasonOf(checkFeedItem(site({ districts: [{ code: '440103', name: '荔湾区', population }] }), context()))
      expect(reason).toContain(`districts 的第 1 项的 population 应为常住人口数（正整数），而不是 "${String(population)}"`)
    }
  })

  it('keeps a district’s arbitration institution when given, and names what is wrong with one', () => {
    const arbitration = { name: '某区劳动人事争议仲裁院', address: '某区某路1号', phone: '020-12345678' }
    const withInstitution = site({ districts: [{ code: '440103', name: '荔湾区', arbitration }, { code: '440104', name: '越秀区', arbitration: { name: '越秀区仲裁院' } }] })
    expect(valid(checkFeedItem(withInstitution, context())).data).toMatchObject({
      districts: [{ code: '440103', name: '荔湾区', arbitration }, { code: '440104', name: '越秀区', arbitration: { name: '越秀区仲裁院' } }],
    })
    const reason = reasonOf(
      checkFeedItem(site({ districts: [{ code: '440103', name: '荔湾区', arbitration: { address: '某路', phone: '请咨询' } }, { code: '440104', name: '越秀区', arbitration: '仲裁院' }] }), context()),
    )
    expect(reason).toContain('districts 的第 1 项的 arbitration的 name')
    expect(reason).toContain('districts 的第 1 项的 arbitration的 phone "请咨询" 不是电话号码')
    expect(reason).toContain('districts 的第 2 项的 arbitration 应为一组字段（对象）')
  })

  it('refuses a bad district code and hotline', () => {
    const reason = reasonOf(checkFeedItem(site({ hotline: '请拨打', districts: [{ code: '4401', name: '某区' }] }), context()))
    expect(reason).toContain('hotline 的 "请拨打" 不是电话号码')
    expect(reason).toContain('districts 的第 1 项的 code "4401" 应为 6 位行政区划代码')
  })
})

describe('checkFeedItem: glossary', () => {
  const glossary = (extension: Record<string, unknown> = {}) => ({
    id: 'glossary-local',
    title: '本地说法',
    _pufa: { type: 'glossary', schema: 1, groups: [{ terms: ['出粮', ' 发工资 ', '出粮'], also: ['支付工资'], note: 'ignored' }, { terms: ['粮单', '工资条'] }], ...extension },
  })

  it('keeps the groups, cleaned and without repeats, and nothing else', () => {
    expect(valid(checkFeedItem(glossary(), context()))).toEqual({
      id: 'glossary-local',
      type: 'glossary',
      data: { groups: [{ terms: ['出粮', '发工资'], also: ['支付工资'] }, { terms: ['粮单', '工资条'], also: [] }] },
    })
  })

  it.each([
    [{ groups: undefined }, '缺少 groups'],
    [{ groups: [] }, 'groups 至少要有 1 项'],
    [{ groups: ['出粮 发工资'] }, 'groups 的第 1 组 应为一组字段（对象）'],
    [{ groups: [{ also: ['工资'] }] }, 'groups 的第 1 组缺少 terms（意思相同、可以互相代替的词）'],
    [{ groups: [{ terms: ['出粮'] }] }, 'groups 的第 1 组只有 1 个词：一组至少要有 2 个词，搜索其中一个时才能找到另一个'],
    [{ groups: [{ terms: ['出粮', '发 工资'] }] }, 'groups 的第 1 组的 terms 中的 "发 工资" 含有空格或标点：每个词应是连在一起的一个词'],
    [{ groups: [{ terms: ['粮单', '《工资条》'] }] }, 'groups 的第 1 组的 terms 中的 "《工资条》" 含有空格或标点：每个词应是连在一起的一个词'],
    [{ groups: [{ terms: ['粮单'], also: ['单'] }] }, 'groups 的第 1 组的 also 中的 "单" 只有 1 个字：单字会找出太多无关内容，每个词至少 2 个字'],
    [{ groups: [{ terms: ['粮单', '工资条'], also: ['工资条'] }] }, 'groups 的第 1 组中的 "工资条" 同时出现在 terms 和 also 中'],
    [{ groups: [{ terms: ['粮单', 5] }] }, 'groups 的第 1 组的 terms 的第 2 项应为文字'],
    [{ groups: [{ terms: ['粮单', '工'.repeat(21)] }] }, 'groups 的第 1 组的 terms 的第 2 项超过 20 个字的上限'],
  ])('refuses %j', (extension, problem) => {
    expect(reasonOf(checkFeedItem(glossary(extension), context(3)))).toBe(`第3条（id: glossary-local）：${problem}`)
  })

  it('passes the base table that ships with the app through the same checks', () => {
    const item = valid(checkFeedItem({ id: 'base', _pufa: { type: 'glossary', schema: 1, groups: BASE_GLOSSARY } }, context()))
    expect(item.data).toEqual({ groups: BASE_GLOSSARY })
    expect(BASE_GLOSSARY.length).toBeGreaterThanOrEqual(40)
  })
})

describe('checkFeedItem: the envelope', () => {
  it.each([
    ['not an object', '第2条：应为一组字段（对象）'],
    [{ title: 'x' }, '第2条：缺少 id'],
    [{ id: 'has space' }, '第2条：id "has space" 只能由字母、数字、-、_、.、: 组成，且不超过 200 个字符'],
    [{ id: 'x' }, '第2条（id: x）：缺少 _pufa（内容类型等字段）'],
    [{ id: 'x', _pufa: { type: 'policy' } }, '第2条（id: x）：缺少 _pufa.schema'],
    [{ id: 'x', _pufa: { type: 'policy', schema: 2 } }, '第2条（id: x）：_pufa.schema 为 "2"，目前只支持 1'],
  ])('refuses %j', (raw, reason) => {
    expect(checkFeedItem(raw, context(2))).toEqual(expect.objectContaining({ status: 'rejected', reason }))
  })

  it('ignores an unknown type instead of failing', () => {
    expect(checkFeedItem({ id: 'video-1', _pufa: { type: 'video', schema: 1 } }, context(4))).toEqual({
      status: 'ignored',
      id: 'video-1',
      reason: '第4条（id: video-1）：不认识的内容类型 "video"，已跳过',
    })
  })

  it('reads the id of any item that has one', () => {
    expect(feedItemId({ id: ' a-1 ' })).toBe('a-1')
    expect(feedItemId({ id: 7 })).toBe('7')
    expect(feedItemId({ id: 'bad id' })).toBeUndefined()
    expect(feedItemId(null)).toBeUndefined()
  })

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('a中𠮷é')).toBe(1 + 3 + 4 + 2)
  })
})
