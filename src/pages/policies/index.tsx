import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import EmptyState from '../../components/empty-state'
import PolicyList, { CategoryFilter, type PolicyFilter } from '../../components/policy-list'
import SyncStatus from '../../components/sync-status'
import { a11y } from '../../components/a11y'
import { useContent } from '../../components/use-content'
import { syncNow } from '../../services/content-store'
import './index.scss'

function openSearch(): void {
  Taro.navigateTo({ url: '/packages/policy/search/index' }).catch(() => undefined)
}

export default function PoliciesPage() {
  const policies = useContent('policy')
  const [filter, setFilter] = useState<PolicyFilter>('全部')

  usePullDownRefresh(() => {
    void syncNow('pull').finally(() => Taro.stopPullDownRefresh())
  })

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
          {/* Looks like the search box it opens (搜索政策, in the policy subpackage with its index). */}
          <View className='pufa-tap policies__search' onClick={openSearch} {...a11y({ role: 'button', label: '搜索政策' })}>
            <Text className='policies__search-hint' {...a11y({ hidden: true })}>
              搜索政策，如：工伤认定、加班工资
            </Text>
          </View>
          <CategoryFilter value={filter} onChange={setFilter} />
          <PolicyList policies={policies} filter={filter} />
        </>
      )}
    </PageShell>
  )
}
