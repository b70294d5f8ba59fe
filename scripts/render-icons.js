#!/usr/bin/env node
// Renders the tab-bar icons (assets/icons/*.svg) to the 81×81 PNGs WeChat's tabBar needs, in the
// inactive and active colours, with Debian's Chromium. Run after editing an icon; commit the PNGs.
// An icon is one colour at varying opacity, so it is written as an indexed PNG of 16 opacities (half a
// byte a pixel, a palette of that colour at each opacity): a third of an RGBA screenshot, and these
// PNGs are in the main package.
const fs = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')
const { chromium } = require('playwright-core')
const { launchOptions } = require('../test/e2e/browser')

const SIZE = 81
const colours = { '': '#4d4d4d', '-active': '#b3261e' }
const source = path.join(__dirname, '..', 'assets', 'icons')
const target = path.join(__dirname, '..', 'src', 'assets', 'tab')

/* global Image, document -- the function given to page.evaluate runs in the page */
/** The opacity (0–255) of each pixel of the SVG drawn at SIZE×SIZE, row by row. */
async function coverageOf(page, svg) {
  const url = `data:image/svg+xml;base64,${Buffer.from(svg.replace('currentColor', '#000')).toString('base64')}`
  return page.evaluate(
    async ({ url, size }) => {
      const image = new Image()
      image.src = url
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = size
      canvas.height = size
      const context = canvas.getContext('2d')
      context.drawImage(image, 0, 0, size, size)
      const { data } = context.getImageData(0, 0, size, size)
      return Array.from({ length: size * size }, (_, index) => data[index * 4 + 3])
    },
    { url, size: SIZE },
  )
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A 4-bit indexed PNG of `colour` (#rrggbb): palette entry i is that colour at opacity 17 × i. */
function indexedPng(alphas, colour) {
  const levels = Array.from({ length: 16 }, (_, index) => index * 17)
  const rgb = [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16))
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([4, 3, 0, 0, 0], 8) // 4 bits a pixel, palette, deflate, adaptive filtering, not interlaced
  const rowBytes = 1 + Math.ceil(SIZE / 2) // filter byte 0, then two pixels a byte, the first in the high half
  const rows = Buffer.alloc(SIZE * rowBytes)
  alphas.forEach((alpha, pixel) => {
    const x = pixel % SIZE
    rows[Math.floor(pixel / SIZE) * rowBytes + 1 + (x >> 1)] |= Math.round(alpha / 17) << (x % 2 === 0 ? 4 : 0)
  })
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(levels.flatMap(() => rgb))),
    chunk('tRNS', Buffer.from(levels)),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function main() {
  fs.mkdirSync(target, { recursive: true })
  const browser = await chromium.launch(launchOptions())
  const page = await browser.newPage()
  for (const file of fs.readdirSync(source).filter((f) => f.endsWith('.svg'))) {
    const alphas = await coverageOf(page, fs.readFileSync(path.join(source, file), 'utf8'))
    for (const [suffix, colour] of Object.entries(colours)) {
      const out = path.join(target, `${path.basename(file, '.svg')}${suffix}.png`)
      fs.writeFileSync(out, indexedPng(alphas, colour))
      console.log(`wrote ${path.relative(process.cwd(), out)}`)
    }
  }
  await browser.close()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
