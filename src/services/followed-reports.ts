/**
 * The current status of the reports this device sent, asked of the service (GET /api/v1/tips/{code}
 * with the verifier the device holds) when 我的反映 opens or is pulled down, and kept on the device.
 */
import { afterCheck, parseFollowed, type FollowedReports } from '../core/tips/followed'
import { verifierOf, type OutboxReport } from '../core/tips/outbox'
import { lookUpTip, type TipStatusView } from './tip-status'
import { readStored, writeStored } from './storage'

const STORAGE_KEY = 'pufa.report.followed'

let followed: FollowedReports | null = null
const listeners = new Set<() => void>()

export function getFollowed(): FollowedReports {
  if (followed === null) followed = parseFollowed(readStored(STORAGE_KEY))
  return followed
}

export function subscribeFollowed(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

function record(view: TipStatusView, seen: boolean): void {
  const current = getFollowed()
  followed = { ...current, [view.trackingCode]: afterCheck(current[view.trackingCode], view, Date.now(), seen) }
  writeStored(STORAGE_KEY, followed)
  listeners.forEach((listener) => listener())
}

/** The status page showed this answer to the reporter: its changes are seen. */
export function noteSeen(view: TipStatusView): void {
  record(view, true)
}

export type CheckOutcome = 'updated' | 'offline' | 'failed' | 'nothing'

let running: Promise<CheckOutcome> | null = null

/** Asks the service about every sent report of the device; a call while a check runs joins it. */
export function checkSentReports(reports: readonly OutboxReport[]): Promise<CheckOutcome> {
  running ??= checkEach(reports).finally(() => {
    running = null
  })
  return running
}

// One after another: a device holds a handful of reports at most.
async function checkEach(reports: readonly OutboxReport[]): Promise<CheckOutcome> {
  const sent = reports.filter((report) => report.state === 'sent' && report.receipt)
  if (sent.length === 0) return 'nothing'
  let outcome: CheckOutcome = 'updated'
  for (const report of sent) {
    const verifier = verifierOf(report)
    if (!report.receipt || verifier === null) continue
    const result = await lookUpTip(report.receipt.trackingCode, verifier)
    if (result.ok) record(result.data, false)
    else if (result.status === null) return 'offline'
    else outcome = 'failed'
  }
  return outcome
}
