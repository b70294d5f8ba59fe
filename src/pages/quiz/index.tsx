import { useMemo, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../components/page-shell'
import EmptyState from '../../components/empty-state'
import ChoiceGroup from '../../components/choice-group'
import LinkRow from '../../components/link-row'
import SyncStatus from '../../components/sync-status'
import ContestsCard from './contests-card'
import { openPage } from '../../components/quiz-links'
import { a11y } from '../../components/a11y'
import { useElderMode } from '../../components/use-elder-mode'
import { practiceUrl, ROUND_LENGTHS, useContestsOnDevice, usePracticeBank, useQuizProgress } from '../../components/use-quiz'
import { POLICY_CATEGORIES, type PolicyCategory } from '../../core/content/model'
import { QUESTION_TIME_LIMITS, type QuestionTimeLimit } from '../../core/quiz/countdown'
import { masteryByCategory } from '../../core/quiz/progress'
import { wrongBookQuestions } from '../../core/quiz/wrong-book'
import { syncNow } from '../../services/content-store'
import './index.scss'

type Scope = 'mixed' | PolicyCategory
type Length = `${(typeof ROUND_LENGTHS)[number]}`

const LENGTHS: { value: Length; label: string }[] = ROUND_LENGTHS.map((count) => ({ value: `${count}` as Length, label: `${count}道` }))

type Limit = `${QuestionTimeLimit}`
const LIMITS: { value: Limit; label: string }[] = QUESTION_TIME_LIMITS.map((seconds) => ({ value: `${seconds}` as Limit, label: seconds === 0 ? '不限时' : `${seconds}秒` }))

/** A mistakes round asks for every question in the book, up to the longest round. */
const MISTAKES_ROUND_MAX = ROUND_LENGTHS[ROUND_LENGTHS.length - 1]

export default function QuizPage() {
  const bank = usePracticeBank()
  const progress = useQuizProgress()
  const [scope, setScope] = useState<Scope>('mixed')
  const [length, setLength] = useState<Length>('10')
  const [limit, setLimit] = useState<Limit>('0')
  // Elder mode never times a question (DESIGN.md section 7): the choice is not even offered.
  const elder = useElderMode()
  const limitSeconds = elder ? 0 : (Number(limit) as QuestionTimeLimit)

  usePullDownRefresh(() => {
    void syncNow('pull').finally(() => Taro.stopPullDownRefresh())
  })

  const categories = useMemo(() => POLICY_CATEGORIES.filter((category) => bank.some((item) => item.data.category === category)), [bank])
  const scopes: { value: Scope; label: string }[] = [{ value: 'mixed', label: '综合' }, ...categories.map((category) => ({ value: category, label: category }))]
  const chosenScope: Scope = scope === 'mixed' || categories.includes(scope) ? scope : 'mixed'
  const mistakes = wrongBookQuestions(progress, bank)
  const mastery = masteryByCategory(progress).filter(({ mastery }) => mastery.answered > 0)
  const rounds = progress.history.length
  const { records: contestRecords } = useContestsOnDevice()
  const [bestContest] = [...contestRecords].sort((a, b) => b.score / b.questionCount - a.score / a.questionCount)

  return (
    <PageShell title='法治答题' lead='边练边学劳动和社会保障法律知识。'>
      <SyncStatus />
      {bank.length === 0 ? (
        <EmptyState title='内容同步后显示' description='练习题库同步到手机后，就可以开始练习。' />
      ) : (
        <>
          <View className='pufa-card'>
            <Text className='quiz-home__heading' {...a11y({ role: 'heading', level: 2 })}>
              练习
            </Text>
            <Text className='quiz-home__label'>选择分类</Text>
            <ChoiceGroup label='选择分类' choices={scopes} value={chosenScope} onChange={setScope} />
            <Text className='quiz-home__label'>每组题数</Text>
            <ChoiceGroup label='每组题数' choices={LENGTHS} value={length} onChange={setLength} />
            {elder ? null : (
              <>
                <Text className='quiz-home__label'>每题限时</Text>
                <ChoiceGroup label='每题限时' choices={LIMITS} value={limit} onChange={setLimit} />
              </>
            )}
            <Text className='pufa-muted quiz-home__note'>
              {limitSeconds === 0 ? '不限时' : `每题限时${limitSeconds}秒，时间到按答错计`}，答完一题就能看到解析和法律依据。
            </Text>
            <Button
              className='pufa-tap quiz-home__start'
              type='primary'
              size='large'
              block
              onClick={() => openPage(practiceUrl(chosenScope, Number(length), limitSeconds))}
              {...a11y({ role: 'button' })}
            >
              开始练习
            </Button>
          </View>
          {mistakes.length > 0 ? (
            <View className='pufa-list'>
              <LinkRow
                title={`练我的错题（${mistakes.length}道）`}
                description='答错的题再练一练，之后在两组练习里都答对，就移出错题本'
                onClick={() => openPage(practiceUrl('mistakes', Math.min(mistakes.length, MISTAKES_ROUND_MAX)))}
              />
              <LinkRow title='错题本' description='看看答错过哪些题' onClick={() => openPage('/packages/quiz/mistakes/index')} />
            </View>
          ) : null}
        </>
      )}
      <ContestsCard />
      {bank.length === 0 ? null : (
        <>
          <View className='pufa-card'>
            <Text className='quiz-home__heading' {...a11y({ role: 'heading', level: 2 })}>
              我的记录
            </Text>
            {rounds === 0 ? (
              <Text className='pufa-muted'>还没有练习过，练完一组后在这里查看。</Text>
            ) : (
              <>
                <Text className='quiz-home__line'>已练习{rounds}组</Text>
                {mastery.map(({ category, mastery: { answered, right } }) => (
                  <Text key={category} className='quiz-home__line'>
                    {category}：答对 {right}/{answered}
                  </Text>
                ))}
              </>
            )}
            {contestRecords.length > 0 ? (
              <Text className='quiz-home__line'>
                参加竞赛{contestRecords.length}次，最好成绩答对 {bestContest.score}/{bestContest.questionCount} 题
              </Text>
            ) : null}
          </View>
        </>
      )}
    </PageShell>
  )
}
