import type { Kysely, Transaction } from 'kysely'

import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export const TIP_STATUS_SUBMITTED = 'submitted'

/** A row of `tips` as stored: personal fields already encrypted or hashed. */
export interface NewTipRow {
  id: string
  trackingCode: string
  accessKeyHash: string | null
  kind: string
  districtCode: string
  reporterName: string | null
  reporterMobile: string | null
  reporterIdNumber: string | null
  mobileHash: string | null
  mobileLast4Hash: string | null
  employerName: string
  employerUscc: string | null
  employerHash: string
  workAddress: string
  isConstruction: boolean
  projectName: string | null
  workersOwed: number
  amountFen: number | null
  amountApproximate: boolean
  owedFrom: string
  owedTo: string
  description: string
  consentSensitive: boolean
  createdAt: number
  duplicateOf: string | null
  deadlines: string
  /** The running deadline (acceptance of a complaint); null for a 举报. */
  dueOn: string | null
  dueCovered: boolean
  addressHash: string | null
  /** The WeChat user who sent it from the mini-program; null from H5. */
  wechatUserId: string | null
}

export async function insertTip(db: Db, tip: NewTipRow): Promise<void> {
  await db
    .insertInto('tips')
    .values({
      id: tip.id,
      tracking_code: tip.trackingCode,
      access_key_hash: tip.accessKeyHash,
      kind: tip.kind,
      district_code: tip.districtCode,
      status: TIP_STATUS_SUBMITTED,
      reporter_name: tip.reporterName,
      reporter_mobile: tip.reporterMobile,
      reporter_id_number: tip.reporterIdNumber,
      mobile_hash: tip.mobileHash,
      mobile_last4_hash: tip.mobileLast4Hash,
      employer_name: tip.employerName,
      employer_uscc: tip.employerUscc,
      employer_hash: tip.employerHash,
      work_address: tip.workAddress,
      is_construction: tip.isConstruction ? 1 : 0,
      project_name: tip.projectName,
      workers_owed: tip.workersOwed,
      amount_fen: tip.amountFen,
      amount_approximate: tip.amountApproximate ? 1 : 0,
      owed_from: tip.owedFrom,
      owed_to: tip.owedTo,
      description: tip.description,
      consent_sensitive: tip.consentSensitive ? 1 : 0,
      created_at: tip.createdAt,
      duplicate_of: tip.duplicateOf,
      deadlines: tip.deadlines,
      due_on: tip.dueOn,
      due_covered: tip.dueCovered ? 1 : 0,
      address_hash: tip.addressHash,
      wechat_user_id: tip.wechatUserId,
      // The sender has just seen it as it is.
      owner_seen_at: tip.wechatUserId === null ? null : tip.createdAt,
    })
    .execute()
}

/** The first original report (not itself a duplicate) from the same phone about the same employer since `since`. */
export async function findDuplicateOf(db: Db, employerHash: string, mobileHash: string, since: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('tips')
    .select('id')
    .where('employer_hash', '=', employerHash)
    .where('mobile_hash', '=', mobileHash)
    .where('created_at', '>=', since)
    .where('duplicate_of', 'is', null)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst()
  return row?.id
}

export interface IdempotencyRecord {
  fingerprint: string
  status: 'in_flight' | 'done'
  responseStatus: number | null
  responseBody: string | null
}

/** What the reporter's status page needs of a report, with the hashes its verifiers are checked against. */
export interface ReporterView {
  id: string
  trackingCode: string
  kind: string
  status: string
  districtCode: string
  createdAt: number
  acceptedOn: string | null
  accessKeyHash: string | null
  mobileLast4Hash: string | null
  rating: string | null
  ratingComment: string | null
  ratedAt: number | null
  /** JSON of CloseOutcome once closed through the workspace. */
  outcome: string | null
  /** The WeChat user who sent it (opens it without a verifier); null from H5. */
  wechatUserId: string | null
}

export async function findByTrackingCode(db: Db, trackingCode: string): Promise<ReporterView | undefined> {
  const row = await db
    .selectFrom('tips')
    .select([
      'id', 'tracking_code', 'kind', 'status', 'district_code', 'created_at', 'accepted_on', 'access_key_hash', 'mobile_last4_hash',
      'rating', 'rating_comment', 'rated_at', 'outcome', 'wechat_user_id',
    ])
    .where('tracking_code', '=', trackingCode)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    kind: row.kind,
    status: row.status,
    districtCode: row.district_code,
    createdAt: Number(row.created_at),
    acceptedOn: row.accepted_on,
    accessKeyHash: row.access_key_hash,
    mobileLast4Hash: row.mobile_last4_hash,
    rating: row.rating,
    ratingComment: row.rating_comment,
    ratedAt: row.rated_at === null ? null : Number(row.rated_at),
    outcome: row.outcome,
    wechatUserId: row.wechat_user_id,
  }
}

/** The WeChat user who sent the report opened it: changes until now are seen. */
export async function markSeenByOwner(db: Db, tipId: string, at: number): Promise<void> {
  await db.updateTable('tips').set({ owner_seen_at: at }).where('id', '=', tipId).execute()
}

/** A report as 我的反映 lists it for the WeChat user who sent it. */
export interface OwnReport {
  id: string
  trackingCode: string
  kind: string
  status: string
  createdAt: number
  /** When the owner last opened it (or sent it). */
  seenAt: number
  /** The latest status change; null before any. */
  lastStatusAt: number | null
}

/** The reports a WeChat user sent, newest first (a person sends a handful; 200 at most are listed). */
export async function listReportsOf(db: Db, wechatUserId: string): Promise<OwnReport[]> {
  const rows = await db
    .selectFrom('tips')
    .select((eb) => [
      'tips.id', 'tips.tracking_code', 'tips.kind', 'tips.status', 'tips.created_at', 'tips.owner_seen_at',
      eb
        .selectFrom('tip_events')
        .select((inner) => inner.fn.max('tip_events.at').as('at'))
        .whereRef('tip_events.tip_id', '=', 'tips.id')
        .whereRef('tip_events.from_status', '<>', 'tip_events.to_status')
        .as('last_status_at'),
    ])
    .where('tips.wechat_user_id', '=', wechatUserId)
    .orderBy('tips.created_at', 'desc')
    .orderBy('tips.id', 'desc')
    .limit(200)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    trackingCode: row.tracking_code,
    kind: row.kind,
    status: row.status,
    createdAt: Number(row.created_at),
    seenAt: Number(row.owner_seen_at ?? row.created_at),
    lastStatusAt: row.last_status_at === null || row.last_status_at === undefined ? null : Number(row.last_status_at),
  }))
}

/** Records the rating of a closed report that has none yet; false when it is not closed or already rated. */
export async function rateTip(db: Db, id: string, rating: { value: string; comment: string | null; at: number }): Promise<boolean> {
  const result = await db
    .updateTable('tips')
    .set({ rating: rating.value, rating_comment: rating.comment, rated_at: rating.at })
    .where('id', '=', id)
    .where('status', '=', 'closed')
    .where('rating', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findIdempotencyKey(db: Db, key: string): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'response_status', 'response_body'])
    .where('key', '=', key)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    fingerprint: row.fingerprint,
    status: row.status === 'done' ? 'done' : 'in_flight',
    responseStatus: row.response_status === null ? null : Number(row.response_status),
    responseBody: row.response_body,
  }
}

export async function insertIdempotencyKey(db: Db, key: string, fingerprint: string, createdAt: number): Promise<void> {
  await db.insertInto('idempotency_keys').values({ key, fingerprint, status: 'in_flight', response_status: null, response_body: null, created_at: createdAt }).execute()
}

export async function completeIdempotencyKey(db: Db, key: string, responseStatus: number, responseBody: string): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: responseStatus, response_body: responseBody })
    .where('key', '=', key)
    .execute()
}
