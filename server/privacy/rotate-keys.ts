// `pufa keys rotate`: every encrypted field of every report, every message about a report, every
// feedback contact and staff note, every WeChat subscription's openid, and every staff authenticator secret moves to the keyring's current key, so older keys can leave PUFA_FIELD_KEYS. Nothing is changed unless every value decrypts first.
import type { Kysely, Transaction } from 'kysely'

import { appendAudit } from '../admin/audit.repository'
import type { Database } from '../db/schema'
import { decryptField, FieldDecryptError, reencryptField } from './field-crypto'
import type { Keyring } from './keyring'

/** extension: the approver and reason of an extended investigation (0013). */
export const ENCRYPTED_TIP_COLUMNS = ['reporter_name', 'reporter_mobile', 'reporter_id_number', 'extension'] as const

const BATCH = 200
/** The refusal lists this many values at most; the count says how many there are in all. */
const LISTED_FAILURES = 20

export interface RotationReport {
  currentKeyId: string
  tips: number
  /** 投诉建议 and 纠错 that carry an (encrypted) contact or staff note. */
  feedback: number
  /** Authenticator secrets of staff accounts and of their pending enrolments. */
  staffSecrets: number
  /** Internal notes on reports. */
  notes: number
  /** Messages between staff and reporters (server/conversation/). */
  messages: number
  fields: number
  reencrypted: number
  alreadyCurrent: number
}

/** Values no configured key decrypts; messages name the row id and the column, never the value. */
export class UndecryptableFieldsError extends Error {
  constructor(
    readonly failures: FieldDecryptError[],
    readonly total: number,
  ) {
    super(`${total} encrypted values cannot be decrypted with the configured keys`)
    this.name = 'UndecryptableFieldsError'
  }
}

type Db = Kysely<Database> | Transaction<Database>

/** One row's encrypted values, by column (null when the field was not given). */
interface EncryptedRow {
  id: string
  values: Record<string, string | null>
}

/** A table holding field-crypto values: how to page through it and write a row back. */
interface EncryptedTable {
  table: string
  columns: readonly string[]
  /** The next rows after `afterId` in id order. */
  batchAfter(db: Db, afterId: string | undefined): Promise<EncryptedRow[]>
  update(db: Db, id: string, changes: Record<string, string>): Promise<void>
}

const TIPS: EncryptedTable = {
  table: 'tips',
  columns: ENCRYPTED_TIP_COLUMNS,
  async batchAfter(db, afterId) {
    let query = db.selectFrom('tips').select(['id', ...ENCRYPTED_TIP_COLUMNS])
    if (afterId !== undefined) query = query.where('id', '>', afterId)
    const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
    return rows.map(({ id, ...values }) => ({ id, values }))
  },
  async update(db, id, changes) {
    await db.updateTable('tips').set(changes).where('id', '=', id).execute()
  },
}

// The stored answer of a submission: it holds an anonymous report's access key (tips.routes.ts).
const IDEMPOTENCY_ANSWERS: EncryptedTable = {
  table: 'idempotency_keys',
  columns: ['response_body'],
  async batchAfter(db, afterId) {
    let query = db.selectFrom('idempotency_keys').select(['key', 'response_body'])
    if (afterId !== undefined) query = query.where('key', '>', afterId)
    const rows = await query.orderBy('key', 'asc').limit(BATCH).execute()
    return rows.map((row) => ({ id: row.key, values: { response_body: row.response_body } }))
  },
  async update(db, id, changes) {
    await db.updateTable('idempotency_keys').set(changes).where('key', '=', id).execute()
  },
}

// The phone number left with 投诉建议 (feedback.routes.ts) and staff's internal note on it
// (server/feedback/feedback-inbox.routes.ts); rows with neither hold nothing to rotate.
const FEEDBACK_CONTACTS: EncryptedTable = {
  table: 'feedback',
  columns: ['contact', 'staff_note'],
  async batchAfter(db, afterId) {
    let query = db
      .selectFrom('feedback')
      .select(['id', 'contact', 'staff_note'])
      .where((eb) => eb.or([eb('contact', 'is not', null), eb('staff_note', 'is not', null)]))
    if (afterId !== undefined) query = query.where('id', '>', afterId)
    const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
    return rows.map((row) => ({ id: row.id, values: { contact: row.contact, staff_note: row.staff_note } }))
  },
  async update(db, id, changes) {
    await db.updateTable('feedback').set(changes).where('id', '=', id).execute()
  },
}

// A staff account's authenticator secret (staff-auth/); accounts not yet enrolled have none.
const STAFF_AUTHENTICATORS: EncryptedTable = {
  table: 'staff_accounts',
  columns: ['totp_secret'],
  async batchAfter(db, afterId) {
    let query = db.selectFrom('staff_accounts').select(['staff_id', 'totp_secret']).where('totp_secret', 'is not', null)
    if (afterId !== undefined) query = query.where('staff_id', '>', afterId)
    const rows = await query.orderBy('staff_id', 'asc').limit(BATCH).execute()
    return rows.map((row) => ({ id: row.staff_id, values: { totp_secret: row.totp_secret } }))
  },
  async update(db, id, changes) {
    await db.updateTable('staff_accounts').set(changes).where('staff_id', '=', id).execute()
  },
}

// The secret an unused enrolment code offers, kept until the code is used or replaced.
const STAFF_ENROLMENTS: EncryptedTable = {
  table: 'staff_enrolments',
  columns: ['totp_secret'],
  async batchAfter(db, afterId) {
    let query = db.selectFrom('staff_enrolments').select(['id', 'totp_secret'])
    if (afterId !== undefined) query = query.where('id', '>', afterId)
    const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
    return rows.map((row) => ({ id: row.id, values: { totp_secret: row.totp_secret } }))
  },
  async update(db, id, changes) {
    await db.updateTable('staff_enrolments').set(changes).where('id', '=', id).execute()
  },
}

/** A table whose only encrypted column is `body`, keyed by `id`. */
function encryptedBodies(table: 'tip_notes' | 'tip_messages'): EncryptedTable {
  return {
    table,
    columns: ['body'],
    async batchAfter(db, afterId) {
      let query = db.selectFrom(table).select(['id', 'body'])
      if (afterId !== undefined) query = query.where('id', '>', afterId)
      const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
      return rows.map((row) => ({ id: row.id, values: { body: row.body } }))
    },
    async update(db, id, changes) {
      await db.updateTable(table).set(changes).where('id', '=', id).execute()
    },
  }
}

// Staff's internal notes on reports (0013), and the words of each message between staff and the reporter (server/conversation/).
const TIP_NOTES = encryptedBodies('tip_notes')
const TIP_MESSAGES = encryptedBodies('tip_messages')

// The WeChat openid a worker's subscription messages go to (server/wechat/, 0021), kept until they are sent.
const WECHAT_SUBSCRIPTIONS: EncryptedTable = {
  table: 'wechat_subscriptions',
  columns: ['openid'],
  async batchAfter(db, afterId) {
    let query = db.selectFrom('wechat_subscriptions').select(['id', 'openid'])
    if (afterId !== undefined) query = query.where('id', '>', afterId)
    const rows = await query.orderBy('id', 'asc').limit(BATCH).execute()
    return rows.map((row) => ({ id: row.id, values: { openid: row.openid } }))
  },
  async update(db, id, changes) {
    await db.updateTable('wechat_subscriptions').set(changes).where('id', '=', id).execute()
  },
}

const ENCRYPTED_TABLES = [TIPS, TIP_NOTES, TIP_MESSAGES, IDEMPOTENCY_ANSWERS, FEEDBACK_CONTACTS, STAFF_AUTHENTICATORS, STAFF_ENROLMENTS, WECHAT_SUBSCRIPTIONS]

async function* batches(db: Kysely<Database>, source: EncryptedTable): AsyncGenerator<EncryptedRow[]> {
  let afterId: string | undefined
  for (;;) {
    const rows = await source.batchAfter(db, afterId)
    if (rows.length === 0) return
    yield rows
    afterId = rows[rows.length - 1].id
  }
}

/** Throws UndecryptableFieldsError listing what cannot be read; changes nothing. */
async function checkEverythingDecrypts(db: Kysely<Database>, keyring: Keyring): Promise<void> {
  const failures: FieldDecryptError[] = []
  let total = 0
  for (const source of ENCRYPTED_TABLES) {
    for await (const rows of batches(db, source)) {
      for (const row of rows) {
        for (const column of source.columns) {
          const value = row.values[column]
          if (value === null) continue
          try {
            decryptField(keyring, value, { table: source.table, rowId: row.id, column })
          } catch (error) {
            if (!(error instanceof FieldDecryptError)) throw error
            total += 1
            if (failures.length < LISTED_FAILURES) failures.push(error)
          }
        }
      }
    }
  }
  if (total > 0) throw new UndecryptableFieldsError(failures, total)
}

/**
 * Re-encrypts under `keyring.currentKeyId`, a batch per transaction. Idempotent: values already
 * under the current key are left as they are, so running it again (or after an interruption) is safe.
 */
export async function rotateFieldKeys(db: Kysely<Database>, keyring: Keyring, now: number = Date.now()): Promise<RotationReport> {
  await checkEverythingDecrypts(db, keyring)
  const report: RotationReport = { currentKeyId: keyring.currentKeyId, tips: 0, feedback: 0, staffSecrets: 0, notes: 0, messages: 0, fields: 0, reencrypted: 0, alreadyCurrent: 0 }
  for (const source of ENCRYPTED_TABLES) {
    let afterId: string | undefined
    for (;;) {
      const rows = await db.transaction().execute(async (trx) => {
        const batch = await source.batchAfter(trx, afterId)
        for (const row of batch) {
          const changes: Record<string, string> = {}
          for (const column of source.columns) {
            const value = row.values[column]
            if (value === null) continue
            report.fields += 1
            const rotated = reencryptField(keyring, value, { table: source.table, rowId: row.id, column })
            if (rotated === value) {
              report.alreadyCurrent += 1
            } else {
              changes[column] = rotated
              report.reencrypted += 1
            }
          }
          if (Object.keys(changes).length > 0) await source.update(trx, row.id, changes)
        }
        return batch
      })
      if (rows.length === 0) break
      if (source === TIPS) report.tips += rows.length
      if (source === TIP_NOTES) report.notes += rows.length
      if (source === FEEDBACK_CONTACTS) report.feedback += rows.length
      if (source === TIP_MESSAGES) report.messages += rows.length
      if (source === STAFF_AUTHENTICATORS || source === STAFF_ENROLMENTS) report.staffSecrets += rows.length
      afterId = rows[rows.length - 1].id
    }
  }
  await appendAudit(db, {
    staffId: null,
    action: 'keys_rotate',
    tipId: null,
    detail: {
      currentKeyId: report.currentKeyId,
      tips: report.tips,
      feedback: report.feedback,
      notes: report.notes,
      staffSecrets: report.staffSecrets,
      messages: report.messages,
      fields: report.fields,
      reencrypted: report.reencrypted,
    },
    at: now,
  })
  return report
}
