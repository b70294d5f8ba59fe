import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import LinkRow from '../../../components/link-row'
import { a11y } from '../../../components/a11y'
import { useContestsOnDevice } from '../../../components/use-quiz'
import { useRequest } from '../../../components/use-request'
import { durationWords } from '../../../core/quiz/contest'
import { attemptResult } from '../../../services/contests'
import Explanation from '../parts/explanation'
import OptionList from '../parts/option-list'
import Certificate from '../parts/certificate'
import RequestFailed from '../parts/request-failed'
import { answerWords } from '../parts/answer-words'
import { backToQuiz, contestStatsUrl, openPage } from '../../../components/quiz-links'
import './index.scss'

const TITLE = '竞赛成绩'

export default function ContestResultPage() {
  const { params } = useRouter()
  const attemptId = params.attempt ?? ''
  const { participant, attempt, records } = useContestsOnDevice()
  const contestTitle =
    records.find((record) => record.attemptId === attemptId)?.contestTitle ??
    (attempt?.started.attemptId === attemptId ? attempt.contestTitle : '知识竞赛')
  const { requested, reload } = useRequest(() => attemptResult(participant, attemptId, contestTitle), attemptId)

  if (requested.step === 'loading') return <PageShell title={TITLE} lead='正在获取成绩……' />
  if (requested.step === 'failed') return <RequestFailed pageTitle={TITLE} title='暂时无法显示成绩' message={requested.message} onRetry={reload} />
  const result = requested.data
  const wrong = result.questions.filter((question) => !question.correct).length
  return (
    <PageShell title={TITLE} lead={contestTitle}>
      <View className='pufa-card' {...a11y({ role: 'status' })}>
        <Text className='contest-result__score'>
          答对 {result.score}/{result.questionCount} 题
        </Text>
        <Text className='contest-result__line'>用时 {durationWords(result.timeUsedSeconds)}</Text>
        <Text className='contest-result__line'>{wrong === 0 ? '全部答对了！' : `答错或没答的题有${wrong}道，下面有正确答案和解析。`}</Text>
      </View>
      <Certificate
        contestTitle={contestTitle}
        score={result.score}
        questionCount={result.questionCount}
        finishedAt={result.finishedAt}
        nickname={participant?.nickname ?? null}
      />
      <View className='pufa-list'>
        <LinkRow title='各区参与情况和积分榜' description='看看每个区有多少人参加' onClick={() => openPage(contestStatsUrl(result.contestId))} />
      </View>
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        逐题答案和解析
      </Text>
      {result.questions.map((question, index) => {
        const chosen = question.options.filter((option) => question.chosenOptionIds.includes(option.id))
        const right = question.options.filter((option) => question.answer.includes(option.id))
        return (
          <View key={question.id} className='pufa-card contest-result__question'>
            <Text className='contest-result__verdict'>
              第{index + 1}题 {question.correct ? '✓ 答对了' : chosen.length === 0 ? '✗ 没有作答' : '✗ 答错了'}
            </Text>
            <Text className='contest-result__stem'>{question.stem}</Text>
            <OptionList questionType={question.questionType} options={question.options} chosen={question.chosenOptionIds} rightIds={question.answer} />
            <Text className='contest-result__line'>你的答案：{answerWords(question.questionType, question.options, chosen)}</Text>
            <Text className='contest-result__line'>正确答案：{answerWords(question.questionType, question.options, right)}</Text>
            <Explanation explanation={question.explanation} citations={question.citations} />
          </View>
        )
      })}
      <Button className='pufa-tap contest-result__back' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
        返回
      </Button>
    </PageShell>
  )
}
