import { mergeInternalComponents } from '@tarojs/shared'

// WeChat's screen-reader attributes, which Taro's runtime would otherwise drop; the templates
// bind the same list (scripts/taro-weapp-aria.js).
const ARIA_ATTRIBUTES = {
  'aria-role': "''",
  'aria-label': "''",
  'aria-hidden': 'false',
  'aria-checked': "''",
  'aria-level': "''",
}
// Text inputs take only their name: their state and message are texts beside them.
const CONTROL_ARIA_ATTRIBUTES = {
  'aria-label': "''",
}

export function setUpPlatform(): void {
  mergeInternalComponents({
    View: ARIA_ATTRIBUTES,
    Text: ARIA_ATTRIBUTES,
    Button: ARIA_ATTRIBUTES,
    Input: CONTROL_ARIA_ATTRIBUTES,
    Textarea: CONTROL_ARIA_ATTRIBUTES,
  })
}
