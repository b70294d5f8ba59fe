import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Props {
  title: string
  description?: string
  /** What a screen reader says for the whole row, when the visible text alone is not enough. */
  label?: string
  /** More lines under the description (e.g. a status badge). */
  children?: ReactNode
  onClick: () => void
}

/** One row of a list that opens another page: a link for screen readers, a large target for thumbs. */
export default function LinkRow({ title, description, label, children, onClick }: Props) {
  return (
    <View className='pufa-tap link-row' hoverClass='link-row--pressed' onClick={onClick} {...a11y({ role: 'link', label })}>
      <View className='link-row__text'>
        <Text className='link-row__title'>{title}</Text>
        {description ? <Text className='pufa-muted'>{description}</Text> : null}
        {children}
      </View>
      <Text className='link-row__chevron' {...a11y({ hidden: true })}>
        ›
      </Text>
    </View>
  )
}
