// npm run docs:config: rewrites README's configuration table from server/config.ts.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { REPO_ROOT } from '../server/config'
import { withConfigurationTable } from '../server/config-docs'

const readmeFile = path.join(REPO_ROOT, 'README.md')
const before = readFileSync(readmeFile, 'utf8')
const after = withConfigurationTable(before)
if (after === before) {
  process.stdout.write('README.md 的配置表已是最新。\n')
} else {
  writeFileSync(readmeFile, after)
  process.stdout.write('已更新 README.md 的配置表。\n')
}
