import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { formatProblem } from '../../scripts/check-weapp/problem'
import { locateCiFailure } from '../../scripts/check-weapp/wechat-ci'
import { locateCompilerError } from '../../scripts/check-weapp/wechat-compilers'

// The compilers' messages as they were seen on broken builds: each must turn into file:line.

let dist: string

beforeAll(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-weapp-messages-'))
  fs.writeFileSync(path.join(dist, 'app.json'), '{"pages":["pages/home/index"],\n"tabBar":{"list":[{"pagePath":"pages/nope/index"}]}}')
  fs.mkdirSync(path.join(dist, 'pages/home'), { recursive: true })
  fs.writeFileSync(path.join(dist, 'pages/home/index.wxss'), '.a{}\n@import "./missing.wxss";\n')
})

afterAll(() => fs.rmSync(dist, { recursive: true, force: true }))

describe('miniprogram-ci errors', () => {
  it('WXML (10038): the file from `path`, the position from the message', () => {
    expect(locateCiFailure(dist, 'miniprogram-ci', { code: 10038, path: 'packages/me/about/index.wxml', message: '3:3:unexpected end tag: view' }))
      .toEqual({ check: 'miniprogram-ci', file: 'packages/me/about/index.wxml', line: 3, column: 3, message: 'unexpected end tag: view (code 10038)' })
  })

  it('WXSS (10037): an absolute path and a code frame', () => {
    const message = '/packages/me/about/index.wxss:2:8: Unexpected }\n> 1 | .a { color: red;\n> 2 | .b { }}}\n> 3 | '
    expect(locateCiFailure(dist, 'miniprogram-ci', { code: 10037, path: 'packages/me/about/index.wxss', message }))
      .toEqual({ check: 'miniprogram-ci', file: 'packages/me/about/index.wxss', line: 2, column: 8, message: 'Unexpected } (code 10037)' })
  })

  it('JS (10045): the file on a `file:` line, Babel’s (line:column)', () => {
    const message = 'file: packages/me/about/index.js\n /tmp/b4/packages/me/about/index.js: Unexpected token (2:5)\n\n  1 | "use strict";\n> 2 | var x = ;\n    |     ^'
    expect(locateCiFailure(dist, 'miniprogram-ci', { code: 10045, message }))
      .toEqual({ check: 'miniprogram-ci', file: 'packages/me/about/index.js', line: 2, column: 5, message: 'Unexpected token (code 10045)' })
  })

  it('app.json (10009): the line of the quoted value', () => {
    const message = 'app.json: ["tabBar"][0]["pagePath"]: "pages/nope/index" need in ["pages"]'
    expect(locateCiFailure(dist, 'miniprogram-ci', { code: 10009, path: 'app.json', message }))
      .toEqual({ check: 'miniprogram-ci', file: 'app.json', line: 2, message: '["tabBar"][0]["pagePath"]: "pages/nope/index" need in ["pages"] (code 10009)' })
  })
})

describe('wcc and wcsc errors', () => {
  it('wcc: path:line:column', () => {
    expect(locateCompilerError(dist, 'wcc', '编译 .wxml 文件错误：packages/me/about/index.wxml:3:3: expect end-tag `text`., near `view`\n'))
      .toEqual({ check: 'wcc', file: 'packages/me/about/index.wxml', line: 3, column: 3, message: 'expect end-tag `text`., near `view`' })
  })

  it('wcc on WXS: path:line:column without a space', () => {
    expect(locateCompilerError(dist, 'wcc', '编译 .wxml 文件错误：utils.wxs:1:8:Expected exp')).toMatchObject({ file: 'utils.wxs', line: 1, column: 8, message: 'Expected exp' })
  })

  it('wcsc: path(line:column)', () => {
    expect(locateCompilerError(dist, 'wcsc', '编译 .wxss 文件错误：ERR: packages/me/about/index.wxss(2:4): unexpected `{` at pos 21\n\nerror file count: 0\n'))
      .toEqual({ check: 'wcsc', file: 'packages/me/about/index.wxss', line: 2, column: 4, message: 'unexpected `{` at pos 21' })
  })

  it('wcsc: a missing import, at the line that imports it', () => {
    expect(locateCompilerError(dist, 'wcsc', '编译 .wxss 文件错误：ERR: path `./missing.wxss` not found from `pages/home/index.wxss`.'))
      .toMatchObject({ file: 'pages/home/index.wxss', line: 2 })
  })
})

it('a problem prints as path:line:column relative to the working directory', () => {
  const line = formatProblem(path.join(process.cwd(), 'dist', 'weapp'), { check: 'wcc', file: 'pages/a/index.wxml', line: 3, column: 1, message: 'bad' })
  expect(line).toBe(`${path.join('dist', 'weapp', 'pages', 'a', 'index.wxml')}:3:1: [wcc] bad`)
})
