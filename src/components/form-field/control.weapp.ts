import type { ControlOptions, ControlProps, Keyboard } from './control'

const WEAPP_KEYBOARDS: Record<Keyboard, ControlProps['type']> = {
  text: 'text',
  phone: 'number',
  integer: 'number',
  decimal: 'digit',
  idcard: 'idcard',
}

/**
 * WeChat: the keypad, and the label as the control's name (scripts/taro-weapp-aria.js makes the
 * templates of input and textarea pass aria-label on). The message is read as the text below it.
 */
export function controlProps({ label, keyboard = 'text' }: ControlOptions): ControlProps {
  return { type: WEAPP_KEYBOARDS[keyboard], 'aria-label': label }
}
