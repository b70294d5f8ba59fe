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
import { plainText } from '../../core/content/rich-text'
import { buildSearchIndex, search } from '../../core/content/search'
import { syncNow } from '../../services/content-store'
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
  const [filter, setFilter] = useState<Filter>('全部')
  const [query, setQuery] = useState('')

  usePullDownRefresh(() => {
    void syncNow('pull').finally(() => Taro.stopPullDownRefresh())
  })

  const index = useMemo(
    () =>
      buildSearchIndex(
        policies.map(({ id, data }) => ({ id, title: data.title, summary: data.summary, tags: data.tags, body: plainText(data.body) })),
      ),
    [policies],
  )
  const byId = useMemo(() => new Map(policies.map((item) => [item.id, item.data])), [policies])
  const inFilter = (policy: Policy) => filter === '全部' || policy.category === filter

  const searching = query.trim() !== ''
  const hits = searching ? search(index, query).filter((hit) => inFilter(byId.get(hit.id) as Policy)) : []
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
            />
          </View>
          <ChoiceGroup label='政策类别' choices={FILTERS} value={filter} onChange={setFilter} />
          {searching ? (
            hits.length === 0 ? (
              <EmptyState title='没有找到相关政策' description='换个说法试试，或者少输几个字。' />
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
