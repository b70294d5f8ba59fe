#!/usr/bin/env node
// `npm ci` refuses a lock file that lacks any optional dependency of a locked package, even one
// that cannot be installed here. The registry this project is built from does not serve Taro's
// bindings for other platforms, nor NutUI's optional usage-statistics tool, so `npm install`
// leaves them out of package-lock.json. This script records them as optional entries that npm
// skips (wrong platform), so that `npm ci` accepts the lock. Later `npm install`s keep them;
// run this again only if package-lock.json is made anew.
const fs = require('node:fs')
const path = require('node:path')

const lockPath = path.join(__dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'))

const placeholders = {
  'node_modules/@tarojs/binding-darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'node_modules/@tarojs/binding-darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'node_modules/@tarojs/binding-linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'node_modules/@tarojs/binding-win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
}

let added = 0
for (const [key, platform] of Object.entries(placeholders)) {
  if (lock.packages[key]) continue
  lock.packages[key] = { version: lock.packages['node_modules/@tarojs/binding'].version, ...platform, dev: true, optional: true }
  added += 1
}

// NutUI declares "@jmfe/npm-usage-stats-tool": "latest" as optional; it exists on no public
// registry, so the declaration is dropped from the locked copy of NutUI's manifest.
const nutui = lock.packages['node_modules/@nutui/nutui-react-taro']
if (nutui?.optionalDependencies?.['@jmfe/npm-usage-stats-tool']) {
  delete nutui.optionalDependencies['@jmfe/npm-usage-stats-tool']
  if (Object.keys(nutui.optionalDependencies).length === 0) delete nutui.optionalDependencies
  added += 1
}

const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
lock.packages = sorted
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`)
console.log(added ? `package-lock.json: ${added} placeholder change(s) made` : 'package-lock.json: nothing to change')
