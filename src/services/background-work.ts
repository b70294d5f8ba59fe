/**
 * Start-up work that the first screen does not wait for: replies to staff, 纠错 and 投诉建议 queued
 * before the app last closed are sent again, and so are the anonymous usage counts. The H5 build
 * loads this module apart from app.js (src/background-work.h5.ts); WeChat loads it with the app.
 */
import { feedbackQueue } from './feedback-outbox'
import { startQuestionReports } from './question-report'
import { startReplies } from './reply-outbox'
import { sendUsageCounts } from './usage-counters'

export function startBackgroundWork(): void {
  startReplies()
  startQuestionReports()
  feedbackQueue.start()
  void sendUsageCounts()
}

export { sendUsageCounts }
