/** src/core is shared by app and server; the lint must fail when it imports Taro, React, Node or a database. */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

function lintAs(filePath: string, code: string) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8' },
  )
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string }[] }[]
  return report.messages
}

describe('the src/core boundary', () => {
  it.each([
    "import Taro from '@tarojs/taro'",
    "import { useState } from 'react'",
    "import fs from 'node:fs'",
    "import crypto from 'crypto'",
    "import Database from 'better-sqlite3'",
    "import { Kysely } from 'kysely'",
    "import dayjs from 'dayjs'",
    "import { Lunar } from 'lunar-javascript'",
    "import { request } from '../services/http'",
  ])('fails the lint for `%s`', (line) => {
    const messages = lintAs('src/core/probe.ts', `${line}\n`)
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports')
  })

  it('keeps lunar-javascript out of the app as well: only its checked-in table ships', () => {
    const messages = lintAs('src/packages/policy/probe.ts', "import { Lunar } from 'lunar-javascript'\nexport const l = Lunar\n")
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports')
  })

  it('fails the lint for platform globals', () => {
    const messages = lintAs('src/core/probe.ts', 'export const width = window.innerWidth\n')
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-globals')
  })

  it('passes pure code, and the same imports outside src/core', () => {
    expect(lintAs('src/core/probe.ts', "import { pass } from './check'\nexport const ok = pass(1)\n")).toEqual([])
    expect(lintAs('src/services/probe.ts', "import Taro from '@tarojs/taro'\nexport const t = Taro\n")).toEqual([])
  })
})
