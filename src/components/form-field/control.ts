/** The keyboard a text input asks for. */
export type Keyboard = 'text' | 'phone' | 'integer' | 'decimal' | 'idcard'

export interface ControlOptions {
  /** The accessible name: the field's label. */
  label: string
  keyboard?: Keyboard
  invalid?: boolean
  /** The id of the element that shows the field's message. */
  describedBy?: string
}

// type=number inputs drop what they cannot parse (a comma, a trailing dot) and let the wheel change
// the value: text inputs with an inputmode bring up the same keypad without that.
const H5_KEYBOARDS: Record<Keyboard, { type: 'text' | 'tel'; inputMode?: string }> = {
  text: { type: 'text' },
  phone: { type: 'tel' },
  integer: { type: 'text', inputMode: 'numeric' },
  decimal: { type: 'text', inputMode: 'decimal' },
  idcard: { type: 'text' },
}

/**
 * H5: Taro's Input and Textarea are custom elements around a native control; the name, state and
 * keypad reach that control only through nativeProps. WeChat: see control.weapp.ts.
 */
export interface ControlProps {
  type: 'text' | 'number' | 'digit' | 'idcard'
  nativeProps?: Record<string, string>
  /** WeChat only: the control's name for its screen reader. */
  'aria-label'?: string
}

export function controlProps({ label, keyboard = 'text', invalid = false, describedBy }: ControlOptions): ControlProps {
  const { type, inputMode } = H5_KEYBOARDS[keyboard]
  const nativeProps: Record<string, string> = { 'aria-label': label, 'aria-invalid': invalid ? 'true' : 'false' }
  if (type !== 'text') nativeProps.type = type
  if (inputMode) nativeProps.inputMode = inputMode
  if (describedBy) nativeProps['aria-describedby'] = describedBy
  return { type: 'text', nativeProps }
}
