import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ChoiceGroup from '../../../../components/choice-group'
import FormField from '../../../../components/form-field'
import TextField from '../../../../components/text-field'
import { a11y } from '../../../../components/a11y'
import { checkRatingComment, RATING_COMMENT_MAX, TIP_RATING_NAMES, TIP_RATINGS, type TipRating } from '../../../../core/tips/rating'
import type { TipRatingView } from '../../../../../server/tips/tips.status.schemas'
import { rateTip } from '../../../../services/tip-status'
import './index.scss'

const CHOICES = TIP_RATINGS.map((value) => ({ value, label: TIP_RATING_NAMES[value] }))

interface Props {
  trackingCode: string
  verifier: string
  /** The rating already given, if any: a report is rated once. */
  given: TipRatingView | null
}

/** After 办结: how satisfied the reporter is with the handling, once, with optional words for staff. */
export default function Rating({ trackingCode, verifier, given }: Props) {
  const [rating, setRating] = useState<TipRatingView | null>(given)
  const [choice, setChoice] = useState<TipRating | ''>('')
  const [comment, setComment] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  if (rating) {
    return (
      <View className='pufa-card rating' {...a11y({ role: 'status' })}>
        <Text className='rating__heading' {...a11y({ role: 'heading', level: 2 })}>
          您的评价：{TIP_RATING_NAMES[rating.value]}
        </Text>
        {rating.comment ? <Text className='rating__comment'>{rating.comment}</Text> : null}
        <Text className='pufa-muted'>谢谢您的评价，工作人员能看到。</Text>
      </View>
    )
  }

  async function send() {
    const words = checkRatingComment(comment)
    if (choice === '') return setProblem('请先选择满意、基本满意或不满意')
    if (!words.ok) return setProblem(words.message)
    setProblem(null)
    setSending(true)
    const result = await rateTip(trackingCode, verifier, choice, comment)
    setSending(false)
    if (result.ok) setRating(result.data)
    else if (result.status === null) setProblem('现在没有网络，评价没有发出。请连上网络后再点“提交评价”。')
    else setProblem(result.message)
  }

  return (
    <View className='pufa-card rating'>
      <Text className='rating__heading' {...a11y({ role: 'heading', level: 2 })}>
        评价这次办理
      </Text>
      <Text className='pufa-muted rating__lead'>每份反映可以评价一次，工作人员能看到您的评价。</Text>
      <FormField path='rating' label='您对办理结果满意吗'>
        <ChoiceGroup label='您对办理结果满意吗' choices={CHOICES} value={choice} onChange={setChoice} />
      </FormField>
      <TextField path='ratingComment' label='想说的话' optional multiline value={comment} maxLength={RATING_COMMENT_MAX} onChange={setComment} />
      {problem ? (
        <Text className='pufa-problem rating__problem' {...a11y({ role: 'alert' })}>
          {problem}
        </Text>
      ) : null}
      <Button
        className='pufa-tap'
        type='primary'
        size='large'
        block
        loading={sending}
        onClick={() => void send()}
        {...a11y({ role: 'button', disabled: sending })}
      >
        {sending ? '正在提交' : '提交评价'}
      </Button>
    </View>
  )
}
