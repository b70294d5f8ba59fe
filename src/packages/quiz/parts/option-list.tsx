import { View, Text } from '@tarojs/components'
import type { QuestionType, QuizOption } from '../../../core/content/model'
import { a11y } from '../../../components/a11y'
import { optionLetter } from './answer-words'
import './option-list.scss'

interface Props {
  questionType: QuestionType
  /** In the order shown. */
  options: QuizOption[]
  chosen: readonly string[]
  /** Left out once the answer is given: the list is then read-only. */
  onTap?: (optionId: string) => void
  /** The right option ids, once they may be shown. */
  rightIds?: readonly string[]
}

/**
 * A question's options as large rows: radio buttons (checkboxes for multiple choice). Chosen and
 * right options are marked by a sign, a border and words, never by colour alone; once the right
 * answer shows, a wrong choice has ✗, not ✓.
 */
export default function OptionList({ questionType, options, chosen, onTap, rightIds }: Props) {
  const multiple = questionType === 'multiple'
  return (
    <View className='quiz-options' {...(multiple ? {} : a11y({ role: 'radiogroup', label: '选项' }))}>
      {options.map((option, index) => {
        const selected = chosen.includes(option.id)
        const right = rightIds?.includes(option.id) ?? false
        const classes = ['pufa-tap', 'quiz-option']
        if (selected) classes.push('quiz-option--selected')
        if (right) classes.push('quiz-option--right')
        return (
          <View
            key={option.id}
            className={classes.join(' ')}
            onClick={onTap ? () => onTap(option.id) : undefined}
            {...a11y({ role: multiple ? 'checkbox' : 'radio', checked: selected })}
          >
            <Text className='quiz-option__letter'>{questionType === 'judge' ? '' : optionLetter(index)}</Text>
            <Text className='quiz-option__text'>{option.text}</Text>
            <Text className='quiz-option__mark' {...a11y({ hidden: true })}>
              {selected ? (rightIds !== undefined && !right ? '✗' : '✓') : ''}
            </Text>
            {right ? <Text className='quiz-option__tag'>正确答案</Text> : null}
            {rightIds !== undefined && selected && !right ? <Text className='quiz-option__tag'>你的选择</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
