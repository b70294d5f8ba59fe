// Enrolment: a one-time code, printed by `pufa staff create` or `pufa staff enrol`, lets the person
// the account is for choose a password and add the service to an authenticator app. It is random,
// stored hashed, good for 72 hours and for one use; a new one withdraws any earlier one.
import { createHash, randomBytes, randomUUID } from 'node:crypto'

import type { Kysely, Transaction } from 'kysely'

import { appendAudit } from '../admin/audit.repository'
import type { Staff } from '../admin/staff.repository'
import type { Database } from '../db/schema'
import { AppError, validationFailed, type FieldProblem } from '../errors'
import { decryptField, encryptField } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import { setCredentials, totpSecretLocation } from './accounts.repository'
import { base32Encode } from './base32'
import { claimEnrolment, deleteEnrolmentsOf, deleteExpiredEnrolments, enrolmentSecretLocation, findPendingEnrolment, insertEnrolment, type PendingEnrolment } from './enrolments.repository'
import { hashPassword } from './password-hash'
import { passwordProblem } from './password-rules'
import { deleteSessionsOf } from './sessions.repository'
import { startSession } from './sessions'
import { generateTotpSecret, matchTotp, otpauthUri } from './totp'

type Db = Kysely<Database> | Transaction<Database>

export const ENROLMENT_LIFETIME_MS = 72 * 60 * 60 * 1000
/** 120 random bits: 24 base32 symbols, printed in groups of four. */
const CODE_BYTES = 15
const CODE_PATTERN = /^[A-Z2-7]{24}$/
const GROUP = /.{4}/g
/** What authenticator apps show above the code. */
export const TOTP_ISSUER = '法治人社'

/** The code as stored: separators and case do not matter; undefined when it cannot be a code. */
function canonicalCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase()
  return CODE_PATTERN.test(code) ? code : undefined
}

function codeHashOf(canonical: string): string {
  return createHash('sha256').update(`pufa-staff-enrolment:v1:${canonical}`, 'utf8').digest('hex')
}

export interface IssuedEnrolment {
  /** ABCD-EFGH-…, shown once. */
  code: string
  expiresAt: number
}

/** A new enrolment code for an account (in the caller's transaction); any earlier one stops working. */
export async function issueEnrolment(db: Db, keyring: Keyring, staffId: string, now: number): Promise<IssuedEnrolment> {
  const canonical = base32Encode(randomBytes(CODE_BYTES))
  const id = randomUUID()
  await deleteExpiredEnrolments(db, now)
  await deleteEnrolmentsOf(db, staffId)
  await insertEnrolment(db, {
    id,
    staffId,
    codeHash: codeHashOf(canonical),
    sealedTotpSecret: encryptField(keyring, generateTotpSecret(), enrolmentSecretLocation(id)),
    createdAt: now,
    expiresAt: now + ENROLMENT_LIFETIME_MS,
  })
  await appendAudit(db, { staffId: null, action: 'staff_enrolment_issue', tipId: null, detail: { accountId: staffId }, at: now })
  return { code: canonical.match(GROUP)?.join('-') ?? canonical, expiresAt: now + ENROLMENT_LIFETIME_MS }
}

const enrolmentNotFound = () =>
  new AppError(404, 'enrolment_not_found', '这个注册链接无效：可能已经用过、已超过 72 小时或输入有误。请联系系统管理员重新生成（pufa staff enrol）')

async function pendingEnrolment(db: Db, typedCode: string, now: number): Promise<PendingEnrolment & { login: string }> {
  const canonical = canonicalCode(typedCode)
  const enrolment = canonical === undefined ? undefined : await findPendingEnrolment(db, codeHashOf(canonical), now)
  const login = enrolment?.staff.login
  if (!enrolment || !login) throw enrolmentNotFound()
  return { ...enrolment, login }
}

export interface EnrolmentView {
  staff: Staff
  otpauthUri: string
  secret: string
}

/** What the enrolment page shows; 404 alike for unknown, used and expired codes. */
export async function readEnrolment(db: Db, keyring: Keyring, typedCode: string, now: number): Promise<EnrolmentView> {
  const enrolment = await pendingEnrolment(db, typedCode, now)
  const secret = decryptField(keyring, enrolment.sealedTotpSecret, enrolmentSecretLocation(enrolment.id))
  return { staff: enrolment.staff, secret, otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: enrolment.login, secretBase32: secret }) }
}

/**
 * Sets the password and the authenticator when the password will do and the code proves the app
 * was set up; the enrolment is then used up, the account's other sessions end, and a new one starts.
 */
export async function completeEnrolment(
  db: Kysely<Database>,
  keyring: Keyring,
  typedCode: string,
  answers: { password: string; code: string },
  now: number,
): Promise<{ staff: Staff; sessionId: string }> {
  const enrolment = await pendingEnrolment(db, typedCode, now)
  const { staff } = enrolment
  const secret = decryptField(keyring, enrolment.sealedTotpSecret, enrolmentSecretLocation(enrolment.id))
  const problems: FieldProblem[] = []
  const weakness = passwordProblem(answers.password, { login: enrolment.login, name: staff.name })
  if (weakness !== undefined) problems.push({ path: 'password', label: '密码', message: weakness })
  const step = matchTotp(secret, answers.code, now)
  if (step === undefined) {
    problems.push({ path: 'code', label: '验证码', message: `验证码不对：请输入身份验证器里“${TOTP_ISSUER}”下显示的 6 位数字；一直不对时，请把手机时间设为自动` })
  }
  if (problems.length > 0 || step === undefined) throw validationFailed(problems)

  const passwordHash = await hashPassword(answers.password)
  const sessionId = await db.transaction().execute(async (trx) => {
    if (!(await claimEnrolment(trx, enrolment.id, now))) throw enrolmentNotFound()
    const sealedTotpSecret = encryptField(keyring, secret, totpSecretLocation(staff.id))
    await setCredentials(trx, staff.id, { passwordHash, sealedTotpSecret, totpStep: step, at: now })
    const endedSessions = await deleteSessionsOf(trx, staff.id)
    const id = await startSession(trx, staff.id, now)
    await appendAudit(trx, { staffId: staff.id, action: 'staff_enrol', tipId: null, detail: { endedSessions }, at: now })
    return id
  })
  return { staff, sessionId }
}
