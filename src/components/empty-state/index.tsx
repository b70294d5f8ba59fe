import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Props {
  title: string
  description?: string
}

/** What a page shows honestly while it has nothing to show yet. */
export default function EmptyState({ title, description }: Props) {
  return (
    <View className='pufa-card pufa-empty' {...a11y({ role: 'status' })}>
      <Text className='pufa-empty__title'>{title}</Text>
      {description ? <Text className='pufa-empty__description pufa-muted'>{description}</Text> : null}
    </View>
  )
}
