import { useMemo, useSyncExternalStore } from 'react'
import type { QuestionTimeLimit } from '../core/quiz/countdown'
import type { BankQuestion } from '../core/quiz/draw'
import type { QuizProgress, RoundScope } from '../core/quiz/progress'
import { getContestsOnDevice, subscribeContests, type ContestsOnDevice } from '../services/contests'
import { getQuizProgress, subscribeQuizProgress } from '../services/quiz-progress'
import { useContent } from './use-content'

/** The practice record on this device; a new object after every change. */
export function useQuizProgress(): QuizProgress {
  return useSyncExternalStore(subscribeQuizProgress, getQuizProgress, getQuizProgress)
}

/** The synced practice questions (contest questions never count here). */
export function usePracticeBank(): BankQuestion[] {
  const items = useContent('quiz_question')
  return useMemo(() => items.filter((item) => item.data.bank === 'practice').map(({ id, data }) => ({ id, data })), [items])
}

export { QUESTION_TYPE_LABELS } from '../core/quiz/question-bank'

export const ROUND_LENGTHS = [5, 10, 20] as const

export function scopeLabel(scope: RoundScope): string {
  if (scope === 'mixed') return '综合练习'
  if (scope === 'mistakes') return '错题练习'
  return scope
}

/** The practice page's address for a round; `limitSeconds` per question, 0 (untimed) by default. */
export function practiceUrl(scope: RoundScope, count: number, limitSeconds: QuestionTimeLimit = 0): string {
  const limit = limitSeconds > 0 ? `&limit=${limitSeconds}` : ''
  return `/packages/quiz/practice/index?scope=${encodeURIComponent(scope)}&count=${count}${limit}`
}

/** The contest registration, attempt under way and finished attempts on this device. */
export function useContestsOnDevice(): ContestsOnDevice {
  return useSyncExternalStore(subscribeContests, getContestsOnDevice, getContestsOnDevice)
}
