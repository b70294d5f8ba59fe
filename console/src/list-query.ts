// A list page's filters live in the address (`#/reports?statuses=submitted&page=2`), under the same
// names the service's query takes: a reload, a bookmark or the back button brings the same list.
// These read an address query strictly (anything unknown or malformed is left out, as if not set).
import { isValidDate } from '../../src/core/calendar/working-days'

export function oneOf<T extends string>(values: readonly T[], text: string | null): T | undefined {
  return values.find((value) => value === text)
}

/** A whole number from `min` up to `max`, written in plain digits. */
export function wholeNumber(text: string | null, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === null || !/^\d{1,15}$/.test(text)) return undefined
  const value = Number(text)
  return value >= min && value <= max ? value : undefined
}

export function booleanFlag(text: string | null): boolean | undefined {
  return text === 'true' ? true : text === 'false' ? false : undefined
}

/** A China date, YYYY-MM-DD. */
export function dateText(text: string | null): string | undefined {
  return text !== null && isValidDate(text) ? text : undefined
}

/** Words typed in, trimmed, up to `max` characters; empty as not set. */
export function words(text: string | null, max: number): string | undefined {
  const trimmed = text?.trim() ?? ''
  return trimmed === '' ? undefined : trimmed.slice(0, max)
}

/** The query of a list, keys in the order given, leaving out what is not set and what `defaults` says already. */
export function queryFrom(values: Record<string, string | number | boolean | undefined>, defaults: Record<string, string | number | boolean> = {}): URLSearchParams {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '' || defaults[key] === value) continue
    query.set(key, String(value))
  }
  return query
}
