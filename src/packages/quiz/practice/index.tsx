import { useEffect, useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import { a11y } from '../../../components/a11y'
import { useElderMode } from '../../../components/use-elder-mode'
import { QUESTION_TYPE_LABELS, ROUND_LENGTHS, scopeLabel, usePracticeBank } from '../../../components/use-quiz'
import { POLICY_CATEGORIES } from '../../../core/content/model'
import { countdownAnnouncement, HURRY_AT_SECONDS, roundTimeLimit, secondsLeft } from '../../../core/quiz/countdown'
import { drawRound, type PresentedQuestion, type QuizRound, type RoundAnswer } from '../../../core/quiz/draw'
import { ownEntry } from '../../../core/quiz/own-entry'
import type { RoundScope } from '../../../core/quiz/progress'
import { answerQuestion, finishRound } from '../../../core/quiz/round'
import type { RoundSummary } from '../../../core/quiz/summary'
import { getQuizProgress, saveQuizProgress } from '../../../services/quiz-progress'
import { countUsage } from '../../../services/usage-counters'
import Explanation from '../parts/explanation'
import OptionList from '../parts/option-list'
import { backToQuiz } from '../../../components/quiz-links'
import ReportLink from '../parts/report-link'
import { answerWords, optionLetter } from '../parts/answer-words'
import './index.scss'

const TITLE = '练习答题'
const DEFAULT_COUNT = 10
const MAX_COUNT = ROUND_LENGTHS[ROUND_LENGTHS.length - 1]

function readScope(raw: string | undefined): RoundScope {
  const value = decodeURIComponent(raw ?? '')
  if (value === 'mistakes' || (POLICY_CATEGORIES as readonly string[]).includes(value)) return value as RoundScope
  return 'mixed'
}

function readCount(raw: string | undefined): number {
  const value = Number(raw)
  return Number.isInteger(value) && value >= 1 && value <= MAX_COUNT ? value : DEFAULT_COUNT
}

export default function PracticePage() {
  const { params } = useRouter()
  const scope = readScope(params.scope)
  const count = readCount(params.count)
  // Elder mode never times a question, whatever the address asks for.
  const limitSeconds = roundTimeLimit(params.limit, useElderMode())
  const bank = usePracticeBank()
  const [round, setRound] = useState<QuizRound | null>(null)
  const [index, setIndex] = useState(0)
  const [summary, setSummary] = useState<RoundSummary | null>(null)

  useEffect(() => {
    if (round === null && bank.length > 0) {
      setRound(drawRound({ bank, progress: getQuizProgress(), scope, count, random: Math.random }))
    }
  }, [round, bank, scope, count])

  const again = () => {
    setRound(null)
    setIndex(0)
    setSummary(null)
  }

  if (bank.length === 0) {
    return (
      <PageShell title={TITLE}>
        <EmptyState title='内容同步后显示' description='练习题库同步到手机后，就可以开始练习。' />
      </PageShell>
    )
  }
  if (round === null) return <PageShell title={TITLE} />
  if (round.questions.length === 0) {
    return (
      <PageShell title={TITLE}>
        <EmptyState
          title={scope === 'mistakes' ? '错题本里没有题了' : '这个分类暂时没有练习题'}
          description={scope === 'mistakes' ? '答错的题会记入错题本，之后可以在这里再练。' : '换个分类试试，或者选“综合”。'}
        />
        <BackButton />
      </PageShell>
    )
  }
  if (summary !== null) {
    return (
      <PageShell title='本组结果' lead={scopeLabel(round.scope)}>
        <Summary round={round} summary={summary} />
        <View className='practice__actions'>
          <Button className='pufa-tap practice__action' type='primary' size='large' block onClick={again} {...a11y({ role: 'button' })}>
            再练一组
          </Button>
          <BackButton />
        </View>
      </PageShell>
    )
  }

  const presented = round.questions[index]
  const last = index === round.questions.length - 1
  const finish = () => {
    const result = finishRound(round, getQuizProgress(), Date.now())
    saveQuizProgress(result.progress)
    setSummary(result.summary)
  }
  const answer = (chosen: string[]) => {
    const outcome = answerQuestion(round, getQuizProgress(), presented.id, chosen)
    setRound(outcome.round)
    saveQuizProgress(outcome.progress)
    // Only a first answer changes the round; the same question answered again is not counted again.
    if (outcome.round !== round && outcome.feedback) {
      countUsage(outcome.feedback.right ? ['practice_answered', 'practice_right'] : 'practice_answered', presented.question.category)
    }
  }

  return (
    <PageShell title={TITLE} lead={scopeLabel(round.scope)}>
      {index === 0 && round.short ? (
        <Text className='pufa-muted practice__short'>这个范围只有{round.questions.length}道题，这组全部练习。</Text>
      ) : null}
      <Question
        key={`${round.number}-${presented.id}`}
        presented={presented}
        position={index + 1}
        total={round.questions.length}
        answer={ownEntry(round.answers, presented.id) ?? null}
        onAnswer={answer}
        limitSeconds={limitSeconds}
      />
      {ownEntry(round.answers, presented.id) !== undefined ? (
        <Button
          className='pufa-tap practice__action'
          type='primary'
          size='large'
          block
          onClick={last ? finish : () => setIndex(index + 1)}
          {...a11y({ role: 'button' })}
        >
          {last ? '查看本组结果' : '下一题'}
        </Button>
      ) : null}
    </PageShell>
  )
}

function BackButton() {
  return (
    <Button className='pufa-tap practice__action' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
      返回
    </Button>
  )
}

interface QuestionProps {
  presented: PresentedQuestion
  position: number
  total: number
  /** The answer as the engine scored it, null before. */
  answer: RoundAnswer | null
  onAnswer: (chosen: string[]) => void
  /** Seconds per question; 0 untimed. */
  limitSeconds: number
}

function Question({ presented, position, total, answer, onAnswer, limitSeconds }: QuestionProps) {
  const { question, options } = presented
  const multiple = question.questionType === 'multiple'
  const [picked, setPicked] = useState<string[]>([])
  const [nothingPicked, setNothingPicked] = useState(false)
  const answered = answer !== null
  const shownChosen = answer?.chosen ?? picked

  const tap = (id: string) => {
    if (answered) return
    if (!multiple) return onAnswer([id])
    setNothingPicked(false)
    setPicked(picked.includes(id) ? picked.filter((other) => other !== id) : [...picked, id])
  }
  const confirm = () => {
    if (picked.length === 0) setNothingPicked(true)
    else onAnswer(picked)
  }

  return (
    <View className='pufa-card practice__question'>
      <Text className='pufa-muted'>
        第{position}题，共{total}题 · {QUESTION_TYPE_LABELS[question.questionType]}
        {multiple ? '（可选多项）' : ''}
      </Text>
      {limitSeconds > 0 && !answered ? <Countdown limitSeconds={limitSeconds} onTimeUp={() => onAnswer([])} /> : null}
      <Text className='practice__stem' {...a11y({ role: 'heading', level: 2 })}>
        {question.stem}
      </Text>
      <OptionList
        questionType={question.questionType}
        options={options}
        chosen={shownChosen}
        onTap={answered ? undefined : tap}
        rightIds={answered ? question.answer : undefined}
      />
      {multiple && !answered ? (
        <>
          {nothingPicked ? (
            <Text className='pufa-problem' {...a11y({ role: 'alert' })}>
              请先选择至少一项，再点“确定”。
            </Text>
          ) : null}
          <Button className='pufa-tap practice__action' type='primary' size='large' block onClick={confirm} {...a11y({ role: 'button' })}>
            确定
          </Button>
        </>
      ) : null}
      {answer !== null ? <Feedback presented={presented} answer={answer} /> : null}
      {answer !== null ? <ReportLink questionId={presented.id} /> : null}
    </View>
  )
}

/**
 * The time left for the question, counted from when it appeared. The visible count changes every
 * second; what screen readers hear (role status) changes only twice, so they are not interrupted.
 */
function Countdown({ limitSeconds, onTimeUp }: { limitSeconds: number; onTimeUp: () => void }) {
  const [startedAt] = useState(() => Date.now())
  const [left, setLeft] = useState(limitSeconds)
  const timeUp = useRef(onTimeUp)
  timeUp.current = onTimeUp

  useEffect(() => {
    // Checked 4 times a second so the count does not lag the clock; React renders only when it changes.
    const timer = setInterval(() => setLeft(secondsLeft(limitSeconds, startedAt, Date.now())), 250)
    return () => clearInterval(timer)
  }, [limitSeconds, startedAt])
  useEffect(() => {
    if (left === 0) timeUp.current()
  }, [left])

  return (
    <View className='practice__countdown'>
      <Text className={left <= HURRY_AT_SECONDS ? 'practice__time practice__time--hurry' : 'practice__time'}>剩余 {left} 秒</Text>
      <Text className='pufa-muted' {...a11y({ role: 'status' })}>
        {countdownAnnouncement(limitSeconds, left)}
      </Text>
    </View>
  )
}

function Feedback({ presented, answer }: { presented: PresentedQuestion; answer: RoundAnswer }) {
  const { question, options } = presented
  const { right } = answer
  const words = answerWords(question.questionType, options, options.filter((option) => question.answer.includes(option.id)))
  // Nothing chosen only happens when the time ran out: a tap always chooses something.
  const wrong = answer.chosen.length === 0 ? `✗ 时间到，正确答案是 ${words}` : `✗ 回答错误，正确答案是 ${words}`
  return (
    <View className={right ? 'practice__feedback practice__feedback--right' : 'practice__feedback practice__feedback--wrong'} {...a11y({ role: 'alert' })}>
      <Text className='practice__verdict'>{right ? '✓ 回答正确' : wrong}</Text>
      {right ? null : <Text className='pufa-muted'>这道题已记入错题本。</Text>}
      <Explanation explanation={question.explanation} citations={question.citations} />
    </View>
  )
}

function Summary({ round, summary }: { round: QuizRound; summary: RoundSummary }) {
  return (
    <>
      <View className='pufa-card' {...a11y({ role: 'status' })}>
        <Text className='practice__score'>
          答对 {summary.right}/{summary.total} 题
        </Text>
        {summary.byCategory.map((score) => (
          <Text key={score.category} className='practice__line'>
            {score.category}：答对 {score.right}/{score.total}
          </Text>
        ))}
      </View>
      {summary.wrong.length === 0 ? (
        <View className='pufa-card'>
          <Text>这组全部答对了。</Text>
        </View>
      ) : (
        <>
          <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
            答错的题（{summary.wrong.length}道）
          </Text>
          {summary.wrong.map((wrong) => {
            const presented = round.questions.find((item) => item.id === wrong.questionId)
            const type = presented?.question.questionType ?? 'single'
            const shown = presented?.options ?? []
            return (
              <View key={wrong.questionId} className='pufa-card'>
                <Text className='practice__stem'>{wrong.stem}</Text>
                {type === 'judge' ? null : (
                  <View className='practice__summary-options'>
                    {shown.map((option, optionIndex) => (
                      <Text key={option.id} className='practice__line'>
                        {optionLetter(optionIndex)}. {option.text}
                      </Text>
                    ))}
                  </View>
                )}
                <Text className='practice__line'>你的答案：{answerWords(type, shown, wrong.chosen)}</Text>
                <Text className='practice__line'>正确答案：{answerWords(type, shown, wrong.answer)}</Text>
                <Explanation explanation={wrong.explanation} citations={wrong.citations} />
              </View>
            )
          })}
        </>
      )}
    </>
  )
}
