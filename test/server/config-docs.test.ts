import { readFileSync } from 'node:fs'
import path from 'node:path'

import { REPO_ROOT, SETTINGS } from '../../server/config'
import { configurationTable, withConfigurationTable } from '../../server/config-docs'

describe("README's configuration table", () => {
  it('is the one generated from server/config.ts (run npm run docs:config after changing a setting)', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
    expect(withConfigurationTable(readme)).toBe(readme)
  })

  it('has a row for every variable the service reads', () => {
    const table = configurationTable()
    for (const { variable } of Object.values(SETTINGS)) expect(table).toMatch(new RegExp(`^\\| \`${variable}\` \\|`, 'm'))
  })

  it('replaces only what lies between the markers', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
    const stale = readme.replace('| `PORT` | `3000` |', '| `PORT` | `8080` |')
    expect(stale).not.toBe(readme)
    expect(withConfigurationTable(stale)).toBe(readme)
    expect(() => withConfigurationTable('# README without the table\n')).toThrow('没有找到配置表的标记')
  })
})
