export interface A11y {
  role?: 'main' | 'navigation' | 'heading' | 'link' | 'status' | 'alert' | 'timer' | 'switch' | 'button' | 'radiogroup' | 'radio' | 'checkbox'
  label?: string
  /** Heading level, for role heading. */
  level?: number
  checked?: boolean
  /** A control that cannot be used now (a button while its request is under way). */
  disabled?: boolean
  /** Decoration that screen readers should skip. */
  hidden?: boolean
}

type Attributes = Record<string, string | number | boolean>

const FOCUSABLE_ROLES = new Set(['link', 'button', 'switch', 'radio', 'checkbox', 'main'])

/**
 * Accessibility attributes for Taro components, whose types leave them out. H5: ARIA for screen
 * readers, and links and buttons join the keyboard's tab order. WeChat: see a11y.weapp.ts.
 */
export function a11y({ role, label, level, checked, disabled, hidden }: A11y): Attributes {
  const attributes: Attributes = {}
  if (role) attributes.role = role
  // The page body is focusable too, so that keyboard users can scroll a page with no links on it.
  if (role && FOCUSABLE_ROLES.has(role)) attributes.tabIndex = 0
  if (label !== undefined) attributes['aria-label'] = label
  if (level !== undefined) attributes['aria-level'] = level
  if (checked !== undefined) attributes['aria-checked'] = checked
  if (disabled) attributes['aria-disabled'] = true
  if (hidden) attributes['aria-hidden'] = true
  return attributes
}
