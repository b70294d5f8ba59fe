import wcc from 'miniprogram-compiler/src/wcc'
import wcsc from 'miniprogram-compiler/src/wcsc'
import { listBuildFiles } from './build-files'
import { lineOf, type Problem } from './problem'

export interface CompilersResult {
  problems: Problem[]
  /** What was compiled, for the report. */
  summary: string
}

// The whole build's templates can exceed Node's default 1 MB of compiler output.
const maxBuffer = 64 * 1024 * 1024

const withoutExtension = (file: string) => file.replace(/\.[^./]+$/, '')

/**
 * WeChat's own WXML and WXSS compilers (the binaries DevTools uses) over every template and style
 * of the build. They stop at the first error, so a broken build yields one problem per compiler.
 */
export function runWechatCompilers(dist: string): CompilersResult {
  const files = listBuildFiles(dist)
  const wxml = files.filter((file) => file.endsWith('.wxml'))
  const wxs = files.filter((file) => file.endsWith('.wxs'))
  const wxss = files.filter((file) => file.endsWith('.wxss'))
  const problems: Problem[] = []

  try {
    wcc(dist, wxml.map(withoutExtension), wxs, { maxBuffer })
  } catch (error) {
    problems.push(locateCompilerError(dist, 'wcc', messageOf(error)))
  }
  const styles = wcsc(dist, wxss.map(withoutExtension), { maxBuffer })
  if (styles instanceof Error) problems.push(locateCompilerError(dist, 'wcsc', styles.message))

  return { problems, summary: `wcc: ${wxml.length} WXML + ${wxs.length} WXS files; wcsc: ${wxss.length} WXSS files` }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * wcc says `pages/a/index.wxml:3:3: …` (or `utils.wxs:1:8:…`), wcsc `ERR: pages/a/index.wxss(2:4): …`
 * or ``ERR: path `./x.wxss` not found from `pages/a/index.wxss`.``; anything else is reported whole.
 */
export function locateCompilerError(dist: string, check: 'wcc' | 'wcsc', raw: string): Problem {
  const message = raw.replace(/^编译 \.wx(ml|ss) 文件错误：/, '').replace(/\s*error file count: \d+\s*$/, '').trim()
  const positioned = /(?:^|[\s`])(?:\.\/)?([\w./-]+\.(?:wxml|wxss|wxs))(?::(\d+):(\d+):|\((\d+):(\d+)\):)\s*(.*)/s.exec(message)
  if (positioned) {
    const [, file, line1, column1, line2, column2, rest] = positioned
    return { check, file, line: Number(line1 ?? line2), column: Number(column1 ?? column2), message: rest.trim() || message }
  }
  const missingImport = /path `([^`]+)` not found from `(?:\.\/)?([^`]+)`/.exec(message)
  if (missingImport) {
    const [, imported, file] = missingImport
    return { check, file, line: lineOf(dist, file, imported), message }
  }
  return { check, file: check === 'wcc' ? 'app.json' : 'app.wxss', line: 1, message }
}
