/**
 * src/core is shared by app and server; the lint must fail when it imports Taro, React, Node or a
 * database. The one thing core and the app may take from the server is the API contract's types,
 * by `import type` from a `*.schemas.ts` file, which no build keeps.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

const RESTRICTED_IMPORTS = '@typescript-eslint/no-restricted-imports'
const TYPE_CHECKED_OFF = [
  '--parser-options',
  'projectService:false',
  '--rule',
  JSON.stringify({ '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' }),
]

function lintAs(filePath: string, code: string) {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      // The boundary's rules need no types: the probe file is in no tsconfig, and building the
      // project's program for each probe would take minutes.
      ...TYPE_CHECKED_OFF,
      '--stdin',
      '--stdin-filename',
      filePath,
      '--format',
      'json',
    ],
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
    expect(messages.map((m) => m.ruleId)).toContain(RESTRICTED_IMPORTS)
  })

  it('keeps lunar-javascript out of the app as well: only its checked-in table ships', () => {
    const messages = lintAs('src/packages/policy/probe.ts', "import { Lunar } from 'lunar-javascript'\nexport const l = Lunar\n")
    expect(messages.map((m) => m.ruleId)).toContain(RESTRICTED_IMPORTS)
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

describe('the API contract in the app and in src/core', () => {
  const schemas = '../../server/quiz/quiz.schemas'

  it.each(['src/core/probe.ts', 'src/services/probe.ts'])('lets %s take the schemas\' types, by `import type`', (file) => {
    expect(lintAs(file, `import type { AttemptStarted } from '${schemas}'\nexport type Started = AttemptStarted\n`)).toEqual([])
    expect(lintAs(file, `export type { ContestView } from '${schemas}'\n`)).toEqual([])
  })

  it.each([
    ['a value from a schemas file', `import { AttemptStarted } from '${schemas}'\nexport const schema = AttemptStarted\n`, RESTRICTED_IMPORTS],
    ['types from other server code', "import type { Config } from '../../server/config'\nexport type C = Config\n", RESTRICTED_IMPORTS],
    ['a type by an inline `type`, which a verbatim build keeps as an import', `import { type AttemptStarted } from '${schemas}'\nexport type S = AttemptStarted\n`, 'no-restricted-syntax'],
  ])('fails the lint for %s', (_name, code, rule) => {
    for (const file of ['src/core/probe.ts', 'src/services/probe.ts']) {
      expect(lintAs(file, code).map((m) => m.ruleId)).toContain(rule)
    }
  })

  it('keeps the schemas files to declarations: TypeBox, core and other schemas, nothing with Fastify, Node or the database behind it', () => {
    const allowed = [
      "import { Type } from '@sinclair/typebox'",
      "import { TIP_STATUSES } from '../../src/core/tips/status'",
      "import { Nullable } from '../schemas'",
      "import { Deadlines } from './tips.status.schemas'",
      "import { ErrorResponse } from '../errors.schemas'",
    ]
    expect(lintAs('server/tips/probe.schemas.ts', `${allowed.join('\n')}\nexport const all = [Type, TIP_STATUSES, Nullable, Deadlines, ErrorResponse]\n`)).toEqual([])
    for (const line of ["import { AppError } from '../errors'", "import type { FastifyInstance } from 'fastify'", "import { readSite } from './tips.repository'"]) {
      expect(lintAs('server/tips/probe.schemas.ts', `${line}\nexport type Probe = unknown\n`).map((m) => m.ruleId)).toContain('no-restricted-imports')
    }
  })
})

describe('the staff console boundary', () => {
  it.each([
    ['a server module', "import type { Config } from '../../server/config'\nexport type C = Config\n"],
    ['a schema as a value', "import { SiteSummary } from '../../server/content/site.schemas'\nexport const s = SiteSummary\n"],
    ['the app’s own code', "import { request } from '../../src/services/http'\nexport const r = request\n"],
    ['Taro', "import Taro from '@tarojs/taro'\nexport const t = Taro\n"],
    ['Node', "import fs from 'node:fs'\nexport const f = fs\n"],
  ])('fails the lint when the console imports %s', (_what, code) => {
    expect(lintAs('console/src/probe.ts', code).map((m) => m.ruleId)).toContain('@typescript-eslint/no-restricted-imports')
  })

  it('passes src/core and schema types taken with `import type`, in a browser', () => {
    const code = [
      "import type { SiteSummary } from '../../server/content/site.schemas'",
      "import { can } from '../../src/core/staff/roles'",
      'export const inspector = (site: SiteSummary) => can({ role: "inspector" }, "reports.read") && site.districts.length > window.innerWidth',
      '',
    ].join('\n')
    expect(lintAs('console/src/probe.ts', code)).toEqual([])
  })

  it.each([
    ['the mini-app', 'src/pages/probe.ts', "import { ConsoleApp } from '../../console/src/app'\nexport const c = ConsoleApp\n"],
    ['the mini-app (antd)', 'src/pages/probe.ts', "import { Button } from 'antd'\nexport const b = Button\n"],
    ['the server', 'server/probe.ts', "import { ConsoleApp } from '../console/src/app'\nexport const c = ConsoleApp\n"],
  ])('keeps the console out of %s', (_where, filePath, code) => {
    // The app's rule is typescript-eslint's (it allows the contract's type imports), the server's ESLint's own.
    expect(lintAs(filePath, code).map((m) => m.ruleId)).toEqual(expect.arrayContaining([expect.stringMatching(/(^|\/)no-restricted-imports$/)]))
  })
})
