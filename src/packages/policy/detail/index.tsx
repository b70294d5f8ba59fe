import { useEffect, useRef } from 'react'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { View, Text, RichText } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import PolicyCard from '../../../components/policy-card'
import ValidityBadge from '../../../components/validity-badge'
import ShareButton from '../../../components/share-button'
import CopyButton from '../../../components/copy-button'
import { a11y } from '../../../components/a11y'
import { useContentItem, useContent } from '../../../components/use-content'
import { useFavourites } from '../../../components/use-reading'
import { policyFacts } from '../../../core/content/policy-facts'
import { recordReading, toggleFavourite } from '../../../services/reading'
import { countUsage } from '../../../services/usage-counters'
import './index.scss'

export default function PolicyDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const item = useContentItem('policy', id)
  const policies = useContent('policy')
  const favourite = useFavourites().includes(id)
  // One read per page view, however often the content under it is updated.
  const counted = useRef(false)

  useEffect(() => {
    if (!item) return
    recordReading(id)
    if (!counted.current) countUsage('policy_read', id)
    counted.current = true
  }, [id, item])

  useShareAppMessage(() => ({
    title: item?.data.title ?? '政策解读',
    path: `/packages/policy/detail/index?id=${encodeURIComponent(id)}`,
  }))

  if (!item) {
    return (
      <PageShell title='政策详情'>
        <EmptyState title='内容同步后显示' description='这篇政策解读还没有同步到手机，或者已经下线。连接网络后再打开。' />
      </PageShell>
    )
  }

  const policy = item.data
  const related = policy.related.flatMap((relatedId) => {
    const found = policies.find((other) => other.id === relatedId)
    return found ? [found] : []
  })

  return (
    <PageShell title={policy.title}>
      <View className='pufa-card'>
        <View className='policy-detail__status'>
          <ValidityBadge validity={policy.validity} />
          <Text className='pufa-muted'>{policy.category}</Text>
        </View>
        {policyFacts(policy).map(([label, value]) => (
          <View key={label} className='policy-detail__fact'>
            <Text className='policy-detail__label'>{label}</Text>
            <Text>{value}</Text>
          </View>
        ))}
      </View>

      <View className='pufa-card'>
        <Text className='policy-detail__heading' {...a11y({ role: 'heading', level: 2 })}>
          要点
        </Text>
        <Text>{policy.summary}</Text>
      </View>

      <View className='pufa-card'>
        <Text className='policy-detail__heading' {...a11y({ role: 'heading', level: 2 })}>
          解读
        </Text>
        <RichText className='policy-detail__body' nodes={policy.body} />
      </View>

      {policy.qa.length > 0 ? (
        <View className='pufa-card'>
          <Text className='policy-detail__heading' {...a11y({ role: 'heading', level: 2 })}>
            一问一答
          </Text>
          {policy.qa.map((pair) => (
            <View key={pair.question} className='policy-detail__qa'>
              <Text className='policy-detail__question'>问：{pair.question}</Text>
              <Text>答：{pair.answer}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {policy.sourceUrl ? (
        <View className='pufa-card'>
          <Text className='policy-detail__heading' {...a11y({ role: 'heading', level: 2 })}>
            原文
          </Text>
          <Text className='pufa-muted policy-detail__url' userSelect>
            {policy.sourceUrl}
          </Text>
          <CopyButton label='复制原文链接' text={policy.sourceUrl} copied='原文链接已复制' failed='没能复制，请长按上面的链接自己复制' />
        </View>
      ) : null}

      <View className='policy-detail__actions'>
        <Button
          className='pufa-tap'
          type={favourite ? 'default' : 'primary'}
          size='large'
          block
          onClick={() => toggleFavourite(id)}
          {...a11y({ role: 'button' })}
        >
          {favourite ? '已收藏（点击取消）' : '收藏'}
        </Button>
        <ShareButton title={item.data.title} />
      </View>

      {related.length > 0 ? (
        <View>
          <Text className='policy-detail__heading' {...a11y({ role: 'heading', level: 2 })}>
            相关解读
          </Text>
          {related.map((other) => (
            <PolicyCard key={other.id} id={other.id} policy={other.data} />
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
