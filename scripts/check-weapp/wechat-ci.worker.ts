// Runs inside a child process started by wechat-ci.ts: miniprogram-ci leaves a process of its own
// running and a hash-named folder in the working directory, so it gets a throw-away process and folder.
import * as ci from 'miniprogram-ci'
import type { ICreateProjectOptions } from 'miniprogram-ci/dist/@types/project/ciProject'
import type { CiOutcome, CiFailure } from './wechat-ci'

// What an upload with our project.config.json does: es7 parses every JS file (syntax errors) and
// minifyJS minifies it; minifyWXML and minifyWXSS compile every template and style sheet.
const setting = { es7: true, minifyJS: true, minifyWXML: true, minifyWXSS: true }

/**
 * A project that never goes online: `attr` (a documented project method) supplies the account
 * attributes miniprogram-ci would otherwise fetch from WeChat's servers, so no private key is read.
 */
function offlineProject(dist: string): ci.Project {
  const options: ICreateProjectOptions & { attr: () => Promise<unknown> } = {
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: dist,
    privateKey: 'unused offline',
    attr: async () => ci.DefaultProjectAttr,
    ignores: ['node_modules/**/*'],
  }
  return new ci.Project(options)
}

function failure(error: unknown): CiFailure {
  if (error instanceof Error) {
    const { code, path } = error as Error & { code?: number | string; path?: string }
    return { code, path, message: error.message }
  }
  return { message: String(error) }
}

async function run(dist: string): Promise<CiOutcome> {
  // One project per call: a project that has compiled answers checkCodeQuality with an empty list.
  let quality: CiOutcome['quality']
  try {
    const items = await ci.checkCodeQuality(offlineProject(dist))
    quality = { ok: true, items: items.map(({ name, success, text, detail }) => ({ name: String(name), success: success === true, text: text ?? '', detail })) }
  } catch (error) {
    quality = { ok: false, error: failure(error) }
  }
  let compile: CiOutcome['compile']
  try {
    const files = await ci.getCompiledResult({ project: offlineProject(dist), version: '0.0.0', setting })
    compile = { ok: true, files: Object.keys(files).length }
  } catch (error) {
    compile = { ok: false, error: failure(error) }
  }
  return { quality, compile }
}

/** Sends the outcome to wechat-ci.ts over the IPC channel fork() opened, and waits until it is out. */
function reply(outcome: CiOutcome): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(outcome, undefined, {}, () => resolve())
    else resolve()
  })
}

run(process.argv[2])
  .then(reply)
  // Exit explicitly: the compiler's own child process would keep this one alive.
  .finally(() => process.exit(0))
