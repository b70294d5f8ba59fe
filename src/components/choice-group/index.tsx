import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'
import './index.scss'

interface Choice<T extends string> {
  value: T
  label: string
}

interface Props<T extends string> {
  label: string
  choices: Choice<T>[]
  /** '' until something is chosen. */
  value: T | ''
  onChange: (value: T) => void
}

/** Pick one of a few options. The chosen one is marked by a tick and bold text, not by colour alone. */
export default function ChoiceGroup<T extends string>({ label, choices, value, onChange }: Props<T>) {
  return (
    <View className='choice-group' {...a11y({ role: 'radiogroup', label })}>
      {choices.map((choice) => {
        const checked = choice.value === value
        return (
          <View
            key={choice.value}
            className={checked ? 'pufa-tap choice choice--checked' : 'pufa-tap choice'}
            onClick={() => onChange(choice.value)}
            {...a11y({ role: 'radio', label: choice.label, checked })}
          >
            {checked ? (
              <Text className='choice__mark' {...a11y({ hidden: true })}>
                ✓
              </Text>
            ) : null}
            <Text>{choice.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
