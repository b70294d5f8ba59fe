// How a closed report was dealt with, in words: for staff (the workspace) and the reporter (status page).
import { closeMethodName, isCloseMethod, type CloseMethod, type CloseOutcome } from '../../src/core/tips/outcome'

/** Plain yuan with two decimals and no separators, '86400.00': exact, from integer fen. */
export function yuanOf(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

export interface OutcomeWords {
  method: CloseMethod
  methodName: string
  recoveredYuan: string | null
  workersPaid: number | null
}

/** The stored outcome (tips.outcome, JSON of CloseOutcome); null when there is none. */
export function outcomeOf(stored: string | null): OutcomeWords | null {
  if (stored === null) return null
  const outcome = JSON.parse(stored) as Partial<CloseOutcome>
  const method = isCloseMethod(outcome.method) ? outcome.method : 'other'
  return {
    method,
    methodName: closeMethodName(method),
    recoveredYuan: typeof outcome.recoveredFen === 'number' ? yuanOf(outcome.recoveredFen) : null,
    workersPaid: typeof outcome.workersPaid === 'number' ? outcome.workersPaid : null,
  }
}
