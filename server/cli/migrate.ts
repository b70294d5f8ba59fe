// `pufa migrate`: brings the database's structure up to date, then exits.
import { describeDatabase, type Config } from '../config'
import { openDatabase } from '../db/database'
import { migrate } from '../db/migrations'
import { EXIT_OK, type Command } from './support'

export const MIGRATE_COMMAND: Command = {
  name: 'migrate',
  summary: '只更新数据库结构，然后退出',
  async run(context, config) {
    const database = openDatabase(config)
    let applied: string[]
    try {
      applied = await migrate(database.db)
    } finally {
      await database.close()
    }
    context.stdout.write(describeMigrations(config, applied))
    return EXIT_OK
  },
}

export function describeMigrations(config: Config, applied: string[]): string {
  const where = describeDatabase(config)
  if (applied.length === 0) return `数据库已是最新（${where}），无需迁移。\n`
  return `已在 ${where} 上完成 ${applied.length} 个迁移：\n${applied.map((name) => `  - ${name}\n`).join('')}`
}
