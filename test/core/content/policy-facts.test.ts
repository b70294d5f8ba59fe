import type { Policy } from '../../../src/core/content/model'
import { policyFacts } from '../../../src/core/content/policy-facts'

const policy: Policy = { title: '拖欠工资怎么办', summary: '先协商', category: '劳动关系', body: [], qa: [], tags: [], related: [] }

describe('policyFacts', () => {
  it('lists the facts the source gives, in the page order, dates in words', () => {
    expect(policyFacts({ ...policy, documentNumber: '人社部发〔2024〕1号', effectiveDate: '2024-05-01', writtenDate: '2024-02-20', issuer: '人力资源社会保障部' })).toEqual([
      ['文号', '人社部发〔2024〕1号'],
      ['发文机关', '人力资源社会保障部'],
      ['成文日期', '2024年2月20日'],
      ['施行日期', '2024年5月1日'],
    ])
  })

  it('lists nothing when the source gives none', () => {
    expect(policyFacts(policy)).toEqual([])
  })
})
