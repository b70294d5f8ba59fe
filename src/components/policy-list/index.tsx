import ChoiceGroup from '../choice-group'
import EmptyState from '../empty-state'
import PolicyCard from '../policy-card'
import { POLICY_CATEGORIES, type Policy, type PolicyCategory } from '../../core/content/model'

/** The category filter of the 政策 tab and of the search page. */
export type PolicyFilter = '全部' | PolicyCategory

const FILTERS: { value: PolicyFilter; label: string }[] = [
  { value: '全部', label: '全部' },
  ...POLICY_CATEGORIES.map((category) => ({ value: category, label: category })),
]

export function inFilter(filter: PolicyFilter, policy: Policy): boolean {
  return filter === '全部' || policy.category === filter
}

export function CategoryFilter({ value, onChange }: { value: PolicyFilter; onChange: (filter: PolicyFilter) => void }) {
  return <ChoiceGroup label='政策类别' choices={FILTERS} value={value} onChange={onChange} />
}

// Newest law first; explainers without a date keep their title order at the end.
function byDate(a: { data: Policy }, b: { data: Policy }): number {
  const dateA = a.data.effectiveDate ?? a.data.publishedDate ?? ''
  const dateB = b.data.effectiveDate ?? b.data.publishedDate ?? ''
  return dateB.localeCompare(dateA) || a.data.title.localeCompare(b.data.title, 'zh-CN')
}

/** The explainers of the chosen category, newest first. */
export default function PolicyList({ policies, filter }: { policies: readonly { id: string; data: Policy }[]; filter: PolicyFilter }) {
  const listed = policies.filter((item) => inFilter(filter, item.data)).sort(byDate)
  if (listed.length === 0) return <EmptyState title='这个类别暂无政策解读' />
  return (
    <>
      {listed.map(({ id, data }) => (
        <PolicyCard key={id} id={id} policy={data} />
      ))}
    </>
  )
}
