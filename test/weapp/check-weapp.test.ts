import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { runSizes } from '../../scripts/check-weapp/sizes'
import { runSmoke } from '../../scripts/check-weapp/smoke'
import { PAGE_TITLES, PLATFORM_SCENARIOS } from '../../scripts/check-weapp/smoke/expectations'
import { JOURNEYS } from '../../scripts/check-weapp/smoke/journeys'
import { runMiniprogramCi, type CiResult } from '../../scripts/check-weapp/wechat-ci'
import { runWechatCompilers } from '../../scripts/check-weapp/wechat-compilers'
import { appendTo, brokenCopy, buildWeappCopy, editJson, repoRoot } from './support/weapp-build'

// A real WeChat build of the working tree, made once in a temporary copy (about 10 s), then broken
// on purpose in copies of it. miniprogram-ci takes seconds per build, so its runs start together
// in beforeAll and each test awaits its own.

// Tests await work started in beforeAll, and miniprogram-ci runs several builds at once on CI's two cores.
jest.setTimeout(300_000)

interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** `npm run check:weapp <dist>` as CI runs it, in its own process. */
function runCli(dist: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), 'scripts/check-weapp/index.ts', dist], { cwd: repoRoot })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** Started now, awaited later; marked handled so that a failure surfaces in its own test only. */
function early<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}

let root: string
let dist: string
const broken: Record<'wxml' | 'wxss' | 'tabBar' | 'oversized' | 'throws' | 'blank' | 'verifier', string> = {
  wxml: '', wxss: '', tabBar: '', oversized: '', throws: '', blank: '', verifier: '',
}
let goodCli: Promise<CliRun>
let cliOnBadWxml: Promise<CliRun>
let ciOnBadWxss: Promise<CiResult>
let ciOnBadTabBar: Promise<CiResult>

beforeAll(() => {
  ;({ root, dist } = buildWeappCopy())
  broken.wxml = brokenCopy(root, dist, 'bad-wxml', (copy) => {
    fs.writeFileSync(path.join(copy, 'packages/me/about/index.wxml'), '<view>\n  <text>unclosed\n</view>\n')
  })
  broken.wxss = brokenCopy(root, dist, 'bad-wxss', (copy) => {
    appendTo(path.join(copy, 'pages/home/index.wxss'), '\n.broken { color: red;\n.nested { }}}\n')
  })
  broken.tabBar = brokenCopy(root, dist, 'bad-tabbar', (copy) => {
    editJson(path.join(copy, 'app.json'), (app) => {
      const tabBar = app.tabBar as { list: { pagePath: string }[] }
      tabBar.list[1].pagePath = 'pages/not-a-page/index'
    })
  })
  broken.oversized = brokenCopy(root, dist, 'oversized', (copy) => {
    // Byte counts are all that matter: WeChat counts what is uploaded.
    fs.writeFileSync(path.join(copy, 'packages/me/about/huge.js'), Buffer.alloc(2100 * 1024, 32))
    fs.writeFileSync(path.join(copy, 'assets/too-big.png'), Buffer.alloc(700 * 1024))
  })
  broken.throws = brokenCopy(root, dist, 'throws-on-load', (copy) => {
    appendTo(path.join(copy, 'packages/me/privacy/index.js'), "\nthrow new Error('broken on purpose')\n")
  })
  broken.blank = brokenCopy(root, dist, 'blank-page', (copy) => {
    // The about page's title is written in its own file (as \u escapes, or plainly): drop it.
    const file = path.join(copy, 'packages/me/about/index.js')
    const title = PAGE_TITLES['packages/me/about/index']
    const escaped = [...title].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(escaped).join('').split(title).join(''))
  })
  broken.verifier = brokenCopy(root, dist, 'no-verifier', (copy) => {
    // The receipt subscribes without proving it knows the report: the service must turn it away.
    const file = path.join(copy, 'packages/report/receipt/index.js')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('X-Tip-Verifier').join('X-Tip-Nothing'))
  })
  goodCli = early(runCli(dist))
  cliOnBadWxml = early(runCli(broken.wxml))
  ciOnBadWxss = early(runMiniprogramCi(broken.wxss))
  ciOnBadTabBar = early(runMiniprogramCi(broken.tabBar))
}, 180_000)

afterAll(async () => {
  await Promise.allSettled([goodCli, cliOnBadWxml, ciOnBadWxss, ciOnBadTabBar])
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

describe('npm run check:weapp on the real build', () => {
  it('passes, reports checkCodeQuality and the package sizes, and ends on its own', async () => {
    const run = await goodCli
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/getCompiledResult: compiled \d+ files/)
    expect(run.stdout).toMatch(/ok {3}JS_COMPRESS_OPEN/)
    expect(run.stdout).toMatch(/ok {3}LAZYCODE_LOADING_OPEN/)
    expect(run.stdout).toMatch(/main package +[\d.]+ KB {2}\(limit 400 KB\)/)
    expect(run.stdout).toMatch(/App\(\) registered/)
    for (const journey of JOURNEYS) expect(run.stdout).toContain(`ok   journey: ${journey.name}`)
    expect(run.stdout).toContain('check:weapp passed')
  })
})

describe('a broken copy of the build fails with file:line', () => {
  it('bad WXML: the CLI exits 1, and WeChat compiler and wcc both name the template and line', async () => {
    const run = await cliOnBadWxml
    expect(run.status).toBe(1)
    const shown = path.relative(repoRoot, path.join(broken.wxml, 'packages/me/about/index.wxml'))
    const problemLines = run.stderr.split('\n').filter((line) => line.startsWith(shown))
    expect(problemLines).toEqual([
      expect.stringMatching(/:3:3: \[miniprogram-ci\] unexpected end tag: view \(code 10038\)$/),
      expect.stringMatching(/:3:3: \[wcc\] /),
    ])
    expect(run.stderr).toContain('check:weapp failed')
  })

  it('bad WXSS: WeChat compiler and wcsc name the style sheet', async () => {
    const ci = await ciOnBadWxss
    expect(ci.problems.map((problem) => problem.file)).toEqual(['pages/home/index.wxss'])
    expect(ci.problems[0].line).toBeGreaterThan(1)
    const wcsc = runWechatCompilers(broken.wxss).problems
    expect(wcsc.map((problem) => [problem.check, problem.file])).toEqual([['wcsc', 'pages/home/index.wxss']])
  })

  it('a tabBar path that is not a page: WeChat compiler names app.json', async () => {
    const ci = await ciOnBadTabBar
    expect(ci.problems).toHaveLength(1)
    expect(ci.problems[0]).toMatchObject({ check: 'miniprogram-ci', file: 'app.json', line: 1 })
    expect(ci.problems[0].message).toContain('pages/not-a-page/index')
  })

  it('packages over the limits: the size check names the package and its largest file', () => {
    const { problems, report } = runSizes(broken.oversized)
    expect(problems.map((problem) => problem.file).sort()).toEqual(['assets/too-big.png', 'packages/me/about/huge.js'])
    expect(problems.find((problem) => problem.file.startsWith('packages'))?.message).toMatch(/^subpackage packages\/me\/ is [\d.]+ KB, over 2048 KB/)
    expect(problems.find((problem) => problem.file.startsWith('assets'))?.message).toMatch(/^main package is [\d.]+ KB, over 400 KB/)
    expect(report.join('\n')).toMatch(/total +[\d.]+ KB/)
  })

  it('a page whose JS throws on load: the smoke test names the file and line of the throw', async () => {
    const { problems } = await runSmoke(broken.throws)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ check: 'smoke', file: 'packages/me/privacy/index.js', line: 2 })
    expect(problems[0].message).toContain('broken on purpose')
  })
})

describe('the smoke test tables', () => {
  it('a page that renders without its title fails', async () => {
    const { problems } = await runSmoke(broken.blank)
    expect(problems.map((problem) => problem.file)).toEqual(['packages/me/about/index.js'])
    expect(problems[0].message).toContain(`lacks its title 「${PAGE_TITLES['packages/me/about/index']}」`)
  })

  it('a page of app.json missing from the title table fails', async () => {
    const titles = { ...PAGE_TITLES }
    delete titles['packages/me/about/index']
    const { problems } = await runSmoke(dist, { titles, scenarios: [] })
    expect(problems).toEqual([
      expect.objectContaining({ file: 'app.json', message: expect.stringMatching(/^no expected title for page packages\/me\/about\/index: add it to PAGE_TITLES/) }),
    ])
  })

  it('a scenario whose expectation the build does not meet fails, naming the page', async () => {
    const [largeFont] = PLATFORM_SCENARIOS
    const contrary = { ...largeFont, expect: [{ kind: 'class' as const, className: 'pufa-elder', present: false }, { kind: 'called' as const, api: 'showShareMenu' }] }
    const { problems } = await runSmoke(dist, { titles: PAGE_TITLES, scenarios: [contrary] })
    expect(problems.map((problem) => problem.message)).toEqual([
      `scenario "${largeFont.name}": first render has the class pufa-elder`,
      expect.stringMatching(new RegExp(`^scenario "${largeFont.name.replace(/[()]/g, '\\$&')}": wx.showShareMenu was not called`)),
    ])
    expect(problems.every((problem) => problem.file === `${largeFont.page}.js`)).toBe(true)
  })
})

describe('the subscription journeys on the receipt', () => {
  const [subscribes, refuses] = JOURNEYS
  const tables = { titles: PAGE_TITLES, scenarios: [] }

  it('fail when the receipt subscribes without the verifier, naming the page and what the service answered', async () => {
    const { problems } = await runSmoke(broken.verifier, { ...tables, journeys: [subscribes] })
    expect(problems.map((problem) => problem.file)).toEqual(expect.arrayContaining(['packages/report/receipt/index.js']))
    const messages = problems.map((problem) => problem.message).join('\n')
    expect(messages).toContain(`journey "${subscribes.name}": the subscription's X-Tip-Verifier is undefined`)
    expect(messages).toMatch(/the service answered the subscription with 4\d\d/)
    expect(messages).toContain('does not say 「已开启 3 项提醒」')
  })

  it('fail when the worker refuses in WeChat where the journey expects a subscription, and the other way round', async () => {
    const { problems } = await runSmoke(dist, {
      ...tables,
      journeys: [
        { ...subscribes, device: { subscribeAnswer: 'reject' } },
        { ...refuses, device: { subscribeAnswer: 'accept' } },
      ],
    })
    const messages = problems.map((problem) => problem.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('made 0 POST …/subscriptions requests, not one'),
        expect.stringContaining('after a refusal the app still sent POST /api/v1/tips/'),
        expect.stringContaining('after a refusal the receipt does not say 「您没有同意接收提醒」'),
      ]),
    )
  })
})
