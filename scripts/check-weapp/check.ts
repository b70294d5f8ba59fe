import type { Problem } from './problem'
import { runSizes } from './sizes'
import { runSmoke } from './smoke'
import { runMiniprogramCi } from './wechat-ci'
import { runWechatCompilers } from './wechat-compilers'

export interface Section {
  title: string
  lines: string[]
}

export interface CheckResult {
  sections: Section[]
  warnings: string[]
  problems: Problem[]
}

interface StageResult {
  problems: Problem[]
  report: string[]
  warnings?: string[]
}

/** A stage that cannot run at all is a problem too, reported against app.json so the run still ends with file:line lines. */
async function stage(title: string, check: string, run: () => StageResult | Promise<StageResult>): Promise<StageResult & { title: string }> {
  try {
    return { title, ...(await run()) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { title, problems: [{ check, file: 'app.json', line: 1, message: `could not run: ${message}` }], report: [] }
  }
}

/**
 * Every check of the WeChat build. miniprogram-ci runs in its own process, so it goes on while
 * the other checks run here.
 */
export async function checkWeappBuild(dist: string): Promise<CheckResult> {
  const ci = stage("WeChat's compiler (miniprogram-ci getCompiledResult, checkCodeQuality)", 'miniprogram-ci', () => runMiniprogramCi(dist))
  const compilers = await stage("WeChat's wcc and wcsc", 'wcc', () => {
    const { problems, summary } = runWechatCompilers(dist)
    return { problems, report: [summary] }
  })
  const sizes = await stage('Package sizes', 'size', () => runSizes(dist))
  const smoke = await stage('Runtime smoke test (node:vm, stubbed wx)', 'smoke', () => runSmoke(dist))
  const stages = [await ci, compilers, sizes, smoke]
  return {
    sections: stages.map(({ title, report }) => ({ title, lines: report })),
    warnings: stages.flatMap((result) => result.warnings ?? []),
    problems: stages.flatMap((result) => result.problems),
  }
}
