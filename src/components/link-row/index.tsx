import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Props {
  title: string
  description?: string
  onClick: () => void
}

/** One row of a list that opens another page: a link for screen readers, a large target for thumbs. */
export default function LinkRow({ title, description, onClick }: Props) {
  return (
    <View className='pufa-tap link-row' hoverClass='link-row--pressed' onClick={onClick} {...a11y({ role: 'link' })}>
      <View className='link-row__text'>
        <Text className='link-row__title'>{title}</Text>
        {description ? <Text className='pufa-muted'>{description}</Text> : null}
      </View>
      <Text className='link-row__chevron' {...a11y({ hidden: true })}>
        ›
      </Text>
    </View>
  )
}
