import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import { a11y } from '../../../components/a11y'
import { useElderMode } from '../../../components/use-elder-mode'
import { QUESTION_TYPE_LABELS, useContestsOnDevice } from '../../../components/use-quiz'
import { clockWords, nextQuestionIndex, secondsBeforeAnswer, type ActiveAttempt, type ContestParticipant } from '../../../core/quiz/contest'
import { calmTimeLeftWords, secondsUntil } from '../../../core/quiz/countdown'
import { finishAttempt, sendAnswer } from '../../../services/contests'
import OptionList from '../parts/option-list'
import { backToQuiz, contestResultUrl } from '../../../components/quiz-links'
import './index.scss'

const TITLE = '竞赛答题'

/** Codes with which the service says the attempt is over: the result is all there is left to see. */
const OVER = new Set(['attempt_expired', 'attempt_finished'])

export default function ContestPlayPage() {
  const { participant, attempt } = useContestsOnDevice()
  // The attempt leaves the device once finished: keep showing it until the result page opens.
  const shown = useRef<ActiveAttempt | null>(attempt)
  if (attempt) shown.current = attempt
  const current = shown.current
  if (participant === null || current === null) {
    return (
      <PageShell title={TITLE}>
        <EmptyState title='没有正在进行的竞赛答题' description='在“答题”里选择一场竞赛，就可以开始答题。' />
        <Button className='pufa-tap' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
          返回
        </Button>
      </PageShell>
    )
  }
  return <Play participant={participant} attempt={current} />
}

function Play({ participant, attempt }: { participant: ContestParticipant; attempt: ActiveAttempt }) {
  const { questions, minSecondsPerQuestion } = attempt.started
  const index = nextQuestionIndex(attempt)
  const elder = useElderMode()
  const [now, setNow] = useState(Date.now())
  const [chosen, setChosen] = useState<string[]>([])
  const [shownAt, setShownAt] = useState(Date.now())
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [confirmingHandIn, setConfirmingHandIn] = useState(false)
  const finishing = useRef(false)
  const left = secondsUntil(attempt.deadlineAt, now)

  const finish = async () => {
    if (finishing.current) return
    finishing.current = true
    setBusy(true)
    setProblem(null)
    const answer = await finishAttempt(participant, attempt)
    setBusy(false)
    finishing.current = false
    if (answer.ok) void Taro.redirectTo({ url: contestResultUrl(attempt.started.attemptId) })
    else setProblem(`交卷没有成功：${answer.message}`)
  }

  // Every second in both modes, so that the hand-in comes on time; elder mode's words change once a minute.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  // The time is up, or every question is answered: hand the attempt in.
  // Keyed by the two conditions, not by `finish` (a new function every render): the latest one runs.
  const timeUp = left === 0
  const allAnswered = index === null
  const finishLatest = useRef(finish)
  finishLatest.current = finish
  useEffect(() => {
    if (timeUp || allAnswered) void finishLatest.current()
  }, [timeUp, allAnswered])
  useEffect(() => {
    setChosen([])
    setShownAt(Date.now())
    setProblem(null)
    setConfirmingHandIn(false)
  }, [index])

  if (index === null || left === 0) {
    return (
      <PageShell title={TITLE} lead={attempt.contestTitle}>
        <View className='pufa-card' {...a11y({ role: 'status' })}>
          <Text className='contest-play__line'>{left === 0 ? '答题时间到，正在交卷……' : '全部答完，正在交卷……'}</Text>
          {problem ? <Text className='pufa-problem'>{problem}</Text> : null}
        </View>
        {problem ? <RetryFinish busy={busy} onRetry={() => void finish()} /> : null}
      </PageShell>
    )
  }

  const question = questions[index]
  const multiple = question.questionType === 'multiple'
  const last = Object.keys(attempt.recorded).length === questions.length - 1

  const tap = (id: string) => {
    if (busy) return
    setProblem(null)
    if (!multiple) setChosen([id])
    else setChosen(chosen.includes(id) ? chosen.filter((other) => other !== id) : [...chosen, id])
  }
  const submit = async () => {
    if (busy) return
    if (chosen.length === 0) return setProblem(multiple ? '请至少选择一项，再提交。' : '请先选择一项，再提交。')
    const wait = secondsBeforeAnswer(shownAt, minSecondsPerQuestion, Date.now())
    if (wait > 0) return setProblem(`每道题至少要用${minSecondsPerQuestion}秒，请看清题目，${wait}秒后再提交。`)
    setProblem(null)
    setBusy(true)
    const answer = await sendAnswer(participant, attempt, question.id, chosen)
    setBusy(false)
    if (answer.ok) return
    if (OVER.has(answer.code)) void finish()
    else setProblem(answer.message)
  }
  const unanswered = questions.length - Object.keys(attempt.recorded).length

  return (
    <PageShell title={TITLE} lead={attempt.contestTitle}>
      <View className='contest-play__bar'>
        <Text className='contest-play__count'>
          第{index + 1}题，共{questions.length}题
        </Text>
        {/* A timer role: screen readers read it when asked, not every second. Elder mode has no ticking clock (no countdowns). */}
        {elder ? (
          <Text className='contest-play__time' {...a11y({ role: 'timer' })}>
            {calmTimeLeftWords(left)}
          </Text>
        ) : (
          <Text className={left <= 60 ? 'contest-play__clock contest-play__clock--low' : 'contest-play__clock'} {...a11y({ role: 'timer', label: `剩余时间${clockWords(left)}` })}>
            剩余 {clockWords(left)}
          </Text>
        )}
      </View>
      <View className='pufa-card contest-play__question'>
        <Text className='pufa-muted'>
          {QUESTION_TYPE_LABELS[question.questionType]}
          {multiple ? '（可选多项）' : ''}
        </Text>
        <Text className='contest-play__stem' {...a11y({ role: 'heading', level: 2 })}>
          {question.stem}
        </Text>
        <OptionList questionType={question.questionType} options={question.options} chosen={chosen} onTap={tap} />
        {problem ? (
          <Text className='pufa-problem' {...a11y({ role: 'alert' })}>
            {problem}
          </Text>
        ) : null}
        <Button
          className='pufa-tap contest-play__action'
          type='primary'
          size='large'
          block
          loading={busy}
          onClick={() => void submit()}
          {...a11y({ role: 'button', disabled: busy })}
        >
          {last ? '提交并交卷' : '提交本题'}
        </Button>
      </View>
      {/* Asked on the page, not in a pop-up (elder mode has none). */}
      {confirmingHandIn ? (
        <View className='pufa-card contest-play__confirm' {...a11y({ role: 'alert' })}>
          <Text className='contest-play__line'>现在交卷？</Text>
          <Text>还有{unanswered}道题没有作答，交卷后不能再答，没答的题不得分。</Text>
          <Button className='pufa-tap contest-play__action' type='primary' size='large' block onClick={() => void finish()} {...a11y({ role: 'button' })}>
            交卷
          </Button>
          <Button className='pufa-tap contest-play__action' size='large' block onClick={() => setConfirmingHandIn(false)} {...a11y({ role: 'button' })}>
            继续答题
          </Button>
        </View>
      ) : (
        <Button className='pufa-tap contest-play__action' size='large' block onClick={() => setConfirmingHandIn(true)} {...a11y({ role: 'button' })}>
          提前交卷
        </Button>
      )}
      <Text className='pufa-muted contest-play__note'>每题提交后不能修改；交卷后公布成绩、正确答案和解析。</Text>
    </PageShell>
  )
}

function RetryFinish({ busy, onRetry }: { busy: boolean; onRetry: () => void }) {
  return (
    <Button className='pufa-tap' type='primary' size='large' block loading={busy} onClick={busy ? undefined : onRetry} {...a11y({ role: 'button', disabled: busy })}>
      重新交卷
    </Button>
  )
}
