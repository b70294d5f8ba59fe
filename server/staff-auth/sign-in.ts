// Signing in to a staff account: login, password and a code from the authenticator, all right at
// once, or the same failure whatever was wrong. Failures in a row lock the account for a while.
import { createHash } from 'node:crypto'

import type { Kysely } from 'kysely'

import { appendAudit } from '../admin/audit.repository'
import type { Staff } from '../admin/staff.repository'
import type { Database } from '../db/schema'
import { decryptField } from '../privacy/field-crypto'
import type { Keyring } from '../privacy/keyring'
import { claimTotpStep, clearFailedSignIns, countFailedSignIn, findAccountByLogin, setPasswordHash, totpSecretLocation, type AccountCredentials } from './accounts.repository'
import { normaliseLogin } from './logins'
import { hashPassword, needsRehash, spendPasswordWork, verifyPassword } from './password-hash'
import { startSession } from './sessions'
import { matchTotp } from './totp'

export const LOCK_AFTER_FAILURES = 5
export const LOCK_MS = 15 * 60 * 1000

export interface SignInAttempt {
  login: string
  password: string
  code: string
}

export type SignInOutcome = { kind: 'signed_in'; staff: Staff; sessionId: string } | { kind: 'failed' } | { kind: 'locked'; until: number }

/** Why a sign-in failed, for the audit log only: every one of them answers the same 401. */
type FailureReason = 'unknown_login' | 'disabled' | 'not_enrolled' | 'password' | 'code' | 'code_reused' | 'locked'

const UNKNOWN_LOGINS_KEPT = 10_000

/**
 * Failures against logins that have no account, in this process's memory, so that such a login
 * locks after the same number of failures as a real one: a 423 must not tell that a login exists.
 * Only a hash of what was typed is kept (it may be a password typed into the wrong box).
 */
class UnknownLoginFailures {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number | null }>()

  private keyOf(login: string): string {
    return createHash('sha256').update(`pufa-unknown-login:${login}`, 'utf8').digest('hex')
  }

  lockedUntil(login: string, now: number): number | undefined {
    const until = this.entries.get(this.keyOf(login))?.lockedUntil
    return until != null && until > now ? until : undefined
  }

  /** Counts a failure; the lock's end when this one locked it. */
  fail(login: string, now: number): number | undefined {
    const key = this.keyOf(login)
    const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: null }
    this.entries.delete(key)
    if (this.entries.size >= UNKNOWN_LOGINS_KEPT) this.entries.delete(this.entries.keys().next().value as string)
    entry.failures += 1
    const locks = entry.failures >= LOCK_AFTER_FAILURES
    if (locks) {
      entry.failures = 0
      entry.lockedUntil = now + LOCK_MS
    }
    this.entries.set(key, entry)
    return locks ? now + LOCK_MS : undefined
  }
}

function activeLock(lockedUntil: number | null, now: number): number | undefined {
  return lockedUntil !== null && lockedUntil > now ? lockedUntil : undefined
}

export class SignInService {
  private readonly unknownLogins = new UnknownLoginFailures()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyring: Keyring,
  ) {}

  async attempt(attempt: SignInAttempt, now: number): Promise<SignInOutcome> {
    const login = normaliseLogin(attempt.login)
    const account = await findAccountByLogin(this.db, login)
    const lockedUntil = account ? activeLock(account.lockedUntil, now) : this.unknownLogins.lockedUntil(login, now)
    if (lockedUntil !== undefined) {
      await appendAudit(this.db, { staffId: account?.staff.id ?? null, action: 'staff_sign_in_failed', tipId: null, detail: { reason: 'locked' }, at: now })
      return { kind: 'locked', until: lockedUntil }
    }

    // The password hash is computed whether or not there is an account to check it against: it is
    // what takes the time, and the time must not say which logins exist.
    const passwordRight = account?.passwordHash ? await verifyPassword(attempt.password, account.passwordHash) : (await spendPasswordWork(attempt.password), false)
    const step = account?.sealedTotpSecret ? matchTotp(decryptField(this.keyring, account.sealedTotpSecret, totpSecretLocation(account.staff.id)), attempt.code, now) : undefined
    const reason = failureReason(account, passwordRight, step)
    if (account && reason === undefined && step !== undefined) {
      const sessionId = await this.db.transaction().execute(async (trx) => {
        if (!(await claimTotpStep(trx, account.staff.id, step))) return undefined
        await clearFailedSignIns(trx, account.staff.id)
        const id = await startSession(trx, account.staff.id, now)
        await appendAudit(trx, { staffId: account.staff.id, action: 'staff_sign_in', tipId: null, detail: {}, at: now })
        return id
      })
      if (sessionId !== undefined) {
        if (account.passwordHash && needsRehash(account.passwordHash)) await setPasswordHash(this.db, account.staff.id, await hashPassword(attempt.password))
        return { kind: 'signed_in', staff: account.staff, sessionId }
      }
    }
    return this.fail(account, login, reason ?? 'code_reused', now)
  }

  private async fail(account: AccountCredentials | undefined, login: string, reason: FailureReason, now: number): Promise<SignInOutcome> {
    if (!account) {
      const until = this.unknownLogins.fail(login, now)
      // Not the login: it may be a password typed into the wrong box.
      await appendAudit(this.db, { staffId: null, action: 'staff_sign_in_failed', tipId: null, detail: { reason }, at: now })
      return until === undefined ? { kind: 'failed' } : { kind: 'locked', until }
    }
    const staffId = account.staff.id
    // One transaction, one commit: a failure on a real account costs no more writes than one on no account.
    const until = await this.db.transaction().execute(async (trx) => {
      const locked = await countFailedSignIn(trx, staffId, LOCK_AFTER_FAILURES, now + LOCK_MS)
      await appendAudit(trx, { staffId, action: 'staff_sign_in_failed', tipId: null, detail: { reason }, at: now })
      if (locked !== undefined) {
        await appendAudit(trx, { staffId, action: 'staff_lock', tipId: null, detail: { failures: LOCK_AFTER_FAILURES, until: new Date(locked).toISOString() }, at: now })
      }
      return locked
    })
    return until === undefined ? { kind: 'failed' } : { kind: 'locked', until }
  }
}

function failureReason(account: AccountCredentials | undefined, passwordRight: boolean, step: number | undefined): FailureReason | undefined {
  if (!account) return 'unknown_login'
  if (account.staff.revokedAt !== null) return 'disabled'
  if (account.passwordHash === null || account.sealedTotpSecret === null) return 'not_enrolled'
  if (!passwordRight) return 'password'
  if (step === undefined) return 'code'
  return undefined
}
