import { View, Text } from '@tarojs/components'
import { a11y } from '../../../components/a11y'
import { openPage, reportQuestionUrl } from '../../../components/quiz-links'
import { useQuestionReports } from './use-question-reports'
import { describeQueuedFeedback } from '../../../core/feedback-outbox'
import { latestReportFor } from '../../../core/quiz/question-report'
import './report-link.scss'

/** 「题目有误？纠错」 under a question, with where the person's last report about it stands. */
export default function ReportLink({ questionId }: { questionId: string }) {
  const latest = latestReportFor(useQuestionReports(), questionId)
  return (
    <View className='report-link'>
      {latest ? <Text className='report-link__state'>你的纠错：{describeQueuedFeedback(latest)}</Text> : null}
      <Text
        className='pufa-tap report-link__open'
        onClick={() => openPage(reportQuestionUrl(questionId))}
        {...a11y({ role: 'link' })}
      >
        题目有误？纠错
      </Text>
    </View>
  )
}
