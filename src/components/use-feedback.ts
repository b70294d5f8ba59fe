import { useSyncExternalStore } from 'react'
import type { QueuedFeedback } from '../core/feedback-outbox'
import { feedbackQueue } from '../services/feedback-outbox'

/** The 投诉建议 sent from this device, queued or sent, oldest first; a new array after every change. */
export function useFeedbackQueue(): QueuedFeedback[] {
  return useSyncExternalStore(feedbackQueue.subscribe, feedbackQueue.list, feedbackQueue.list)
}
