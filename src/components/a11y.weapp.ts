import type { A11y } from './a11y'

/**
 * WeChat's screen reader reads aria-role and aria-label (its own names for role and label). `disabled`
 * is left out: NutUI's Button is a native button there, whose disabled state the reader announces.
 */
export function a11y({ role, label, checked, hidden }: A11y): Record<string, string | boolean> {
  const attributes: Record<string, string | boolean> = {}
  if (role) attributes['aria-role'] = role
  if (hidden) attributes['aria-hidden'] = true
  if (label !== undefined) attributes['aria-label'] = label
  if (checked !== undefined) attributes['aria-checked'] = checked
  return attributes
}
