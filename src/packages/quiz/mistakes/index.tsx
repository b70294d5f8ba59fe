import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import { a11y } from '../../../components/a11y'
import { practiceUrl, QUESTION_TYPE_LABELS, ROUND_LENGTHS, usePracticeBank, useQuizProgress } from '../../../components/use-quiz'
import { wrongBookQuestions } from '../../../core/quiz/wrong-book'
import Explanation from '../parts/explanation'
import ReportLink from '../parts/report-link'
import { backToQuiz, openPage } from '../../../components/quiz-links'
import './index.scss'

const MISTAKES_ROUND_MAX = ROUND_LENGTHS[ROUND_LENGTHS.length - 1]

export default function MistakesPage() {
  const bank = usePracticeBank()
  const entries = wrongBookQuestions(useQuizProgress(), bank)

  if (entries.length === 0) {
    return (
      <PageShell title='错题本'>
        <EmptyState title='错题本是空的' description='练习时答错的题会记在这里；之后在两组练习里答对，就会移出错题本。' />
        <Button className='pufa-tap' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
          返回答题
        </Button>
      </PageShell>
    )
  }

  return (
    <PageShell title='错题本' lead={`共${entries.length}道题。之后在两组练习里答对，就会移出错题本。`}>
      <Button
        className='pufa-tap mistakes__start'
        type='primary'
        size='large'
        block
        onClick={() => openPage(practiceUrl('mistakes', Math.min(entries.length, MISTAKES_ROUND_MAX)))}
        {...a11y({ role: 'button' })}
      >
        练我的错题
      </Button>
      {entries.map((entry) => (
        <View key={entry.id} className='pufa-card mistakes__entry'>
          <Text className='pufa-muted'>
            {entry.question.category} · {QUESTION_TYPE_LABELS[entry.question.questionType]}
          </Text>
          <Text className='mistakes__stem'>{entry.question.stem}</Text>
          <Text>正确答案：</Text>
          {entry.question.options
            .filter((option) => entry.question.answer.includes(option.id))
            .map((option) => (
              <Text key={option.id} className='mistakes__answer'>
                {option.text}
              </Text>
            ))}
          <Text className='mistakes__to-go'>再答对{entry.rightRoundsToGo}组就移出错题本</Text>
          <Explanation explanation={entry.question.explanation} citations={entry.question.citations} />
          <ReportLink questionId={entry.id} />
        </View>
      ))}
    </PageShell>
  )
}
