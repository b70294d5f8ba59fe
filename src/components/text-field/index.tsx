import { Input, Textarea, Text, View } from '@tarojs/components'
import FormField from '../form-field'
import { controlProps, type Keyboard } from '../form-field/control'
import { fieldErrorId } from '../form-field/ids'
import './index.scss'

interface Props {
  path: string
  label: string
  hint?: string
  optional?: boolean
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  error?: string
  keyboard?: Keyboard
  /** Characters the control accepts; validateReport's limit for text, a little more for codes. */
  maxLength: number
  placeholder?: string
  /** Several lines, with a count of characters used. */
  multiline?: boolean
}

/** A labelled text input (or text area) whose name, state and message reach screen readers. */
export default function TextField({ path, label, hint, optional, value, onChange, onBlur, error, keyboard, maxLength, placeholder, multiline }: Props) {
  const { type, ...native } = controlProps({ label, keyboard, invalid: Boolean(error), describedBy: error ? fieldErrorId(path) : undefined })
  return (
    <FormField path={path} label={label} hint={hint} optional={optional} error={error}>
      {multiline ? (
        <View className='text-field__area'>
          <Textarea
            className='text-field__textarea'
            value={value}
            maxlength={maxLength}
            placeholder={placeholder}
            {...native}
            onInput={(event) => onChange(event.detail.value)}
            onBlur={onBlur}
          />
          <Text className='pufa-muted text-field__count'>
            {Array.from(value).length}/{maxLength}
          </Text>
        </View>
      ) : (
        <Input
          className='pufa-tap text-field__input'
          type={type}
          value={value}
          maxlength={maxLength}
          placeholder={placeholder}
          {...native}
          onInput={(event) => onChange(event.detail.value)}
          onBlur={onBlur}
        />
      )}
    </FormField>
  )
}
