import Taro from '@tarojs/taro'

/** Addresses of the quiz's inner pages, opening one, and the way back to the quiz tab. */
export const contestUrl = (contestId: string) => `/packages/quiz/contest/index?id=${encodeURIComponent(contestId)}`
export const contestPlayUrl = () => '/packages/quiz/contest-play/index'
export const contestResultUrl = (attemptId: string) => `/packages/quiz/contest-result/index?attempt=${encodeURIComponent(attemptId)}`
export const reportQuestionUrl = (questionId: string) => `/packages/quiz/report-question/index?questionId=${encodeURIComponent(questionId)}`
export const contestStatsUrl = (contestId: string) => `/packages/quiz/contest-stats/index?id=${encodeURIComponent(contestId)}`

export function openPage(url: string): void {
  void Taro.navigateTo({ url }).catch(() => undefined)
}

/** Back to where the person came from, or to the quiz tab when this page was opened directly. */
export function backToQuiz(): void {
  void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/quiz/index' }).catch(() => undefined))
}
