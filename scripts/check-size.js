#!/usr/bin/env node
// Measures the WeChat build's packages the way WeChat counts them, and fails when one is over
// WeChat's limits or over our own budget for the main package.
const fs = require('node:fs')
const path = require('node:path')

const KB = 1024
const MAIN_BUDGET = 600 * KB
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

function measure(dist) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/\/?$/, '/'))
  const sizes = { main: 0 }
  for (const root of roots) sizes[root] = 0
  for (const file of listFiles(dist).filter(counted)) {
    const relative = path.relative(dist, file).split(path.sep).join('/')
    const owner = roots.find((root) => relative.startsWith(root)) ?? 'main'
    sizes[owner] += fs.statSync(file).size
  }
  return sizes
}

function main() {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'))
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.error(`${path.relative(process.cwd(), dist)}/app.json not found: run npm run build:weapp first`)
    return 1
  }
  const sizes = measure(dist)
  const total = Object.values(sizes).reduce((a, b) => a + b, 0)
  const problems = []
  for (const [name, bytes] of Object.entries(sizes)) {
    const limit = name === 'main' ? MAIN_BUDGET : WECHAT_PACKAGE_LIMIT
    const label = name === 'main' ? 'main package' : `subpackage ${name}`
    console.log(`${label.padEnd(28)} ${(bytes / KB).toFixed(1).padStart(8)} KB  (limit ${limit / KB} KB)`)
    if (bytes > limit) problems.push(`${label} is ${(bytes / KB).toFixed(1)} KB, over ${limit / KB} KB`)
  }
  console.log(`${'total'.padEnd(28)} ${(total / KB).toFixed(1).padStart(8)} KB  (limit ${WECHAT_TOTAL_LIMIT / KB} KB)`)
  if (total > WECHAT_TOTAL_LIMIT) problems.push(`total is ${(total / KB).toFixed(1)} KB, over ${WECHAT_TOTAL_LIMIT / KB} KB`)
  problems.forEach((problem) => console.error(`size budget: ${problem}`))
  return problems.length === 0 ? 0 : 1
}

process.exitCode = main()
