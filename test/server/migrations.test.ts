import { sql, type Kysely } from 'kysely'

import { addWorkingDays } from '../../src/core/calendar/working-days'
import { listAuditPage } from '../../server/admin/audit.repository'
import { insertStaffAccount } from '../../server/admin/staff.repository'
import { openDatabase } from '../../server/db/database'
import { migrate } from '../../server/db/migrations'
import type { Database } from '../../server/db/schema'
import { decryptField } from '../../server/privacy/field-crypto'
import { workCalendarIn } from '../../server/tips/due-dates'
import { addressHashOf } from '../../server/tips/record-tip'
import { upkeepWorkspace } from '../../server/tips/workspace-upkeep'
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
        '0012_staff_accounts',
        '0013_workspace',
        '0014_tip_messages',
        '0015_usage_counters',
        '0016_contest_console',
        '0017_feedback_handling',
        '0018_figures_indexes',
        '0019_photo_blobs',
        '0020_wechat_identity',
        '0021_wechat_notices',
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

describe.each(storages())('0012_staff_accounts on $name', (storage) => {
  const { config } = useStorage(storage)

  // What 0005–0011 stored: tokens by scope, and the report events, audit entries and contests naming them.
  async function standAt0011(db: Kysely<Database>): Promise<void> {
    await migrate(db, undefined, { to: '0011_content_source_rejections' })
    const token = (id: string, scope: 'city' | 'district', districtCode: string | null, revokedAt: number | null = null) =>
      sql`insert into staff_tokens (id, name, scope, district_code, token_hash, created_at, revoked_at)
          values (${id}, ${`令牌 ${id}`}, ${scope}, ${districtCode}, ${`hash-${id}`}, ${Date.UTC(2026, 0, 1)}, ${revokedAt})`.execute(db)
    await token('district-token', 'district', '440103')
    await token('city-token', 'city', null)
    await token('revoked-token', 'city', null, Date.UTC(2026, 1, 1))
    await sql`insert into tips (id, tracking_code, kind, district_code, status, employer_name, employer_hash, work_address, is_construction,
              workers_owed, amount_fen, amount_approximate, owed_from, owed_to, description, consent_sensitive, created_at, deadlines)
              values ('tip-1', 'CODE-1', 'complaint', '440103', 'accepted', '某某建筑劳务有限公司', ${'e'.repeat(64)}, '荔湾区中山八路100号', 0,
              3, 100000, 0, '2025-10', '2026-01', '从去年十月起一直没有发工资。', 1, ${Date.UTC(2026, 0, 5)}, '{}')`.execute(db)
    await sql`insert into tip_events (id, tip_id, from_status, to_status, staff_id, at) values ('event-1', 'tip-1', 'submitted', 'accepted', 'district-token', ${Date.UTC(2026, 0, 6)})`.execute(db)
    await sql`insert into audit_log (id, at, staff_id, action, tip_id, detail) values
              ('audit-1', ${Date.UTC(2026, 0, 6)}, 'district-token', 'transition', 'tip-1', '{}'),
              ('audit-2', ${Date.UTC(2026, 0, 7)}, null, 'staff_revoke', null, '{"tokenId":"revoked-token"}')`.execute(db)
    await sql`insert into contests (id, title, starts_at, ends_at, question_count, time_limit_seconds, attempts_per_day, min_seconds_per_question, draw_rule, created_by, created_at)
              values ('contest-1', '竞赛', 1, 2, 1, 60, 1, 0, '{"kind":"mixed"}', 'city-token', 1)`.execute(db)
  }

  const refusal = async (statement: Promise<unknown>) => {
    try {
      await statement
    } catch (error) {
      return String((error as { message?: unknown }).message)
    }
    return 'no error'
  }

  it('keeps every token with the role its scope gave it, and everything that names one', async () => {
    const database = openDatabase(config())
    try {
      await standAt0011(database.db)
      expect(await migrate(database.db, undefined, { to: '0012_staff_accounts' })).toEqual(['0012_staff_accounts'])
      const staff = await database.db.selectFrom('staff').selectAll().orderBy('id').execute()
      expect(staff).toEqual([
        { id: 'city-token', kind: 'token', name: '令牌 city-token', role: 'supervisor', district_code: null, token_hash: 'hash-city-token', created_at: Date.UTC(2026, 0, 1), revoked_at: null },
        { id: 'district-token', kind: 'token', name: '令牌 district-token', role: 'inspector', district_code: '440103', token_hash: 'hash-district-token', created_at: Date.UTC(2026, 0, 1), revoked_at: null },
        { id: 'revoked-token', kind: 'token', name: '令牌 revoked-token', role: 'supervisor', district_code: null, token_hash: 'hash-revoked-token', created_at: Date.UTC(2026, 0, 1), revoked_at: Date.UTC(2026, 1, 1) },
      ])
      expect((await listAuditPage(database.db, {}, 0, 10)).map((entry) => [entry.id, entry.staffName])).toEqual([['audit-2', null], ['audit-1', '令牌 district-token']])
      expect(await database.db.selectFrom('tip_events').select('staff_id').executeTakeFirst()).toEqual({ staff_id: 'district-token' })
      expect(await database.db.selectFrom('contests').select('created_by').executeTakeFirst()).toEqual({ created_by: 'city-token' })
    } finally {
      await database.close()
    }
  })

  it("records an account's actions under its id, with the foreign keys and the append-only audit log as before", async () => {
    const database = openDatabase(config())
    const { db } = database
    try {
      await insertStaffAccount(db, { id: 'account-1', name: '陈小明', login: 'chenxm', role: 'inspector', districtCode: '440103', createdAt: Date.UTC(2026, 2, 1) })
      await db.insertInto('tip_events').values({ id: 'event-2', tip_id: 'tip-1', from_status: 'accepted', to_status: 'investigating', note_to_reporter: null, internal_note: null, staff_id: 'account-1', at: 5 }).execute()
      await db.insertInto('audit_log').values({ id: 'audit-3', at: Date.UTC(2026, 2, 2), staff_id: 'account-1', action: 'transition', tip_id: 'tip-1', detail: '{}' }).execute()
      expect((await listAuditPage(db, {}, 0, 1))[0]).toMatchObject({ id: 'audit-3', staffId: 'account-1', staffName: '陈小明' })

      const auditBy = (staffId: string) => db.insertInto('audit_log').values({ id: `audit-${staffId}`, at: 1, staff_id: staffId, action: 'list', tip_id: null, detail: '{}' }).execute()
      expect(await refusal(auditBy('no-such-staff'))).toMatch(/foreign key/i)
      expect(await refusal(db.insertInto('tip_events').values({ id: 'event-x', tip_id: 'tip-1', from_status: 'a', to_status: 'b', note_to_reporter: null, internal_note: null, staff_id: 'no-such-staff', at: 1 }).execute())).toMatch(/foreign key/i)
      expect(await refusal(db.deleteFrom('staff').where('id', '=', 'account-1').execute())).toMatch(/foreign key/i)
      expect(await refusal(sql`update audit_log set staff_id = null where id = 'audit-3'`.execute(db))).toMatch(/append-only/)

      const account = (values: Partial<Database['staff']>) =>
        db.insertInto('staff').values({ id: 'bad', kind: 'account', name: '某人', role: 'auditor', district_code: null, token_hash: null, created_at: 1, revoked_at: null, ...values }).execute()
      expect(await refusal(account({ role: 'inspector' }))).toMatch(/check/i)
      expect(await refusal(account({ district_code: '440103' }))).toMatch(/check/i)
      expect(await refusal(account({ role: 'clerk' }))).toMatch(/check/i)
      expect(await refusal(account({ token_hash: 'hash-bad' }))).toMatch(/check/i)
      expect(await refusal(account({ kind: 'token', role: 'organiser' }))).toMatch(/check/i)
      expect(await refusal(db.insertInto('staff_accounts').values({ staff_id: 'city-token-2', login: 'chenxm', failed_attempts: 0 }).execute())).not.toBe('no error')
    } finally {
      await database.close()
    }
  })
})

describe.each(storages())('0014_tip_messages on $name', (storage) => {
  const { config } = useStorage(storage)
  const refusal = async (statement: Promise<unknown>) => {
    try {
      await statement
    } catch (error) {
      return String((error as { message?: unknown }).message)
    }
    return 'no error'
  }

  it('gives existing reports no unread replies, and keeps messages to their rules', async () => {
    const database = openDatabase(config())
    const { db } = database
    try {
      await migrate(db, undefined, { to: '0013_workspace' })
      await sql`insert into tips (id, tracking_code, kind, district_code, status, employer_name, employer_hash, work_address, is_construction,
                workers_owed, amount_fen, amount_approximate, owed_from, owed_to, description, consent_sensitive, created_at, deadlines)
                values ('tip-1', 'CODE-1', 'complaint', '440103', 'accepted', '某某建筑劳务有限公司', ${'e'.repeat(64)}, '荔湾区中山八路100号', 0,
                3, 100000, 0, '2025-10', '2026-01', '从去年十月起一直没有发工资。', 1, ${Date.UTC(2026, 0, 5)}, '{}')`.execute(db)
      expect(await migrate(db, undefined, { to: '0014_tip_messages' })).toEqual(['0014_tip_messages'])
      expect(await db.selectFrom('tips').select(['unread_replies', 'last_reply_at']).executeTakeFirst()).toEqual({ unread_replies: 0, last_reply_at: null })

      const message = (values: Partial<Database['tip_messages']>) =>
        db
          .insertInto('tip_messages')
          .values({ id: 'm', tip_id: 'tip-1', author: 'reporter', kind: 'reply', body: 'v1.x', staff_id: null, client_id: 'c-1', created_at: 1, read_at: null, ...values })
          .execute()
      await message({ id: 'm-1' })
      expect(await refusal(message({ id: 'm-2' }))).toMatch(/unique/i)
      expect(await refusal(message({ id: 'm-3', client_id: null }))).toMatch(/check/i)
      expect(await refusal(message({ id: 'm-4', author: 'staff', kind: 'reply', client_id: null }))).toMatch(/check/i)
      expect(await refusal(message({ id: 'm-5', author: 'reporter', kind: 'question', client_id: 'c-5' }))).toMatch(/check/i)
      expect(await refusal(message({ id: 'm-6', tip_id: 'no-such-tip', client_id: 'c-6' }))).toMatch(/foreign key/i)
      await message({ id: 'm-7', author: 'staff', kind: 'question', client_id: null })
      const upload = (id: string, messageId: string) =>
        db.insertInto('uploads').values({ id, media_type: 'image/jpeg', size_bytes: 1, sha256: 'x', created_at: 1, expires_at: 2, tip_id: 'tip-1', attached_at: 1, message_id: messageId }).execute()
      await upload('u-1', 'm-1')
      expect(await refusal(upload('u-2', 'no-such-message'))).toMatch(/foreign key/i)
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

describe.each(storages())('0013_workspace on $name', (storage) => {
  const { config } = useStorage(storage)

  it('keeps the reports and their history, and at start fills the running deadline and the address hash and encrypts the old internal notes', async () => {
    const database = openDatabase(config())
    const { db } = database
    try {
      await migrate(db, undefined, { to: '0012_staff_accounts' })
      await sql`insert into staff (id, kind, name, role, district_code, token_hash, created_at) values ('token-1', 'token', '荔湾区劳动监察大队', 'inspector', '440103', 'hash-1', 1)`.execute(db)
      const insertTip = (id: string, status: string, acceptedOn: string | null) =>
        sql`insert into tips (id, tracking_code, kind, district_code, status, employer_name, employer_hash, work_address, is_construction,
            workers_owed, amount_fen, amount_approximate, owed_from, owed_to, description, consent_sensitive, created_at, deadlines, accepted_on)
            values (${id}, ${`CODE-${id}`}, 'complaint', '440103', ${status}, '某某建筑劳务有限公司', ${'e'.repeat(64)}, '荔湾区 中山八路100号', 0,
            3, 100000, 0, '2025-10', '2026-01', '从去年十月起一直没有发工资。', 1, ${Date.UTC(2026, 0, 5)}, '{}', ${acceptedOn})`.execute(db)
      await insertTip('open', 'accepted', '2026-01-06')
      await insertTip('done', 'closed', '2026-01-06')
      await sql`insert into tip_events (id, tip_id, from_status, to_status, internal_note, staff_id, at)
                values ('event-1', 'open', 'submitted', 'accepted', '老板电话 13912345678', 'token-1', ${Date.UTC(2026, 0, 6)})`.execute(db)

      expect(await migrate(db, undefined, { to: '0013_workspace' })).toEqual(['0013_workspace'])
      const event = await db.selectFrom('tip_events').selectAll().executeTakeFirstOrThrow()
      expect(event).toMatchObject({ action: 'transition', detail: '{}', from_status: 'submitted', to_status: 'accepted' })
      const before = await db.selectFrom('tips').select(['id', 'due_on', 'due_covered', 'unread_replies', 'last_reply_at', 'handler_id', 'address_hash']).orderBy('id').execute()
      expect(before).toEqual([
        { id: 'done', due_on: null, due_covered: 1, unread_replies: 0, last_reply_at: null, handler_id: null, address_hash: null },
        { id: 'open', due_on: null, due_covered: 1, unread_replies: 0, last_reply_at: null, handler_id: null, address_hash: null },
      ])

      const keys = config()
      expect(await upkeepWorkspace(db, keys)).toEqual({ addressHashes: 2, notesMoved: 1, dueDates: 1 })
      const calendar = await workCalendarIn(db)
      const after = await db.selectFrom('tips').select(['id', 'due_on', 'address_hash']).orderBy('id').execute()
      // 60 working days from the filing date (劳动保障监察条例 第十七条).
      expect(after).toEqual([
        { id: 'done', due_on: null, address_hash: addressHashOf(keys.hashKey, '荔湾区中山八路100号') },
        { id: 'open', due_on: addWorkingDays('2026-01-06', 60, calendar).date, address_hash: addressHashOf(keys.hashKey, '荔湾区中山八路100号') },
      ])
      const notes = await db.selectFrom('tip_notes').selectAll().execute()
      expect(notes).toHaveLength(1)
      expect(notes[0]).toMatchObject({ tip_id: 'open', staff_id: 'token-1', created_at: Date.UTC(2026, 0, 6) })
      expect(notes[0].body).not.toContain('13912345678')
      expect(decryptField(keys.fieldKeys, notes[0].body, { table: 'tip_notes', rowId: notes[0].id, column: 'body' })).toBe('老板电话 13912345678')
      expect((await db.selectFrom('tip_events').select('internal_note').executeTakeFirstOrThrow()).internal_note).toBeNull()

      // A second start finds nothing left to do.
      expect(await upkeepWorkspace(db, keys)).toEqual({ addressHashes: 0, notesMoved: 0, dueDates: 0 })
    } finally {
      await database.close()
    }
  })
})
