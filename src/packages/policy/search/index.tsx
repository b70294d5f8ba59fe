import { useMemo, useState } from 'react'
import { useReady } from '@tarojs/taro'
import { View, Input } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import PolicyCard from '../../../components/policy-card'
import PolicyList, { CategoryFilter, inFilter, type PolicyFilter } from '../../../components/policy-list'
import { useContent } from '../../../components/use-content'
import type { Policy } from '../../../core/content/model'
import { nearest, policySearchIndex, search } from '../../../core/content/search'
import NoResults from './no-results'
import './index.scss'

/**
 * 搜索政策, opened from the 政策 tab's search bar: the search index and its glossary live in this
 * subpackage, not in the main package every phone downloads first.
 */
export default function PolicySearchPage() {
  const policies = useContent('policy')
  const glossaries = useContent('glossary')
  const [filter, setFilter] = useState<PolicyFilter>('全部')
  const [query, setQuery] = useState('')
  // The keyboard comes up once the page is ready: focus asked for earlier, while H5 still slides the page in, is lost.
  const [focused, setFocused] = useState(false)
  useReady(() => setFocused(true))

  // Built on the first search (or when the search box gets focus), not when the page shows.
  const index = useMemo(() => policySearchIndex(policies, glossaries.map((item) => item.data)), [policies, glossaries])
  const byId = useMemo(() => new Map(policies.map((item) => [item.id, item.data])), [policies])

  const searching = query.trim() !== ''
  const found = searching ? search(index, query) : []
  const hits = found.filter((hit) => inFilter(filter, byId.get(hit.id) as Policy))

  return (
    <PageShell title='搜索政策' lead='可以用平常的说法搜，比如“年假”“工伤”。'>
      {policies.length === 0 ? (
        <EmptyState title='内容同步后才能搜索' description='政策解读由人社局统一发布，同步到手机后，没有网络也能搜索和阅读。' />
      ) : (
        <>
          <View className='policy-search__box'>
            <Input
              className='pufa-tap policy-search__input'
              type='text'
              confirmType='search'
              focus={focused}
              placeholder='搜索政策，如：工伤认定、加班工资'
              value={query}
              onInput={(event) => setQuery(event.detail.value)}
              // The keyboard takes longer to come up than the index to build.
              onFocus={() => setTimeout(() => index.prepare(), 0)}
            />
          </View>
          <CategoryFilter value={filter} onChange={setFilter} />
          {!searching ? (
            <PolicyList policies={policies} filter={filter} />
          ) : hits.length === 0 ? (
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
          )}
        </>
      )}
    </PageShell>
  )
}
