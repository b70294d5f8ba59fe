/** The element id of a form input's block, for scrolling and focusing it. */
export function fieldDomId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`
}

/** The id of the element that shows an input's message, for aria-describedby. */
export function fieldErrorId(path: string): string {
  return `${fieldDomId(path)}-error`
}
