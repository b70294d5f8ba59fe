import { readFile, stat } from 'node:fs/promises'

export interface BuiltText<T> {
  value: T
  /** Changes whenever the file does (modification time and size). */
  version: string
}

/**
 * A file of a build (an index.html), read when asked but parsed only when it has changed, so a
 * rebuild is picked up without a restart; undefined while the file does not exist.
 */
export function builtFile<T>(file: string, parse: (text: string) => T): () => Promise<BuiltText<T> | undefined> {
  let cached: BuiltText<T> | undefined
  return async () => {
    let version: string
    try {
      const info = await stat(file)
      if (!info.isFile()) return undefined
      version = `${info.mtimeMs}:${info.size}`
    } catch {
      return undefined
    }
    if (cached?.version !== version) cached = { value: parse(await readFile(file, 'utf8')), version }
    return cached
  }
}
