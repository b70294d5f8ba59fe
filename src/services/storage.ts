import Taro from '@tarojs/taro'
import type { PrivacyTerms } from '../../server/privacy/privacy-terms.schemas'
import type { QueuedFeedback } from '../core/feedback-outbox'
import type { ActiveAttempt, ContestParticipant, ContestRecord } from '../core/quiz/contest'
import type { PersonaChoice } from '../core/home/persona'
import type { QuizProgress } from '../core/quiz/progress'
import type { ContentManifest } from '../core/sync/manifest'
import type { ReportDraft } from '../core/tips/draft'
import type { FollowedReports } from '../core/tips/followed'
import type { OutboxReport } from '../core/tips/outbox'
import type { QueuedReply } from '../core/tips/reply-outbox'
import type { UsageCount } from '../core/usage-counters'
import type { ReadingRecord } from './reading'

/** Every key the app keeps on the device, with the type stored under it. */
export interface StoredValues {
  'pufa.elderMode': boolean
  /** Whom the home page serves first: the persona chosen, or null when the question was skipped. */
  'pufa.persona': PersonaChoice
  /** Ids of favourite explainers, newest first. */
  'pufa.favourites': string[]
  /** Explainers read, newest first. */
  'pufa.history': ReadingRecord[]
  /** Which shards hold the synced content and where its sync stands (src/core/sync/manifest.ts). */
  'pufa.content.manifest': ContentManifest
  /** One shard of synced content: a JSON array of entries, at most ~800 KB of UTF-8. */
  [shard: `pufa.content.shard.${string}`]: string
  /** The wage-arrears report being filled in, until it is queued (src/core/tips/draft.ts). */
  'pufa.report.draft': ReportDraft
  /** The correction of a report the service turned back, until it is queued again. */
  'pufa.report.correction': ReportDraft
  /** Reports submitted on this device, queued or sent (src/core/tips/outbox.ts), oldest first. */
  'pufa.outbox': OutboxReport[]
  /** What the service last said of each sent report, by tracking code (src/core/tips/followed.ts). */
  'pufa.report.followed': FollowedReports
  /** Replies to staff not yet taken by the service (src/core/tips/reply-outbox.ts), oldest first. */
  'pufa.replies': QueuedReply[]
  /** Practice quiz record: seen questions, mastery, wrong-answer book, rounds (src/core/quiz/progress.ts). */
  'pufa.quiz.progress': QuizProgress
  /** 纠错 reports made on this device, queued or sent (src/core/feedback-outbox.ts), oldest first. */
  'pufa.quiz.reports': QueuedFeedback[]
  /** 投诉建议 sent from this device, queued or sent (src/core/feedback-outbox.ts), oldest first. */
  'pufa.feedback': QueuedFeedback[]
  /** The contest registration (district, nickname, token) of this device (src/core/quiz/contest.ts). */
  'pufa.quiz.participant': ContestParticipant
  /** The contest attempt under way, so that leaving its page does not lose it. */
  'pufa.quiz.attempt': ActiveAttempt
  /** Finished contest attempts, newest first. */
  'pufa.quiz.contestRecords': ContestRecord[]
  /** The service's retention periods, for the privacy text (src/services/privacy-terms.ts). */
  'pufa.privacyTerms': PrivacyTerms
  /** Anonymous usage counts not yet taken by the service (src/core/usage-counters.ts). */
  'pufa.usageCounts': UsageCount[]
  /** This device's id, sent where the service limits requests per device (src/core/device-id.ts). */
  'pufa.device': string
  /** WeChat only: the session token from POST /wechat/session, sent as X-Pufa-Session (src/core/wechat-session.ts). */
  'pufa.wechat.session': string
}

type Key = keyof StoredValues

// Storage can throw (quota, private mode, a corrupted entry): failure is a value, never an exception.
export function readStored<K extends Key>(key: K): StoredValues[K] | null {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    return raw === '' || raw === undefined || raw === null ? null : (raw as StoredValues[K])
  } catch {
    return null
  }
}

export function writeStored<K extends Key>(key: K, value: StoredValues[K]): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}

export function removeStored(key: Key): boolean {
  try {
    Taro.removeStorageSync(key)
    return true
  } catch {
    return false
  }
}

/** Every key on the device, ours or not; empty when the platform cannot tell. */
export function storedKeys(): string[] {
  try {
    return Taro.getStorageInfoSync().keys
  } catch {
    return []
  }
}
