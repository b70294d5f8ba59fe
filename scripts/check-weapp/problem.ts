import fs from 'node:fs'
import path from 'node:path'

/** One reason the WeChat build is not fit to ship, tied to the file (inside the build) that shows it. */
export interface Problem {
  /** Which check found it: 'miniprogram-ci', 'wcc', 'wcsc', 'size', 'smoke'. */
  check: string
  /** Path inside the build folder, with forward slashes. */
  file: string
  line: number
  column?: number
  message: string
}

/** `dist/weapp/app.json:1: [size] …`: the path is relative to the working directory so that editors and terminals can open it. */
export function formatProblem(dist: string, problem: Problem): string {
  const where = path.relative(process.cwd(), path.join(dist, problem.file)) || problem.file
  const column = problem.column === undefined ? '' : `:${problem.column}`
  return `${where}:${problem.line}${column}: [${problem.check}] ${problem.message}`
}

/**
 * The 1-based line of the first occurrence of `needle` in a file of the build, or 1 when the file or
 * the text is missing: messages always carry a line, and Taro writes its JSON on one line anyway.
 */
export function lineOf(dist: string, file: string, needle: string): number {
  let text: string
  try {
    text = fs.readFileSync(path.join(dist, file), 'utf8')
  } catch {
    return 1
  }
  const at = text.indexOf(needle)
  return at < 0 ? 1 : text.slice(0, at).split('\n').length
}

/** A path inside the build, with forward slashes, from an absolute one (or as given when outside the build). */
export function insideBuild(dist: string, file: string): string {
  const relative = path.relative(dist, file)
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/')
}
