import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { fieldDomId, fieldErrorId } from './ids'
import './index.scss'

interface Props {
  /** The payload path the input fills ('reporter.mobile'); it names the element to scroll to. */
  path: string
  label: string
  /** One line under the label: a unit, an example, why it is asked. */
  hint?: string
  optional?: boolean
  /** The message to show now, or nothing. */
  error?: string
  children: ReactNode
}

/**
 * One labelled input with its message. NutUI's Form.Item is not used: its label is a text beside
 * the control that screen readers never connect to it, its message is a silent box hidden with
 * display:none, and it keeps its own copy of the values for its own rules, while the form's one
 * rule is validateReport. Controls get their name and message from control.ts instead.
 */
export default function FormField({ path, label, hint, optional, error, children }: Props) {
  return (
    <View id={fieldDomId(path)} className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <Text className='form-field__label'>
        {label}
        {optional ? <Text className='form-field__optional'>（选填）</Text> : null}
      </Text>
      {hint ? <Text className='pufa-muted form-field__hint'>{hint}</Text> : null}
      {children}
      {error ? (
        <Text id={fieldErrorId(path)} className='pufa-problem form-field__error'>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
