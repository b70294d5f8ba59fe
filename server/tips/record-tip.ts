// The durable part of a submission: one transaction that looks up the Idempotency-Key, stores the
// report with its personal data encrypted, attaches its photos and records the answer. The route
// runs it after validation; the benchmark runs it alone to measure the database underneath.
import { randomBytes, randomUUID } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import { runningDeadline } from '../../src/core/tips/clock'
import type { ApplicableDeadlines } from '../../src/core/tips/deadlines'
import { type ValidReport } from '../../src/core/tips/report'
import { describeField } from '../../src/core/tips/report-fields'
import { toHalfWidth } from '../../src/core/validators/half-width'
import { ACCESS_KEY_RANDOM_BYTES, formatAccessKey, formatTrackingCode, TRACKING_CODE_RANDOM_BYTES } from '../../src/core/tips/tracking-code'
import type { Database } from '../db/schema'
import { AppError, type FieldProblem, validationFailed } from '../errors'
import { decryptField, encryptField } from '../privacy/field-crypto'
import { keyedHash } from '../privacy/keyed-hash'
import type { HashKey, Keyring } from '../privacy/keyring'
import { attachUpload } from '../uploads/uploads.repository'
import { accessKeyHashOf } from './access-key'
import { completeIdempotencyKey, findDuplicateOf, findIdempotencyKey, insertIdempotencyKey, insertTip } from './tips.repository'

const DUPLICATE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000
const CREATED = 201

/** JSON with object keys sorted at every level, so equal bodies give equal fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const entries = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * Of the report as validated (so only a few levels deep, whatever was sent), keyed: the report
 * holds name, mobile and ID number, which a plain hash would let anyone with the database test guesses against.
 */
function fingerprintOf(hashKey: HashKey, report: ValidReport): string {
  // An exact amount leaves the flag out, so that a report sent before estimates existed (0008) and
  // retried after still matches its first submission instead of being refused as another report.
  const { amountApproximate, ...exact } = report
  return keyedHash(hashKey, 'submission', canonicalJson(amountApproximate ? report : exact))
}

// Both drivers name a unique violation their own way; pg's `detail` is never read (it quotes values).
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

const inFlight = () => new AppError(409, 'idempotency_in_flight', '这份反映正在提交中，请稍候再查看结果，不要重复提交')

function employerHashOf(hashKey: HashKey, employer: ValidReport['employer']): string {
  if (employer.uscc !== null) return keyedHash(hashKey, 'employer', `uscc:${employer.uscc.toUpperCase()}`)
  return keyedHash(hashKey, 'employer', `name:${employer.name.replace(/\s+/g, '')}`)
}

// Each photo must be an upload still waiting for a report; throwing rolls the report back. Rows are
// taken in id order so that two reports sharing photos wait for each other instead of deadlocking.
async function attachEvidence(trx: Transaction<Database>, evidenceIds: string[], tipId: string, now: number): Promise<void> {
  const problems: FieldProblem[] = []
  const byId = [...evidenceIds.entries()].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const [index, uploadId] of byId) {
    if (await attachUpload(trx, uploadId, tipId, now)) continue
    const path = `evidenceIds.${index}`
    problems.push({ path, label: describeField(path), message: `${describeField(path)}已过期或不存在，请重新上传` })
  }
  if (problems.length > 0) throw validationFailed(problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })))
}

/** Keyed hash of a work address, written loosely alike (full-width, spaces, punctuation, case); null when nothing is left. */
export function addressHashOf(hashKey: HashKey, address: string): string | null {
  const normalised = toHalfWidth(address)
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
  return normalised === '' ? null : keyedHash(hashKey, 'address', normalised)
}

const answerLocation = (idempotencyKey: string) => ({ table: 'idempotency_keys', rowId: idempotencyKey, column: 'response_body' })


function dueOfNewReport(deadlines: ApplicableDeadlines): { dueOn: string | null; dueCovered: boolean } {
  const running = runningDeadline('submitted', deadlines, false)
  return { dueOn: running?.date ?? null, dueCovered: running?.covered ?? true }
}

export interface Submission {
  idempotencyKey: string
  /** As validateReport returned it. */
  report: ValidReport
  now: number
  deadlines: ApplicableDeadlines
  /** The WeChat user sending it from the mini-program (X-Pufa-Session); null from H5. */
  wechatUserId: string | null
}

/**
 * Stores the report once per Idempotency-Key and returns the answer as JSON text: the first
 * answer, or on a retry the stored one (the same bytes). 422 when the key was used for another
 * report, 409 while the first submission is still in flight. Returns only after the commit.
 */
export async function recordTip(
  db: Kysely<Database>,
  { fieldKeys: keyring, hashKey }: { fieldKeys: Keyring; hashKey: HashKey },
  { idempotencyKey, report, now, deadlines, wechatUserId }: Submission,
): Promise<string> {
  const fingerprint = fingerprintOf(hashKey, report)
  try {
    return await db.transaction().execute(async (trx) => {
      const existing = await findIdempotencyKey(trx, idempotencyKey)
      if (existing) {
        if (existing.fingerprint !== fingerprint) {
          throw new AppError(422, 'idempotency_mismatch', '这个 Idempotency-Key 已用于另一份内容不同的提交；新的提交请使用新的键')
        }
        if (existing.status !== 'done' || existing.responseStatus === null || existing.responseBody === null) throw inFlight()
        return decryptField(keyring, existing.responseBody, answerLocation(idempotencyKey))
      }
      await insertIdempotencyKey(trx, idempotencyKey, fingerprint, now)

      const id = randomUUID()
      const trackingCode = formatTrackingCode(randomBytes(TRACKING_CODE_RANDOM_BYTES))
      const accessKey = report.reporter === null ? formatAccessKey(randomBytes(ACCESS_KEY_RANDOM_BYTES)) : undefined
      const reporter = report.reporter
      const at = (column: string) => ({ table: 'tips', rowId: id, column })
      const mobileHash = reporter ? keyedHash(hashKey, 'mobile', reporter.mobile) : null
      const employerHash = employerHashOf(hashKey, report.employer)
      const duplicateOf = mobileHash ? ((await findDuplicateOf(trx, employerHash, mobileHash, now - DUPLICATE_WINDOW_MS)) ?? null) : null

      await insertTip(trx, {
        id,
        trackingCode,
        // The access key has 135 random bits: a plain SHA-256 cannot be reversed by guessing, no slow hash needed.
        accessKeyHash: accessKey === undefined ? null : accessKeyHashOf(accessKey),
        kind: report.kind,
        districtCode: report.districtCode,
        reporterName: reporter ? encryptField(keyring, reporter.name, at('reporter_name')) : null,
        reporterMobile: reporter ? encryptField(keyring, reporter.mobile, at('reporter_mobile')) : null,
        reporterIdNumber: reporter?.residentId ? encryptField(keyring, reporter.residentId, at('reporter_id_number')) : null,
        mobileHash,
        // The number is validated digits only, a landline with its area code: its last four are what the status page asks for.
        mobileLast4Hash: reporter ? keyedHash(hashKey, 'mobile', `last4:${reporter.mobile.slice(-4)}`) : null,
        employerName: report.employer.name,
        employerUscc: report.employer.uscc,
        employerHash,
        workAddress: report.workAddress,
        isConstruction: report.isConstruction,
        projectName: report.constructionProject,
        workersOwed: report.workersOwed,
        amountFen: report.amountFen,
        amountApproximate: report.amountApproximate,
        owedFrom: report.owedPeriod.from,
        owedTo: report.owedPeriod.to,
        description: report.description,
        consentSensitive: report.consentSensitive,
        createdAt: now,
        duplicateOf,
        deadlines: JSON.stringify(deadlines),
        ...dueOfNewReport(deadlines),
        addressHash: addressHashOf(hashKey, report.workAddress),
        wechatUserId,
      })
      await attachEvidence(trx, report.evidenceIds, id, now)

      const answer = JSON.stringify({ trackingCode, ...(accessKey === undefined ? {} : { accessKey }), deadlines })
      // Stored encrypted: it holds an anonymous reporter's access key (rotated with the other fields).
      await completeIdempotencyKey(trx, idempotencyKey, CREATED, encryptField(keyring, answer, answerLocation(idempotencyKey)))
      return answer
    })
  } catch (error) {
    // A concurrent submission with the same key inserted it first.
    if (isUniqueViolation(error)) throw inFlight()
    throw error
  }
}
