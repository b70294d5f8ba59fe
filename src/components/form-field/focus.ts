import { fieldDomId } from './ids'

/** H5: brings a field into view and puts the keyboard focus on its control. */
export function focusField(path: string): void {
  const block = document.getElementById(fieldDomId(path))
  if (!block) return
  block.scrollIntoView?.({ block: 'center' })
  const control = block.querySelector<HTMLElement>('input, textarea, select, [tabindex]')
  ;(control ?? block).focus({ preventScroll: true })
}
