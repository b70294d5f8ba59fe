import fs from 'node:fs'
import path from 'node:path'
import { listBuildFiles } from '../build-files'
import { lineOf, type Problem } from '../problem'
import { missingTitle, unboundAttributes, unmet } from './assertions'
import { PAGE_TITLES, PLATFORM_SCENARIOS, type Scenario } from './expectations'
import { JOURNEYS, type Journey } from './journeys'
import { MiniProgramSandbox, type AppLayout, type Fault, type PageVisit } from './sandbox'
import { startSmokeService } from './service'
import { DEFAULT_DEVICE } from './wx-stub'

export interface SmokeResult {
  problems: Problem[]
  /** Worth knowing, not failing the check. */
  warnings: string[]
  report: string[]
}

export interface SmokeTables {
  titles: Record<string, string>
  scenarios: Scenario[]
  /** Pages driven past their first render against the real service (none when left out). */
  journeys?: Journey[]
}

const TABLE_FILE = 'scripts/check-weapp/smoke/expectations.ts'

interface AppJson {
  pages?: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

/** A page of app.json: its route, and the text app.json lists it as (relative to its subpackage root). */
interface ListedPage {
  route: string
  listedAs: string
}

function readLayout(dist: string): { layout: AppLayout; pages: ListedPage[] } {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson
  const subpackages = (app.subPackages ?? app.subpackages ?? []).map((sub) => ({ ...sub, root: sub.root.replace(/\/?$/, '/') }))
  const pages = [
    ...(app.pages ?? []).map((route) => ({ route, listedAs: route })),
    ...subpackages.flatMap((sub) => sub.pages.map((page) => ({ route: `${sub.root}${page}`, listedAs: page }))),
  ]
  return { layout: { subpackageRoots: subpackages.map((sub) => sub.root) }, pages }
}

const asProblem = (fault: Fault, context: string): Problem => ({ check: 'smoke', ...fault, message: `${context}${fault.message}` })

/**
 * The runtime smoke test: App() registers, every page of app.json registers and its first render
 * shows its title, and each platform scenario behaves as its table entry says.
 */
export async function runSmoke(dist: string, tables: SmokeTables = { titles: PAGE_TITLES, scenarios: PLATFORM_SCENARIOS, journeys: JOURNEYS }): Promise<SmokeResult> {
  const { layout, pages } = readLayout(dist)
  const templates = readTemplates(dist)
  const problems: Problem[] = [...tableProblems(dist, pages, tables.titles)]
  const report: string[] = []

  const sandbox = new MiniProgramSandbox(dist, layout, DEFAULT_DEVICE)
  const visits: PageVisit[] = []
  try {
    const launchFaults = sandbox.launch()
    if (launchFaults.length > 0) return { problems: [...problems, ...launchFaults.map((fault) => asProblem(fault, 'app launch: '))], warnings: [], report }
    report.push('App() registered; onLaunch and onShow ran')
    for (const { route } of pages) visits.push(await sandbox.openPage(route))
    const unstubbed = [...sandbox.wx.unstubbed]
    if (unstubbed.length > 0) report.push(`wx properties read that the stub lacks (none needed so far): ${unstubbed.join(', ')}`)
  } finally {
    sandbox.dispose()
  }
  const pageProblems = visits.map((visit) => checkPage(visit, tables.titles[visit.route]))
  problems.push(...pageProblems.flat())
  report.push(`${pageProblems.filter((found) => found.length === 0).length} of ${pages.length} pages registered with Page() and rendered their titles`)

  for (const scenario of tables.scenarios) {
    const failures = await runScenario(dist, layout, templates, scenario)
    problems.push(...failures)
    report.push(`${failures.length === 0 ? 'ok  ' : 'FAIL'} scenario: ${scenario.name}`)
  }
  for (const journey of tables.journeys ?? []) {
    const failures = await runJourney(dist, layout, journey)
    problems.push(...failures)
    report.push(`${failures.length === 0 ? 'ok  ' : 'FAIL'} journey: ${journey.name}`)
  }
  const unbound = unboundAttributesSent(templates, visits)
  // A screen-reader attribute that no template binds means a blind user hears nothing: fail.
  for (const [key, route] of unbound) {
    if (key.startsWith('aria')) {
      problems.push({ check: 'smoke', file: 'base.wxml', line: 1, message: `no template binds the screen-reader attribute "${key}" (sent for ${route}); see scripts/taro-weapp-aria.js` })
    }
  }
  const warnings = unbound
    .filter(([key]) => !key.startsWith('aria'))
    .map(([key, route]) => `no template binds the attribute "${key}" (sent for ${route} and maybe others): WeChat never shows it`)
  return { problems, warnings, report }
}

/** The title table must list exactly the pages of app.json, so that a new page cannot go unchecked. */
function tableProblems(dist: string, pages: ListedPage[], titles: Record<string, string>): Problem[] {
  const missing = pages
    .filter(({ route }) => !(route in titles))
    .map(({ route, listedAs }): Problem => ({
      check: 'smoke',
      file: 'app.json',
      line: lineOf(dist, 'app.json', `"${listedAs}"`),
      message: `no expected title for page ${route}: add it to PAGE_TITLES in ${TABLE_FILE}`,
    }))
  const stale = Object.keys(titles)
    .filter((route) => !pages.some((page) => page.route === route))
    .map((route): Problem => ({ check: 'smoke', file: 'app.json', line: 1, message: `PAGE_TITLES in ${TABLE_FILE} lists ${route}, which app.json does not: remove it` }))
  return [...missing, ...stale]
}

function checkPage(visit: PageVisit, title: string | undefined): Problem[] {
  const file = `${visit.route}.js`
  const faults = visit.faults.map((fault) => asProblem(fault, `page ${visit.route}: `))
  if (!visit.registered || faults.length > 0) return faults
  if (visit.renders.length === 0) return [{ check: 'smoke', file, line: 1, message: `page ${visit.route} rendered nothing (no setData) after onLoad and onShow` }]
  const missing = title === undefined ? undefined : missingTitle(visit, title)
  return missing ? [{ check: 'smoke', file, line: 1, message: missing }] : []
}

async function runScenario(dist: string, layout: AppLayout, templates: string, scenario: Scenario): Promise<Problem[]> {
  const context = `scenario "${scenario.name}": `
  const sandbox = new MiniProgramSandbox(dist, layout, { ...DEFAULT_DEVICE, ...scenario.device })
  try {
    const launchFaults = sandbox.launch()
    if (launchFaults.length > 0) return launchFaults.map((fault) => asProblem(fault, context))
    const pageVisit = await sandbox.openPage(scenario.page)
    if (!pageVisit.registered || pageVisit.faults.length > 0) return pageVisit.faults.map((fault) => asProblem(fault, context))
    const shown = scenario.component ?? scenario.page
    const visit = scenario.component ? await sandbox.openComponent(scenario.component) : pageVisit
    if (!visit.registered || visit.faults.length > 0) return visit.faults.map((fault) => asProblem(fault, context))
    const wxss = path.join(dist, `${shown}.wxss`)
    const styles = fs.existsSync(wxss) ? fs.readFileSync(wxss, 'utf8') : ''
    return scenario.expect.flatMap((expectation) => {
      const why = unmet(expectation, { ...visit, styles }, templates)
      return why ? [{ check: 'smoke', file: `${shown}.js`, line: 1, message: context + why }] : []
    })
  } finally {
    sandbox.dispose()
  }
}

/** A journey on a phone whose requests the real service answers (started for it alone, on an empty database). */
async function runJourney(dist: string, layout: AppLayout, journey: Journey): Promise<Problem[]> {
  const context = `journey "${journey.name}": `
  const { storage, page, query } = journey.prepare()
  const service = await startSmokeService()
  try {
    const sandbox = new MiniProgramSandbox(dist, layout, { ...DEFAULT_DEVICE, ...journey.device, storage }, service)
    try {
      const launchFaults = sandbox.launch()
      if (launchFaults.length > 0) return launchFaults.map((fault) => asProblem(fault, context))
      const shown = await sandbox.showPage(page, query)
      const first = shown.visit()
      if (!first.registered || first.faults.length > 0) return first.faults.map((fault) => asProblem(fault, context))
      const unmetSteps = await journey.run(shown, service, sandbox.wx)
      shown.close()
      return [
        ...shown.visit().faults.map((fault) => asProblem(fault, context)),
        ...unmetSteps.map((why): Problem => ({ check: 'smoke', file: `${page}.js`, line: 1, message: context + why })),
      ]
    } finally {
      sandbox.dispose()
    }
  } finally {
    await service.stop()
  }
}

/** Every WXML file of the build, concatenated: where Taro's component templates live. */
function readTemplates(dist: string): string {
  return listBuildFiles(dist)
    .filter((file) => file.endsWith('.wxml'))
    .map((file) => fs.readFileSync(path.join(dist, file), 'utf8'))
    .join('\n')
}

/** Attributes the pages send that no template binds, each with the first page that sent it. */
function unboundAttributesSent(templates: string, visits: PageVisit[]): [string, string][] {
  const firstSeen = new Map<string, string>()
  for (const visit of visits) for (const key of unboundAttributes(visit, templates)) if (!firstSeen.has(key)) firstSeen.set(key, visit.route)
  return [...firstSeen]
}
