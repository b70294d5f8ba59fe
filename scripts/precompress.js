#!/usr/bin/env node
// After `taro build --type h5`: writes each script and style sheet of the build compressed once, at the
// highest settings (brotli quality 11 beside it as .br, gzip level 9 as .gz), which the service sends
// as they are to browsers that accept them (@fastify/static preCompressed, server/web/static.routes.ts)
// instead of compressing every response at the quicker settings @fastify/compress uses on the fly.
// Browsers ask for brotli over HTTPS, which is how the bureau serves the app.
const fs = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')

const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'h5'))
const COMPRESSED_DIRS = ['js', 'css']

let original = 0
let brotli = 0
for (const dir of COMPRESSED_DIRS) {
  const folder = path.join(dist, dir)
  if (!fs.existsSync(folder)) continue
  for (const name of fs.readdirSync(folder).filter((file) => /\.(js|css)$/.test(file))) {
    const file = path.join(folder, name)
    const bytes = fs.readFileSync(file)
    const br = zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    })
    const gz = zlib.gzipSync(bytes, { level: 9 })
    fs.writeFileSync(`${file}.br`, br)
    fs.writeFileSync(`${file}.gz`, gz)
    original += bytes.length
    brotli += br.length
  }
}
console.log(`precompressed ${path.relative(process.cwd(), dist)}: ${(original / 1024).toFixed(1)} KB of scripts and styles, ${(brotli / 1024).toFixed(1)} KB as brotli`)
