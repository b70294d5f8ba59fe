#!/usr/bin/env node
// Renders the tab-bar icons (assets/icons/*.svg) to the 81×81 PNGs WeChat's tabBar needs, in the
// inactive and active colours, with Debian's Chromium. Run after editing an icon; commit the PNGs.
const fs = require('node:fs')
const path = require('node:path')
const { chromium } = require('playwright-core')
const { launchOptions } = require('../test/e2e/browser')

const colours = { '': '#4d4d4d', '-active': '#b3261e' }
const source = path.join(__dirname, '..', 'assets', 'icons')
const target = path.join(__dirname, '..', 'src', 'assets', 'tab')

async function main() {
  fs.mkdirSync(target, { recursive: true })
  const browser = await chromium.launch(launchOptions())
  const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
  for (const file of fs.readdirSync(source).filter((f) => f.endsWith('.svg'))) {
    const svg = fs.readFileSync(path.join(source, file), 'utf8')
    for (const [suffix, colour] of Object.entries(colours)) {
      await page.setContent(
        `<html><body style="margin:0;background:transparent;color:${colour}">` +
          svg.replace('<svg ', '<svg width="81" height="81" ') + '</body></html>',
      )
      const out = path.join(target, `${path.basename(file, '.svg')}${suffix}.png`)
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
      console.log(`wrote ${path.relative(process.cwd(), out)}`)
    }
  }
  await browser.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
