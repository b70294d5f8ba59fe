import { Text, View } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Props {
  title: string
  points: readonly string[]
  /** A card of its own, or a part of the card around it. */
  card?: boolean
}

/** A heading and its points, each a sentence with its article: the way the app states the law. */
export default function LegalPoints({ title, points, card = true }: Props) {
  return (
    <View className={card ? 'pufa-card legal-points' : 'legal-points'}>
      <Text className='legal-points__heading' {...a11y({ role: 'heading', level: 2 })}>
        {title}
      </Text>
      {points.map((point) => (
        <Text key={point} className='legal-points__point'>
          {point}
        </Text>
      ))}
    </View>
  )
}
