/**
 * Issue 10's everyday words against the sample content as a phone gets it: every sample feed of
 * assets/feed ingested, synced over the API, and searched with the app's own index (the base
 * glossary and the glossary items of the feed).
 */
import type { Glossary, Policy } from '../../src/core/content/model'
import { policySearchIndex, search, type SearchHit, type SearchIndex } from '../../src/core/content/search'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { syncAll } from './content-helpers'
import { storages, useApp } from './storage'

describe('searching the sample content in everyday words', () => {
  const { app } = useApp(storages()[0])
  let policies: Map<string, Policy>
  let index: SearchIndex

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    const { items } = await syncAll(app())
    const live = items.filter((item) => !item.deleted)
    const explainers = live.filter((item) => item.type === 'policy').map((item) => ({ id: item.id, data: item.data as unknown as Policy }))
    const glossaries = live.filter((item) => item.type === 'glossary').map((item) => item.data as unknown as Glossary)
    expect(glossaries.length).toBeGreaterThan(0)
    policies = new Map(explainers.map(({ id, data }) => [id, data]))
    index = policySearchIndex(explainers, glossaries)
  })

  const first = (query: string): { hit: SearchHit; policy: Policy } => {
    const [hit] = search(index, query)
    if (hit === undefined) throw new Error(`nothing found for ${query}`)
    return { hit, policy: policies.get(hit.id) as Policy }
  }
  const ids = (query: string) => search(index, query).map((hit) => hit.id)

  it.each(['社保', '社保断缴', '不交社保', '五险一金'])('%s: a social-insurance explainer first, and the one on who pays social insurance among the hits', (query) => {
    expect(first(query).policy.category).toBe('社会保险')
    expect(ids(query)).toContain('policy-social-insurance-basics')
  })

  it('社保 finds the explainer whose Q&A says 缴社保 among the first three', () => {
    expect(ids('社保').slice(0, 3)).toContain('policy-social-insurance-basics')
  })

  it('年假: the paid annual leave explainer first, its title marked where it says 带薪年休假', () => {
    const { hit, policy } = first('年假')
    expect(policy.title).toContain('带薪年休假')
    expect(hit.titleRanges.map(({ start, end }) => policy.title.slice(start, end))).toContain('带薪年休假')
  })

  it.each(['工资条', '粮单'])('%s: an explainer on pay slips (工资清单) first', (query) => {
    const { policy } = first(query)
    expect(policy.category).toBe('工资支付')
    expect([policy.title, ...policy.tags, ...policy.qa.map((pair) => pair.question)].join(' ')).toMatch(/工资清单|工资条/)
  })

  it('最低工资: a wage explainer first, with 最低工资 marked where it says so', () => {
    const { hit, policy } = first('最低工资')
    expect(policy.category).toBe('工资支付')
    const marked = [
      ...hit.titleRanges.map(({ start, end }) => policy.title.slice(start, end)),
      ...hit.snippet.ranges.map(({ start, end }) => hit.snippet.text.slice(start, end)),
    ]
    expect(marked.some((words) => words.startsWith('最低工资'))).toBe(true)
  })
})
