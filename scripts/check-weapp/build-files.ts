import fs from 'node:fs'
import path from 'node:path'

/** Every file of the build, as paths inside it with forward slashes, in a stable order. */
export function listBuildFiles(dist: string): string[] {
  return fs
    .readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}
