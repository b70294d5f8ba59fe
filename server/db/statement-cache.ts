// better-sqlite3 compiles a statement on every prepare(), and Kysely's SQLite driver prepares on
// every query: a report's transaction paid for compiling the same few statements each time. This
// keeps the compiled statements by SQL text, the most recently used ones, a bounded number of them.
import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/** Distinct SQL texts kept compiled; queries with `in (?, ?, …)` lists of many lengths pass through. */
export const STATEMENT_CACHE_SIZE = 256

/** `database` for Kysely's SqliteDialect, preparing each SQL text once while it stays among the most used. */
export function cachingStatements(database: BetterSqlite3.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const statements = new Map<string, BetterSqlite3.Statement>()
  return {
    prepare(sql: string) {
      const cached = statements.get(sql)
      if (cached !== undefined) {
        // A statement still being iterated (a streamed query) cannot run again until it is done.
        if (cached.busy) return database.prepare(sql)
        statements.delete(sql)
        statements.set(sql, cached)
        return cached
      }
      const statement = database.prepare(sql)
      statements.set(sql, statement)
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string)
      return statement
    },
    close() {
      statements.clear()
      database.close()
    },
  }
}
