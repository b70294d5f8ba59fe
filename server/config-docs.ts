// README's configuration table, generated from the settings (`npm run docs:config` rewrites it;
// test/server/config-docs.test.ts fails when README's copy is out of date).
import { BUILD_VARIABLES, SETTINGS } from './config'

export const TABLE_START = '<!-- configuration table: generated from server/config.ts by `npm run docs:config` -->'
export const TABLE_END = '<!-- end of configuration table -->'

function cell(text: string): string {
  return text.replaceAll('|', '\\|')
}

/** The Markdown table of every variable: the service's, then the build's. */
export function configurationTable(): string {
  const rows = [...Object.values(SETTINGS), ...BUILD_VARIABLES].map(({ variable, readme }) => `| \`${variable}\` | ${cell(readme.default)} | ${cell(readme.meaning)} |`)
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n')
}

/** The README with the table between the markers replaced; throws when the markers are missing. */
export function withConfigurationTable(readme: string): string {
  const start = readme.indexOf(TABLE_START)
  const end = readme.indexOf(TABLE_END)
  if (start < 0 || end < start) throw new Error(`README.md 中没有找到配置表的标记：${TABLE_START} … ${TABLE_END}`)
  return `${readme.slice(0, start + TABLE_START.length)}\n${configurationTable()}\n${readme.slice(end)}`
}
