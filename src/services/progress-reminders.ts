import type { ReminderOutcome } from '../core/tips/reminders'

/** The report a reminder is about: its code and verifier, and this phone's key of it. */
export interface RemindedReport {
  trackingCode: string
  verifier: string
  key: string
}

/**
 * H5: reminders are WeChat's subscription messages, which a browser cannot receive; nothing is
 * offered (the receipt shows nothing of it). WeChat: see progress-reminders.weapp.ts.
 */
export function loadReminderOffer(): Promise<string[]> {
  return Promise.resolve([])
}

export const askForReminders: (offered: readonly string[], report: RemindedReport) => Promise<ReminderOutcome> = () =>
  Promise.resolve({ kind: 'failed', message: '提醒只能在微信小程序中开启。' })
