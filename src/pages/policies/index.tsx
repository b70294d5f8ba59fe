import { useMemo, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Input } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import EmptyState from '../../components/empty-state'
import ChoiceGroup from '../../components/choice-group'
import PolicyCard from '../../components/policy-card'
import SyncStatus from '../../components/sync-status'
import { useContent } from '../../components/use-content'
import { POLICY_CATEGORIES, type Policy, type PolicyCategory } from '../../core/content/model'
import { nearest, policySearchIndex, search } from '../../core/content/search'
import { syncNow } from '../../services/content-store'
import NoResults from './no-results'
import './index.scss'

type Filter = '全部' | PolicyCategory

const FILTERS: { value: Filter; label: string }[] = [
  { value: '全部', label: '全部' },
  ...POLICY_CATEGORIES.map((category) => ({ value: category, label: category })),
]

// Newest law first; explainers without a date keep their title order at the end.
function byDate(a: { data: Policy }, b: { data: Policy }): number {
  const dateA = a.data.effectiveDate ?? a.data.publishedDate ?? ''
  const dateB = b.data.effectiveDate ?? b.data.publishedDate ?? ''
  return dateB.localeCompare(dateA) || a.data.title.localeCompare(b.data.title, 'zh-CN')
}

export default function PoliciesPage() {
  const policies = useContent('policy')
  const glossaries = useContent('glossary')
  const [filter, setFilter] = useState<Filter>('全部')
  const [query, setQuery] = useState('')

  usePullDownRefresh(() => {
    void syncNow('pull').finally(() => Taro.stopPullDownRefresh())
  })

  // Built on the first search (or when the search box gets focus), not when the list shows.
  const index = useMemo(() => policySearchIndex(policies, glossaries.map((item) => item.data)), [policies, glossaries])
  const byId = useMemo(() => new Map(policies.map((item) => [item.id, item.data])), [policies])
  const inFilter = (policy: Policy) => filter === '全部' || policy.category === filter

  const searching = query.trim() !== ''
  const found = searching ? search(index, query) : []
  const hits = found.filter((hit) => inFilter(byId.get(hit.id) as Policy))
  const listed = searching ? [] : policies.filter((item) => inFilter(item.data)).sort(byDate)

  return (
    <PageShell title='政策解读' lead='用人单位和劳动者关心的人社政策。'>
      <SyncStatus />
      {policies.length === 0 ? (
        <EmptyState
          title='内容同步后显示'
          description='政策解读由人社局统一发布，同步到手机后，没有网络也能阅读。'
        />
      ) : (
        <>
          <View className='policies__search'>
            <Input
              className='pufa-tap policies__input'
              type='text'
              confirmType='search'
              placeholder='搜索政策，如：工伤认定、加班工资'
              value={query}
              onInput={(event) => setQuery(event.detail.value)}
              // The keyboard takes longer to come up than the index to build.
              onFocus={() => setTimeout(() => index.prepare(), 0)}
            />
          </View>
          <ChoiceGroup label='政策类别' choices={FILTERS} value={filter} onChange={setFilter} />
          {searching ? (
            hits.length === 0 ? (
              <NoResults
                elsewhere={found.length}
                nearby={found.length === 0 ? nearest(index, query) : []}
                policyOf={(id) => byId.get(id)}
                showAll={() => setFilter('全部')}
                openCategory={(category) => {
                  setQuery('')
                  setFilter(category)
                }}
              />
            ) : (
              hits.map((hit) => (
                <PolicyCard key={hit.id} id={hit.id} policy={byId.get(hit.id) as Policy} titleRanges={hit.titleRanges} snippet={hit.snippet} />
              ))
            )
          ) : listed.length === 0 ? (
            <EmptyState title='这个类别暂无政策解读' />
          ) : (
            listed.map(({ id, data }) => <PolicyCard key={id} id={id} policy={data} />)
          )}
        </>
      )}
    </PageShell>
  )
}
