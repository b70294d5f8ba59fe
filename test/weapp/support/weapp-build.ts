import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'

export const repoRoot = path.resolve(__dirname, '..', '..', '..')

// Not sources of the build, or large: left out of the copy that is built.
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'data', 'coverage', '.swc', 'test/e2e/screenshots'])

/**
 * A production WeChat build of the working tree, made in a copy of the repository under a
 * temporary folder (node_modules linked), so that the tests neither need nor touch dist/weapp.
 * Returns the temporary folder and the build inside it.
 */
export function buildWeappCopy(): { root: string; dist: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-weapp-test-'))
  const copy = path.join(root, 'repo')
  fs.cpSync(repoRoot, copy, {
    recursive: true,
    filter: (source) => !SKIPPED.has(path.relative(repoRoot, source).split(path.sep).join('/')),
  })
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir')
  // As `npm run build:weapp` runs it: Jest's NODE_ENV=test (or a TARO_ENV left by other tests) would change the build.
  const env = { ...process.env }
  delete env.NODE_ENV
  delete env.TARO_ENV
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'weapp'], {
    cwd: copy,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  })
  const dist = path.join(copy, 'dist', 'weapp')
  if (build.status !== 0 || !fs.existsSync(path.join(dist, 'app.json'))) {
    fs.rmSync(root, { recursive: true, force: true })
    throw new Error(`taro build --type weapp failed (status ${build.status}):\n${withoutProgress(build.stdout)}\n${build.stderr}`)
  }
  return { root, dist }
}

/** Webpack's progress bar redraws itself hundreds of times; the errors are what matters. */
function withoutProgress(output: string): string {
  return stripVTControlCharacters(output)
    .split('\n')
    .filter((line) => line.trim() && !line.includes('●') && !/^\s+\S*(\.\.\.|›)/.test(line))
    .slice(-80)
    .join('\n')
}

/** A copy of the build under `root`, changed by `breakIt` (which gets the copy's folder). */
export function brokenCopy(root: string, dist: string, name: string, breakIt: (copy: string) => void): string {
  const copy = path.join(root, name)
  fs.cpSync(dist, copy, { recursive: true })
  breakIt(copy)
  return copy
}

export function appendTo(file: string, text: string): void {
  fs.appendFileSync(file, text)
}

export function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
  edit(json)
  fs.writeFileSync(file, JSON.stringify(json))
}
