#!/usr/bin/env node
// Measures the WeChat build's packages the way WeChat counts them, and fails when one is over
// WeChat's limits or over our own budget for the main package. `npm run check:weapp` reuses
// measure() and overBudget() (see scripts/check-size.d.ts for their types).
const fs = require('node:fs')
const path = require('node:path')

const KB = 1024
const MAIN_BUDGET = 400 * KB
const WECHAT_PACKAGE_LIMIT = 2048 * KB
const WECHAT_TOTAL_LIMIT = 20480 * KB

// Licence notes and source maps are not uploaded to WeChat.
const counted = (file) => !file.endsWith('.LICENSE.txt') && !file.endsWith('.map')

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? listFiles(full) : [full]
  })
}

/** Bytes per package ('main', then each subpackage root such as 'packages/me/'), with its files, largest first. */
function measure(dist) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/?$/, '/'))
  const packages = [{ name: 'main', bytes: 0, files: [] }, ...roots.map((root) => ({ name: root, bytes: 0, files: [] }))]
  for (const file of listFiles(dist).filter(counted)) {
    const relative = path.relative(dist, file).split(path.sep).join('/')
    const owner = packages.find((pkg) => pkg.name !== 'main' && relative.startsWith(pkg.name)) ?? packages[0]
    const bytes = fs.statSync(file).size
    owner.bytes += bytes
    owner.files.push({ path: relative, bytes })
  }
  for (const pkg of packages) pkg.files.sort((a, b) => b.bytes - a.bytes)
  return { packages, total: packages.reduce((sum, pkg) => sum + pkg.bytes, 0) }
}

const limitOf = (name) => (name === 'main' ? MAIN_BUDGET : WECHAT_PACKAGE_LIMIT)
const labelOf = (name) => (name === 'main' ? 'main package' : `subpackage ${name}`)
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`

/** One line per package and one for the total, with the limit each is held to. */
function formatSizes({ packages, total }) {
  return [
    ...packages.map((pkg) => `${labelOf(pkg.name).padEnd(28)} ${kb(pkg.bytes).padStart(11)}  (limit ${limitOf(pkg.name) / KB} KB)`),
    `${'total'.padEnd(28)} ${kb(total).padStart(11)}  (limit ${WECHAT_TOTAL_LIMIT / KB} KB)`,
  ]
}

/** Every package over its limit, and the total if it is over WeChat's; the largest files are named so one knows where to look. */
function overBudget({ packages, total }) {
  const over = packages
    .filter((pkg) => pkg.bytes > limitOf(pkg.name))
    .map((pkg) => ({ name: pkg.name, bytes: pkg.bytes, limit: limitOf(pkg.name), largest: pkg.files.slice(0, 3) }))
  if (total > WECHAT_TOTAL_LIMIT) {
    const largest = packages.flatMap((pkg) => pkg.files).sort((a, b) => b.bytes - a.bytes).slice(0, 3)
    over.push({ name: 'total', bytes: total, limit: WECHAT_TOTAL_LIMIT, largest })
  }
  return over
}

function describeOverage({ name, bytes, limit, largest }) {
  const label = name === 'total' ? 'total' : labelOf(name)
  const files = largest.map((file) => `${file.path} ${kb(file.bytes)}`).join(', ')
  return `${label} is ${kb(bytes)}, over ${limit / KB} KB; largest files: ${files}`
}

function main() {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'))
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`${path.relative(process.cwd(), dist)}/app.json not found: run npm run build:weapp first`)
    return 1
  }
  const measurement = measure(dist)
  formatSizes(measurement).forEach((line) => console.log(line))
  const over = overBudget(measurement)
  over.forEach((overage) => console.error(`size budget: ${describeOverage(overage)}`))
  return over.length === 0 ? 0 : 1
}

module.exports = { measure, overBudget, formatSizes, describeOverage }

if (require.main === module) process.exitCode = main()
