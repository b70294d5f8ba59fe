import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import ChoiceGroup from '../../../components/choice-group'
import { a11y } from '../../../components/a11y'
import { backToQuiz } from '../../../components/quiz-links'
import { usePracticeBank } from '../../../components/use-quiz'
import { useQuestionReports } from '../parts/use-question-reports'
import { QUEUED_FEEDBACK_STATE_LABELS } from '../../../core/feedback-outbox'
import {
  QUESTION_REPORT_MAX_CHARS,
  QUESTION_REPORT_REASONS,
  composeQuestionReport,
  type QuestionReport,
  type QuestionReportReason,
} from '../../../core/quiz/question-report'
import { FeedbackStorageError } from '../../../services/feedback-outbox'
import { queueQuestionReport } from '../../../services/question-report'
import './index.scss'

const TITLE = '题目纠错'
const REASONS = QUESTION_REPORT_REASONS.map((reason) => ({ value: reason, label: reason }))

/** What the person sees once the report is queued, following it from 待发送 to 已发送. */
function QueuedReport({ report }: { report: QuestionReport }) {
  const details: Record<QuestionReport['state'], string> = {
    waiting: `纠错已保存在手机上，${report.lastError ?? '正在准备发送'}，不用重复提交。`,
    sending: '正在发送纠错，请稍候。',
    sent: '谢谢您的指正！我们会核实这道题，需要时修改题目或解析。',
    refused: report.lastError ?? '服务没有接受这条纠错。',
  }
  return (
    <View className='pufa-card' {...a11y({ role: 'status' })}>
      <Text className='report-question__state'>纠错状态：{QUEUED_FEEDBACK_STATE_LABELS[report.state]}</Text>
      <Text className='pufa-muted'>{details[report.state]}</Text>
    </View>
  )
}

export default function ReportQuestionPage() {
  const { params } = useRouter()
  const questionId = decodeURIComponent(params.questionId ?? '')
  const item = usePracticeBank().find((question) => question.id === questionId)
  const reports = useQuestionReports()
  const [reason, setReason] = useState<QuestionReportReason>(QUESTION_REPORT_REASONS[0])
  const [written, setWritten] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [queuedId, setQueuedId] = useState<string | null>(null)
  const queued = queuedId === null ? null : (reports.find((report) => report.id === queuedId) ?? null)

  if (item === undefined) {
    return (
      <PageShell title={TITLE}>
        <EmptyState title='找不到这道题' description='题库可能已经更新，这道题已不在练习题库里。' />
        <Button className='pufa-tap' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
          返回
        </Button>
      </PageShell>
    )
  }

  if (queued !== null) {
    return (
      <PageShell title={TITLE}>
        <QueuedReport report={queued} />
        <View className='report-question__actions'>
          <Button className='pufa-tap' type='primary' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
            返回答题
          </Button>
        </View>
      </PageShell>
    )
  }

  const submit = () => {
    const composed = composeQuestionReport(reason, written)
    if (!composed.ok) {
      setError(composed.message)
      return
    }
    try {
      setQueuedId(queueQuestionReport(questionId, composed.value).id)
    } catch (failure) {
      if (!(failure instanceof FeedbackStorageError)) throw failure
      setError(failure.message)
    }
  }

  return (
    <PageShell title={TITLE} lead='告诉我们这道题哪里有误，核实后我们会修改。没有网络也可以提交，联网后自动发送。'>
      <View className='pufa-card'>
        <Text className='report-question__label'>题目</Text>
        <Text className='report-question__stem'>{item.data.stem}</Text>
      </View>
      <View className='pufa-card'>
        <Text className='report-question__label'>哪里有误</Text>
        <ChoiceGroup label='哪里有误' choices={REASONS} value={reason} onChange={setReason} />
      </View>
      <View className='pufa-card'>
        <Text className='report-question__label'>具体说明</Text>
        <TextArea
          className='report-question__text'
          value={written}
          onChange={(value) => setWritten(value)}
          maxLength={QUESTION_REPORT_MAX_CHARS}
          showCount
          rows={5}
          placeholder='比如正确答案应是哪一项，应当依据哪部法律的哪一条。不要填写姓名、电话等个人信息'
        />
        {error ? (
          <Text className='pufa-problem report-question__error' {...a11y({ role: 'alert' })}>
            {error}
          </Text>
        ) : null}
      </View>
      <View className='report-question__actions'>
        <Button className='pufa-tap' type='primary' size='large' block onClick={submit} {...a11y({ role: 'button' })}>
          提交纠错
        </Button>
      </View>
    </PageShell>
  )
}
