import { fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { listBuildFiles } from './build-files'
import { lineOf, type Problem } from './problem'

/** An error as miniprogram-ci throws it: a code (10037 WXSS, 10038 WXML, 10045 JS, 100xx JSON), often the file. */
export interface CiFailure {
  code?: number | string
  path?: string
  message: string
}

export interface QualityItem {
  name: string
  success: boolean
  text: string
  detail?: unknown
}

/** What the worker sends back. */
export interface CiOutcome {
  quality: { ok: true; items: QualityItem[] } | { ok: false; error: CiFailure }
  compile: { ok: true; files: number } | { ok: false; error: CiFailure }
}

export interface CiResult {
  problems: Problem[]
  /** checkCodeQuality's items and the compile summary, for the report. */
  report: string[]
}

// miniprogram-ci takes about 6 s on this app alone, a minute when CI runs several builds and test
// files at once on two cores; a worker still running after this has hung.
const WORKER_TIMEOUT_MS = 180_000

/** WeChat's own compiler (miniprogram-ci getCompiledResult) and its checkCodeQuality, offline. */
export async function runMiniprogramCi(dist: string): Promise<CiResult> {
  const outcome = await runWorker(path.resolve(dist))
  const problems: Problem[] = []
  const report: string[] = []

  if (outcome.compile.ok) report.push(`getCompiledResult: compiled ${outcome.compile.files} files (app.json, page JSON, WXML, WXSS, JS)`)
  else problems.push(locateCiFailure(dist, 'miniprogram-ci', outcome.compile.error))

  if (outcome.quality.ok) {
    report.push('checkCodeQuality:')
    for (const item of outcome.quality.items) {
      // An item's text describes the fault it looks for, so it is shown only when that fault is found.
      report.push(`  ${item.success ? `ok   ${item.name}` : `FAIL ${item.name}: ${item.text}`}${describeDetail(item.detail)}`)
      if (!item.success) problems.push(qualityProblem(dist, item))
    }
  } else {
    problems.push(locateCiFailure(dist, 'checkCodeQuality', outcome.quality.error))
  }
  return { problems, report }
}

function runWorker(dist: string): Promise<CiOutcome> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-miniprogram-ci-'))
  // The worker is TypeScript: load tsx's require hook explicitly, since Jest or tsx may be our runner.
  const worker = fork(path.join(__dirname, 'wechat-ci.worker.ts'), [dist], {
    cwd,
    execArgv: ['--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group, so that a hung worker can be ended together with the compiler process it started.
    detached: true,
  })
  let output = ''
  worker.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  worker.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  return new Promise<CiOutcome>((resolve, reject) => {
    let outcome: CiOutcome | undefined
    const timer = setTimeout(() => {
      if (worker.pid !== undefined) process.kill(-worker.pid, 'SIGKILL')
      reject(new Error(`miniprogram-ci did not finish within ${WORKER_TIMEOUT_MS / 1000} s; its output:\n${output}`))
    }, WORKER_TIMEOUT_MS)
    worker.on('message', (message: CiOutcome) => (outcome = message))
    worker.on('exit', (code) => {
      clearTimeout(timer)
      if (outcome) resolve(outcome)
      else reject(new Error(`miniprogram-ci worker ended (exit code ${code}) without a result; its output:\n${output}`))
    })
  }).finally(() => fs.rmSync(cwd, { recursive: true, force: true }))
}

/**
 * The file and line a miniprogram-ci error points at. Its messages take several shapes:
 * WXML `3:3:unexpected end tag: view` (file in `path`), WXSS `/a/index.wxss:2:8: Unexpected }` with a
 * code frame, JS `file: a/index.js\n /abs/a/index.js: Unexpected token (1:1299)` with a code frame,
 * JSON `app.json: ["tabBar"][4]["pagePath"]: "pages/x/index" need in ["pages"]`.
 */
export function locateCiFailure(dist: string, check: string, failure: CiFailure): Problem {
  const file = (failure.path ?? /^file: (\S+)/m.exec(failure.message)?.[1] ?? 'app.json').replace(/^\.?\//, '')
  const lines = failure.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('file: ') && !line.startsWith('>') && !/^\d*\s*\|/.test(line))
  const first = lines[0] ?? failure.message
  const position = /(?:^|:)(\d+):(\d+):/.exec(first) ?? /\((\d+):(\d+)\)/.exec(first)
  // Drop what the file:line prefix already says: an absolute or leading path and the position.
  const text = first
    .replace(/^\S*\.(?:js|json|wxml|wxss|wxs):\s*/, '')
    .replace(/^\d+:\d+:\s*/, '')
    .replace(/\s*\(\d+:\d+\)$/, '')
  const code = failure.code === undefined ? '' : ` (code ${failure.code})`
  if (position) return { check, file, line: Number(position[1]), column: Number(position[2]), message: `${text}${code}` }
  const quoted = /"([^"]+)"/.exec(text)?.[1]
  return { check, file, line: quoted ? lineOf(dist, file, quoted) : 1, message: `${text}${code}` }
}

// Where the setting behind each checkCodeQuality item lives in the build (project.config.json is
// Taro's copy of the repository's own).
const QUALITY_ITEM_SOURCES: Record<string, { file: string; needle: string }> = {
  JS_COMPRESS_OPEN: { file: 'project.config.json', needle: '"minified"' },
  WXML_COMPRESS_OPEN: { file: 'project.config.json', needle: '"minifyWXML"' },
  WXSS_COMPRESS_OPEN: { file: 'project.config.json', needle: '"minifyWXSS"' },
  LAZYCODE_LOADING_OPEN: { file: 'app.json', needle: '"lazyCodeLoading"' },
  PACKAGE_SIZE_LIMIT: { file: 'app.json', needle: '"subPackages"' },
}

const MEDIA = /\.(png|jpe?g|gif|svg|webp|mp3|aac|m4a|wav|ogg|silk)$/i
const MEDIA_LIMIT = 200 * 1024

function qualityProblem(dist: string, item: QualityItem): Problem {
  const message = `${item.name}: ${item.text}${describeDetail(item.detail)}`
  const source = QUALITY_ITEM_SOURCES[item.name]
  if (source) return { check: 'checkCodeQuality', file: source.file, line: lineOf(dist, source.file, source.needle), message }
  // The item names no file: find the pictures and sounds it counts.
  const file =
    item.name === 'IMAGE_AND_AUDIO_LIMIT'
      ? listBuildFiles(dist).find((name) => MEDIA.test(name) && fs.statSync(path.join(dist, name)).size > MEDIA_LIMIT)
      : detailFiles(item.detail)[0]
  return { check: 'checkCodeQuality', file: file ?? 'app.json', line: 1, message }
}

/** The files an item's detail lists: an array of paths, or `{ files: [...] }`. */
function detailFiles(detail: unknown): string[] {
  const list = Array.isArray(detail) ? detail : (detail as { files?: unknown } | null | undefined)?.files
  return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : []
}

function describeDetail(detail: unknown): string {
  if (detail === undefined || detail === null || typeof detail !== 'object') return ''
  const files = detailFiles(detail)
  if (files.length > 0) return ` [${files.slice(0, 5).join(', ')}${files.length > 5 ? `, … ${files.length} files` : ''}]`
  // An empty list, or `{ size: 0, files: [] }`: the item found nothing.
  if (Array.isArray(detail) || 'files' in detail) return ''
  const entries = Object.entries(detail)
  if (entries.every(([, value]) => typeof value === 'number')) {
    return ` [${entries.map(([name, bytes]) => `${name} ${(Number(bytes) / 1024).toFixed(1)} KB`).join(', ')}]`
  }
  return entries.length === 0 ? '' : ` ${JSON.stringify(detail)}`
}
