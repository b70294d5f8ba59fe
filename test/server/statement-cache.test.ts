// The SQLite dialect's statement cache: each SQL text is compiled once and reused with other
// parameters, a statement still being iterated is not handed out twice, the cache stays bounded,
// and a cached statement follows a change of the table it reads.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'

import { loadConfig, prepareDataDir } from '../../server/config'
import { openDatabase } from '../../server/db/database'
import { migrate } from '../../server/db/migrations'
import { cachingStatements } from '../../server/db/statement-cache'

describe('the SQLite statement cache', () => {
  let dir: string
  let raw: BetterSqlite3.Database
  let prepared: string[]

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pufa-statements-'))
    raw = new BetterSqlite3(path.join(dir, 'cache.sqlite'))
    raw.exec('create table t (id integer primary key, name text)')
    prepared = []
    const prepare = raw.prepare.bind(raw)
    jest.spyOn(raw, 'prepare').mockImplementation((text: string) => {
      prepared.push(text)
      return prepare(text)
    })
  })
  afterEach(() => {
    if (raw.open) raw.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('compiles a SQL text once and runs it again with other parameters', () => {
    const database = cachingStatements(raw)
    const insert = 'insert into t (id, name) values (?, ?)'
    const select = 'select name from t where id = ?'
    for (let id = 1; id <= 5; id += 1) database.prepare(insert).run([id, `n${id}`])
    expect(database.prepare(select).all([2])).toEqual([{ name: 'n2' }])
    expect(database.prepare(select).all([4])).toEqual([{ name: 'n4' }])
    expect(database.prepare(select).all([9])).toEqual([])
    expect(prepared).toEqual([insert, select])
  })

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const database = cachingStatements(raw)
    database.prepare('insert into t (id, name) values (?, ?)').run([1, 'a'])
    database.prepare('insert into t (id, name) values (?, ?)').run([2, 'b'])
    const select = 'select id from t where id >= ? order by id'
    const iterating = database.prepare(select).iterate([1])
    expect(iterating.next().value).toEqual({ id: 1 })
    expect(database.prepare(select).all([2])).toEqual([{ id: 2 }])
    expect(iterating.next().value).toEqual({ id: 2 })
    expect(iterating.next().done).toBe(true)
    expect(prepared.filter((text) => text === select)).toHaveLength(2)
  })

  it('keeps at most its capacity, dropping the least recently used', () => {
    const database = cachingStatements(raw, 2)
    const a = 'select 1 as v'
    const b = 'select 2 as v'
    const c = 'select 3 as v'
    database.prepare(a)
    database.prepare(b)
    database.prepare(a)
    database.prepare(c) // b is the least recently used: dropped
    database.prepare(a)
    database.prepare(b)
    expect(prepared).toEqual([a, b, c, b])
  })

  it('follows a change of the table a cached statement reads', () => {
    const database = cachingStatements(raw)
    database.prepare('insert into t (id, name) values (?, ?)').run([1, 'a'])
    expect(database.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'a' }])
    raw.exec("alter table t add column note text default 'x'")
    expect(database.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'a', note: 'x' }])
  })

  it('is what openDatabase gives Kysely: a repeated query is compiled once', async () => {
    const spy = jest.spyOn(BetterSqlite3.prototype, 'prepare')
    const { db, close } = openDatabase(prepareDataDir(loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' })))
    try {
      await migrate(db)
      const query = (id: number) => sql<{ v: number }>`select ${id} + 1 as v`.execute(db)
      spy.mockClear()
      for (let id = 0; id < 10; id += 1) expect((await query(id)).rows).toEqual([{ v: id + 1 }])
      await db.transaction().execute(async (trx) => {
        expect((await sql<{ v: number }>`select ${41} + 1 as v`.execute(trx)).rows).toEqual([{ v: 42 }])
      })
      // One compile of the select; begin and commit were compiled while migrating.
      expect(spy.mock.calls.map(([text]) => text)).toEqual(['select ? + 1 as v'])
    } finally {
      spy.mockRestore()
      await close()
    }
  })
})
