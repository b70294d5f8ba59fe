// The result of checking what a person typed: the cleaned value, or a message to show them.
export type Check<T> = { ok: true; value: T } | { ok: false; message: string }

export function pass<T>(value: T): Check<T> {
  return { ok: true, value }
}

export function fail<T = never>(message: string): Check<T> {
  return { ok: false, message }
}
