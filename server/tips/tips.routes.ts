import { createHash, randomBytes, randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Transaction } from 'kysely'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { workCalendarOf } from '../../src/core/sync/work-calendar'
import { reportDeadlines } from '../../src/core/tips/deadlines'
import { describeField, validateReport, type ValidReport } from '../../src/core/tips/report'
import { ACCESS_KEY_RANDOM_BYTES, formatAccessKey, formatTrackingCode, TRACKING_CODE_RANDOM_BYTES } from '../../src/core/tips/tracking-code'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, type FieldProblem, validationFailed } from '../errors'
import { decryptField, encryptField } from '../privacy/field-crypto'
import { keyedHash } from '../privacy/keyed-hash'
import type { HashKey, Keyring } from '../privacy/keyring'
import { RATE_RULES, rateLimit } from '../rate-limit'
import { attachUpload } from '../uploads/uploads.repository'
import { accessKeyHashOf } from './access-key'
import {
  completeIdempotencyKey,
  findDuplicateOf,
  findIdempotencyKey,
  insertIdempotencyKey,
  insertTip,
  readHolidayCalendars,
  readSite,
} from './tips.repository'
import { IDEMPOTENCY_KEY_PATTERN, TipReceived } from './tips.schemas'

const DUPLICATE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000
const CREATED = 201

/** JSON with object keys sorted at every level, so equal bodies give equal fingerprints. */
export function canonicalJson(value: unknown): string {
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

function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null), 'utf8').digest('hex')
}

function readIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    throw new AppError(400, 'idempotency_key_missing', '请求缺少 Idempotency-Key 请求头，请更新应用后重新提交')
  }
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new AppError(400, 'idempotency_key_invalid', 'Idempotency-Key 请求头的格式不对：应为 8 到 100 个字母、数字、下划线或连字符')
  }
  return header
}

// Both drivers name a unique violation their own way; pg's `detail` is never read (it quotes values).
function isUniqueViolation(error: unknown): boolean {
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

const answerLocation = (idempotencyKey: string) => ({ table: 'idempotency_keys', rowId: idempotencyKey, column: 'response_body' })

interface StoredTip {
  id: string
  answer: string
}

export const tipsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const keyring: Keyring = app.config.fieldKeys
  const hashKey: HashKey = app.config.hashKey

  app.post(
    '/tips',
    {
      preHandler: rateLimit(app.config.rateLimits ? RATE_RULES.tips : undefined),
      schema: {
        summary: '提交欠薪线索（投诉或举报）',
        description: '须带 Idempotency-Key 请求头（8 到 100 个字母、数字、_ 或 -）；同一个键重复提交相同内容时返回第一次的结果。',
        response: { 201: TipReceived, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const idempotencyKey = readIdempotencyKey(request.headers['idempotency-key'])
      const fingerprint = fingerprintOf(request.body)

      const site = await readSite(app.db)
      if (!site) throw new AppError(503, 'site_unavailable', '服务尚未完成配置（缺少区县信息），暂时无法受理，请稍后再试或拨打服务热线')
      const now = Date.now()
      const today = new Date(now)
      const verdict = validateReport(request.body, { districts: site.districts, today })
      if (!verdict.ok) {
        throw validationFailed(Object.entries(verdict.fields).map(([path, message]) => ({ path, label: describeField(path), message })))
      }
      const report = verdict.value
      const calendar = workCalendarOf(await readHolidayCalendars(app.db))
      const deadlines = reportDeadlines(chinaDateOf(today), calendar)

      let stored: StoredTip | { replay: { status: number; body: string } }
      try {
        stored = await app.db.transaction().execute(async (trx) => {
          const existing = await findIdempotencyKey(trx, idempotencyKey)
          if (existing) {
            if (existing.fingerprint !== fingerprint) {
              throw new AppError(422, 'idempotency_mismatch', '这个 Idempotency-Key 已用于另一份内容不同的提交；新的提交请使用新的键')
            }
            if (existing.status !== 'done' || existing.responseStatus === null || existing.responseBody === null) throw inFlight()
            return { replay: { status: existing.responseStatus, body: decryptField(keyring, existing.responseBody, answerLocation(idempotencyKey)) } }
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
            mobileLast4Hash: reporter ? keyedHash(hashKey, 'mobile', `last4:${reporter.mobile.slice(-4)}`) : null,
            employerName: report.employer.name,
            employerUscc: report.employer.uscc,
            employerHash,
            workAddress: report.workAddress,
            isConstruction: report.isConstruction,
            projectName: report.constructionProject,
            workersOwed: report.workersOwed,
            amountFen: report.amountFen,
            owedFrom: report.owedPeriod.from,
            owedTo: report.owedPeriod.to,
            description: report.description,
            consentSensitive: report.consentSensitive,
            createdAt: now,
            duplicateOf,
            deadlines: JSON.stringify(deadlines),
          })
          await attachEvidence(trx, report.evidenceIds, id, now)

          const answer = JSON.stringify({ trackingCode, ...(accessKey === undefined ? {} : { accessKey }), deadlines })
          // Stored encrypted: it holds an anonymous reporter's access key (rotated with the other fields).
          await completeIdempotencyKey(trx, idempotencyKey, CREATED, encryptField(keyring, answer, answerLocation(idempotencyKey)))
          return { id, answer }
        })
      } catch (error) {
        // A concurrent submission with the same key inserted it first.
        if (isUniqueViolation(error)) throw inFlight()
        throw error
      }

      // Both the first answer and every replay are the stored body, so they are the same bytes.
      if ('replay' in stored) return reply.code(CREATED).send(JSON.parse(stored.replay.body) as TipReceived)
      return reply.code(CREATED).send(JSON.parse(stored.answer) as TipReceived)
    },
  )
}
