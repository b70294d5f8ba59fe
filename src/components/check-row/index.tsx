import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Props {
  /** What ticking the box says, as a sentence in the first person. */
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/**
 * A box to tick, for a consent or a promise: the whole row is the target, and the tick (not a
 * colour) shows the state. NutUI's Checkbox is not used: on H5 it carries WeChat's attribute
 * aria-role instead of role, so browsers announce no checkbox at all.
 */
export default function CheckRow({ label, checked, onChange }: Props) {
  return (
    <View
      className={checked ? 'pufa-tap check-row check-row--checked' : 'pufa-tap check-row'}
      onClick={() => onChange(!checked)}
      {...a11y({ role: 'checkbox', label, checked })}
    >
      <View className='check-row__box' {...a11y({ hidden: true })}>
        <Text className='check-row__tick'>{checked ? '✓' : ''}</Text>
      </View>
      <Text className='check-row__label'>{label}</Text>
    </View>
  )
}
