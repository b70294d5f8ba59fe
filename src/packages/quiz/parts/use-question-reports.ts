import { useSyncExternalStore } from 'react'
import { listQuestionReports, subscribeQuestionReports, type QuestionReport } from '../../../services/question-report'

// Apart from components/use-quiz.ts, whose practice-bank hook the home page uses: the 纠错 outbox
// comes only with the quiz pages that show it.

/** The 纠错 reports made on this device, oldest first; a new array after every change. */
export function useQuestionReports(): QuestionReport[] {
  return useSyncExternalStore(subscribeQuestionReports, listQuestionReports, listQuestionReports)
}
