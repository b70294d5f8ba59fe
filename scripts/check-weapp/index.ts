// `npm run check:weapp [build folder]`: the WeChat build checked offline with WeChat's own compilers,
// its size limits and a runtime smoke test. Prints every problem as file:line and exits non-zero.
import fs from 'node:fs'
import path from 'node:path'
import { checkWeappBuild } from './check'
import { formatProblem } from './problem'

const versionOf = (name: string): string => (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version

async function main(): Promise<number> {
  const started = Date.now()
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'dist', 'weapp'))
  const shown = path.relative(process.cwd(), dist) || '.'
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`${shown}/app.json:1: [check:weapp] not found: run npm run build:weapp first`)
    return 1
  }
  console.log(`WeChat build check of ${shown} (miniprogram-ci ${versionOf('miniprogram-ci')}, miniprogram-compiler ${versionOf('miniprogram-compiler')})`)

  const { sections, warnings, problems } = await checkWeappBuild(dist)
  for (const section of sections) {
    console.log(`\n${section.title}`)
    section.lines.forEach((line) => console.log(`  ${line}`))
  }
  if (warnings.length > 0) {
    console.log('\nWarnings (not failing the check)')
    warnings.forEach((warning) => console.log(`  ${warning}`))
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:`)
    problems.forEach((problem) => console.error(formatProblem(dist, problem)))
    console.error(`\ncheck:weapp failed in ${seconds} s`)
    return 1
  }
  console.log(`\ncheck:weapp passed in ${seconds} s`)
  return 0
}

// Exit explicitly, whatever the tools left running.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
