/**
 * src/core is shared by app and server; the lint must fail when it imports Taro, React, Node or a
 * database. The one thing core and the app may take from the server is the API contract's types,
 * by `import type` from a `*.schemas.ts` file, which no build keeps.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

const RESTRICTED_IMPORTS = '@typescript-eslint/no-restricted-imports'

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
