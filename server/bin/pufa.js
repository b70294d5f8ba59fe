#!/usr/bin/env node
'use strict'
// The service is TypeScript run as is: tsx compiles each module as it loads, so there is no build step.
require('tsx/cjs')
const { main } = require('../cli.ts')

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`意外错误：${(error && error.stack) || error}\n`)
    process.exit(1)
  },
)
