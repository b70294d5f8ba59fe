import { sql } from 'kysely'

import { openDatabase } from '../../server/db/database'
import { migrate } from '../../server/db/migrations'
import { SQLITE, storages, useStorage } from './storage'

describe.each(storages())('migrate on $name', (storage) => {
  const { config } = useStorage(storage)

  it('applies every migration once, then finds the database up to date', async () => {
    const database = openDatabase(config())
    try {
      expect(database.dialect).toBe(storage.dialect)
      expect(await migrate(database.db)).toEqual(['0001_feedback', '0002_content', '0003_tips', '0004_uploads', '0005_staff', '0006_contests', '0007_feedback_client_id', '0009_feedback_contact'])
      expect(await migrate(database.db)).toEqual([])
      const { rows } = await sql<{ count: number }>`select count(*) as count from feedback`.execute(database.db)
      expect(Number(rows[0].count)).toBe(0)
    } finally {
      await database.close()
    }
  })

  it('finds the database up to date from a new connection too', async () => {
    const database = openDatabase(config())
    try {
      expect(await migrate(database.db)).toEqual([])
    } finally {
      await database.close()
    }
  })

  it('keeps epoch-millisecond timestamps as numbers', async () => {
    const database = openDatabase(config())
    try {
      const createdAt = Date.UTC(2030, 0, 1, 8, 30)
      await database.db
        .insertInto('feedback')
        .values({ id: 'ts-check', kind: 'suggestion', content: '时间戳检查', question_id: null, client_id: null, created_at: createdAt })
        .execute()
      const row = await database.db.selectFrom('feedback').selectAll().where('id', '=', 'ts-check').executeTakeFirstOrThrow()
      expect(row.created_at).toBe(createdAt)
      await database.db.deleteFrom('feedback').where('id', '=', 'ts-check').execute()
    } finally {
      await database.close()
    }
  })
})

describe('SQLite durability settings', () => {
  const { config } = useStorage(SQLITE)

  it('uses WAL, foreign keys, a busy timeout and synchronous=FULL', async () => {
    const database = openDatabase(config())
    try {
      const pragma = async (name: string) => {
        const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(database.db)
        return Object.values(rows[0])[0]
      }
      expect(await pragma('journal_mode')).toBe('wal')
      expect(await pragma('foreign_keys')).toBe(1)
      expect(await pragma('busy_timeout')).toBe(5000)
      expect(await pragma('synchronous')).toBe(2)
    } finally {
      await database.close()
    }
  })
})
