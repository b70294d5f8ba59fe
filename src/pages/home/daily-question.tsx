import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from '../../components/a11y'
import { openPage } from '../../components/quiz-links'
import { practiceUrl, QUESTION_TYPE_LABELS, usePracticeBank } from '../../components/use-quiz'
import { chinaDateOf } from '../../core/calendar/working-days'
import { dailyQuestion } from '../../core/home/daily-question'
import { isAnswerRight } from '../../core/quiz/scoring'

/** 每日一题: the same question for everyone today (China time), answered right here. */
export default function DailyQuestion() {
  const bank = usePracticeBank()
  const today = chinaDateOf(new Date())
  const item = useMemo(() => dailyQuestion(bank, today), [bank, today])
  const [chosen, setChosen] = useState<string[]>([])
  const [answeredId, setAnsweredId] = useState<string | null>(null)

  if (!item) {
    return (
      <View className='pufa-card'>
        <Text className='home-card__title' {...a11y({ role: 'heading', level: 2 })}>
          每日一题
        </Text>
        <Text className='pufa-muted'>练习题库同步到手机后，这里每天有一道题。</Text>
      </View>
    )
  }
  const question = item.data
  const multiple = question.questionType === 'multiple'
  const answered = answeredId === item.id
  const right = answered && isAnswerRight(question, chosen)
  const rightWords = question.options
    .filter((option) => question.answer.includes(option.id))
    .map((option) => option.text)
    .join('；')

  function tap(optionId: string) {
    if (answered) return
    if (!multiple) setChosen([optionId])
    else setChosen(chosen.includes(optionId) ? chosen.filter((id) => id !== optionId) : [...chosen, optionId])
  }

  return (
    <View className='pufa-card home-daily'>
      <Text className='home-card__title' {...a11y({ role: 'heading', level: 2 })}>
        每日一题
      </Text>
      <Text className='pufa-muted'>{QUESTION_TYPE_LABELS[question.questionType]}</Text>
      <Text className='home-daily__stem'>{question.stem}</Text>
      <View {...(multiple ? {} : a11y({ role: 'radiogroup', label: '选项' }))}>
        {question.options.map((option) => {
          const selected = chosen.includes(option.id)
          const isRight = answered && question.answer.includes(option.id)
          const classes = ['pufa-tap', 'home-daily__option']
          if (selected) classes.push('home-daily__option--chosen')
          if (isRight) classes.push('home-daily__option--right')
          return (
            <View
              key={option.id}
              className={classes.join(' ')}
              onClick={() => tap(option.id)}
              {...a11y({ role: multiple ? 'checkbox' : 'radio', checked: selected })}
            >
              <Text className='home-daily__mark' {...a11y({ hidden: true })}>
                {selected ? (answered && !isRight ? '✗' : '✓') : ''}
              </Text>
              <Text className='home-daily__text'>{option.text}</Text>
              {isRight ? <Text className='home-daily__tag'>正确答案</Text> : null}
            </View>
          )
        })}
      </View>
      {answered ? (
        <View className='home-daily__result' {...a11y({ role: 'status' })}>
          <Text className='home-daily__verdict'>{right ? '回答正确' : `回答错误。正确答案：${rightWords}`}</Text>
          <Text className='pufa-muted'>{question.explanation}</Text>
        </View>
      ) : (
        <Button
          className='pufa-tap'
          type='primary'
          size='large'
          block
          disabled={chosen.length === 0}
          onClick={() => setAnsweredId(item.id)}
          {...a11y({ role: 'button' })}
        >
          提交答案
        </Button>
      )}
      <Button className='pufa-tap home-daily__more' size='large' block onClick={() => openPage(practiceUrl('mixed', 10))} {...a11y({ role: 'button' })}>
        去练习更多题
      </Button>
    </View>
  )
}
