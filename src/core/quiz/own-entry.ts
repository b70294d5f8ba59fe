/**
 * Question ids come from the bureau's feed and may be any word, "constructor" included: look them
 * up as the record's own keys, never through the object's prototype.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}
