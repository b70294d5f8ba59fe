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
      expect(await migrate(database.db)).toEqual([
        '0001_feedback', '0002_content', '0003_tips', '0004_uploads', '0005_staff', '0006_contests', '0007_feedback_client_id', '0008_tips_amount', '0009_feedback_contact',
        '0010_tips_rating',
        '0011_content_source_rejections',
      ])
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

describe.each(storages())('0008_tips_amount on $name', (storage) => {
  const { config } = useStorage(storage)

  // A report as 0003 stored it, columns by their names then: the amount was required and exact.
  const reportBefore0008 = (id: string, amountFen: number) => ({
    id,
    tracking_code: `CODE-${id}`,
    access_key_hash: null,
    kind: 'complaint',
    district_code: '440103',
    status: 'submitted',
    reporter_name: null,
    reporter_mobile: null,
    reporter_id_number: null,
    mobile_hash: null,
    mobile_last4_hash: null,
    employer_name: '某某建筑劳务有限公司',
    employer_uscc: null,
    employer_hash: 'e'.repeat(64),
    work_address: '荔湾区中山八路100号',
    is_construction: 0,
    project_name: null,
    workers_owed: 3,
    amount_fen: amountFen,
    owed_from: '2025-10',
    owed_to: '2026-01',
    description: '从去年十月起一直没有发工资。',
    consent_sensitive: 1,
    created_at: Date.UTC(2026, 0, 5),
    duplicate_of: null,
    deadlines: '{}',
  })

  it('keeps the amounts already stored, exact, and then takes a report without one or with an estimate', async () => {
    const database = openDatabase(config())
    try {
      await migrate(database.db, database.dialect, { to: '0007_feedback_client_id' })
      // Larger than 2^31 fen, and not a round number: nothing is lost or rounded on the way.
      await database.db.insertInto('tips').values(reportBefore0008('before', 987_654_321_099) as never).execute()

      expect(await migrate(database.db, database.dialect, { to: '0008_tips_amount' })).toEqual(['0008_tips_amount'])
      const kept = await database.db.selectFrom('tips').select(['amount_fen', 'amount_approximate']).where('id', '=', 'before').executeTakeFirstOrThrow()
      expect(kept).toEqual({ amount_fen: 987_654_321_099, amount_approximate: 0 })

      await database.db.insertInto('tips').values({ ...reportBefore0008('none', 0), amount_fen: null, amount_approximate: 0 }).execute()
      await database.db.insertInto('tips').values({ ...reportBefore0008('about', 5_000_000), amount_approximate: 1 }).execute()
      const rows = await database.db.selectFrom('tips').select(['id', 'amount_fen', 'amount_approximate']).orderBy('id').execute()
      expect(rows).toEqual([
        { id: 'about', amount_fen: 5_000_000, amount_approximate: 1 },
        { id: 'before', amount_fen: 987_654_321_099, amount_approximate: 0 },
        { id: 'none', amount_fen: null, amount_approximate: 0 },
      ])
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
