import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Props {
  title: string
  description?: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/**
 * An on/off setting whose whole row is the switch: one large target, and one element that screen
 * readers announce with its state. Words say the state too, so colour is never the only signal.
 */
export default function SwitchRow({ title, description, checked, onChange }: Props) {
  return (
    <View
      className='pufa-card pufa-tap switch-row'
      onClick={() => onChange(!checked)}
      {...a11y({ role: 'switch', label: title, checked })}
    >
      <View className='switch-row__text'>
        <Text className='switch-row__title'>{title}</Text>
        {description ? <Text className='pufa-muted'>{description}</Text> : null}
      </View>
      <View className='switch-row__state' {...a11y({ hidden: true })}>
        <Text className='switch-row__word'>{checked ? '已开启' : '已关闭'}</Text>
        <View className={checked ? 'switch-row__track switch-row__track--on' : 'switch-row__track'}>
          <View className='switch-row__knob' />
        </View>
      </View>
    </View>
  )
}
