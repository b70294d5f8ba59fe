import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import type { Policy } from '../../core/content/model'
import type { Range } from '../../core/content/search'
import { a11y } from '../a11y'
import HighlightedText from '../highlighted-text'
import ValidityBadge from '../validity-badge'
import './index.scss'

interface Props {
  id: string
  policy: Policy
  /** Search matches to mark in the title. */
  titleRanges?: Range[]
  /** A piece of text around the match, shown instead of the summary. */
  snippet?: { text: string; ranges: Range[] }
}

export function openPolicy(id: string): void {
  Taro.navigateTo({ url: `/packages/policy/detail/index?id=${encodeURIComponent(id)}` }).catch(() => undefined)
}

/** One explainer in a list: title, what it is about, category, validity and date. */
export default function PolicyCard({ id, policy, titleRanges = [], snippet }: Props) {
  return (
    <View className='pufa-tap policy-card' hoverClass='policy-card--pressed' onClick={() => openPolicy(id)} {...a11y({ role: 'link' })}>
      <HighlightedText className='policy-card__title' text={policy.title} ranges={titleRanges} />
      {snippet ? (
        <HighlightedText className='pufa-muted policy-card__summary' text={snippet.text} ranges={snippet.ranges} />
      ) : (
        <Text className='pufa-muted policy-card__summary'>{policy.summary}</Text>
      )}
      <View className='policy-card__meta'>
        <ValidityBadge validity={policy.validity} />
        <Text className='pufa-muted'>{policy.category}</Text>
        {policy.documentNumber ? <Text className='pufa-muted'>{policy.documentNumber}</Text> : null}
      </View>
    </View>
  )
}
