import { sql, type Kysely, type Migration } from 'kysely'

import type { Dialect } from '../database'

/**
 * Staff accounts beside the machine tokens. Report events, audit entries and contests name the
 * staff member who acted by `staff_tokens.id`; so that an account's actions are recorded the same
 * way, with the same foreign keys, that table becomes `staff`, the one identity of tokens and
 * accounts (ids unchanged), with a role for each. An account's login, password hash and TOTP
 * secret live in `staff_accounts`; its one-time enrolment codes and its sign-in sessions in tables
 * of their own. A token's role is the one its scope gave it: a district token is an inspector of
 * its district, a city token a supervisor.
 */
export function staffAccounts(dialect: Dialect): Migration {
  return {
    async up(db) {
      if (dialect === 'sqlite') await rebuildAsStaffOnSqlite(db)
      else await alterIntoStaffOnPostgres(db)
    },
  }
}

const ROLE_OF_SCOPE = sql`case when scope = 'district' then 'inspector' else 'supervisor' end`
const ROLE_CHECK = sql`role in ('inspector', 'supervisor', 'organiser', 'auditor')`
// Only an inspector has a district: the others see the whole city, or no reports at all.
const DISTRICT_CHECK = sql`(role = 'inspector' and district_code is not null) or (role <> 'inspector' and district_code is null)`
// A token has a hash and one of the two roles tokens had; an account signs in with a password instead.
const KIND_CHECK = sql`(kind = 'token' and token_hash is not null and role in ('inspector', 'supervisor')) or (kind = 'account' and token_hash is null)`

/**
 * SQLite cannot drop a NOT NULL or a UNIQUE column in place: the table is rebuilt (sqlite.org,
 * "Making Other Kinds Of Table Schema Changes"). Renaming it first makes SQLite rewrite the
 * references of tip_events, audit_log and contests to `staff`; the rebuilt table then takes that
 * name. Foreign keys are off for the rebuild (they cannot be switched inside a transaction, and
 * Kysely runs SQLite migrations outside one) and checked before it commits.
 */
async function rebuildAsStaffOnSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await db.transaction().execute(async (trx) => {
      await sql`alter table staff_tokens rename to staff`.execute(trx)
      await sql`
        create table staff_rebuilt (
          id text primary key,
          kind text not null check (kind in ('token', 'account')),
          name text not null,
          role text not null check (${ROLE_CHECK}),
          district_code text,
          token_hash text unique,
          created_at bigint not null,
          revoked_at bigint,
          constraint staff_district check (${DISTRICT_CHECK}),
          constraint staff_kind check (${KIND_CHECK})
        )
      `.execute(trx)
      await sql`
        insert into staff_rebuilt (id, kind, name, role, district_code, token_hash, created_at, revoked_at)
        select id, 'token', name, ${ROLE_OF_SCOPE}, district_code, token_hash, created_at, revoked_at from staff
      `.execute(trx)
      await sql`drop table staff`.execute(trx)
      await sql`alter table staff_rebuilt rename to staff`.execute(trx)
      await createAccountTables(trx)
      const { rows } = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(trx)
      if (rows.length > 0) throw new Error(`0012_staff_accounts: ${rows.length} rows no longer match their foreign keys`)
    })
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

/** PostgreSQL changes the table in place (in the migration's transaction); foreign keys follow a renamed table. */
async function alterIntoStaffOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`alter table staff_tokens rename to staff`.execute(db)
  await sql`alter table staff rename constraint staff_tokens_pkey to staff_pkey`.execute(db)
  await sql`alter table staff rename constraint staff_tokens_token_hash_key to staff_token_hash_key`.execute(db)
  await sql`alter table staff add column kind text not null default 'token'`.execute(db)
  await sql`alter table staff alter column kind drop default`.execute(db)
  await sql`alter table staff add column role text`.execute(db)
  await sql`update staff set role = ${ROLE_OF_SCOPE}`.execute(db)
  await sql`alter table staff alter column role set not null`.execute(db)
  await sql`alter table staff alter column token_hash drop not null`.execute(db)
  await sql`alter table staff drop constraint staff_tokens_scope_district`.execute(db)
  await sql`alter table staff drop column scope`.execute(db)
  await sql`alter table staff add constraint staff_kind_values check (kind in ('token', 'account'))`.execute(db)
  await sql`alter table staff add constraint staff_role_values check (${ROLE_CHECK})`.execute(db)
  await sql`alter table staff add constraint staff_district check (${DISTRICT_CHECK})`.execute(db)
  await sql`alter table staff add constraint staff_kind check (${KIND_CHECK})`.execute(db)
  await createAccountTables(db)
}

async function createAccountTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_accounts')
    .addColumn('staff_id', 'text', (column) => column.primaryKey().references('staff.id'))
    .addColumn('login', 'text', (column) => column.notNull().unique())
    // Both null until the person enrols (sets a password and proves an authenticator).
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    // The TOTP time step of the last code accepted: a code is good once.
    .addColumn('totp_last_step', 'bigint')
    .addColumn('failed_attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('enrolled_at', 'bigint')
    .execute()

  await db.schema
    .createTable('staff_enrolments')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('staff_id', 'text', (column) => column.notNull().references('staff.id'))
    .addColumn('code_hash', 'text', (column) => column.notNull().unique())
    .addColumn('totp_secret', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('staff_enrolments_staff_idx').on('staff_enrolments').column('staff_id').execute()

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id_hash', 'text', (column) => column.primaryKey())
    .addColumn('staff_id', 'text', (column) => column.notNull().references('staff.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('staff_sessions_staff_idx').on('staff_sessions').column('staff_id').execute()
  await db.schema.createIndex('staff_sessions_last_seen_idx').on('staff_sessions').column('last_seen_at').execute()
}
