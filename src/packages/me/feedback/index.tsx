import { useState } from 'react'
import dayjs from 'dayjs'
import { View, Text } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import ChoiceGroup from '../../../components/choice-group'
import { a11y } from '../../../components/a11y'
import { checkFeedbackContent, FEEDBACK_MAX_CHARS } from '../../../core/feedback'
import { sendFeedback, type FeedbackKind, type FeedbackReceipt } from '../../../services/feedback'
import './index.scss'

const KINDS: { value: FeedbackKind; label: string }[] = [
  { value: 'suggestion', label: '意见建议' },
  { value: 'complaint', label: '投诉' },
]

type State =
  | { step: 'editing'; error: string | null }
  | { step: 'sending' }
  | { step: 'sent'; receipt: FeedbackReceipt }

export default function FeedbackPage() {
  const [kind, setKind] = useState<FeedbackKind>('suggestion')
  const [content, setContent] = useState('')
  const [state, setState] = useState<State>({ step: 'editing', error: null })

  async function submit() {
    const checked = checkFeedbackContent(content)
    if (!checked.ok) {
      setState({ step: 'editing', error: checked.message })
      return
    }
    setState({ step: 'sending' })
    const result = await sendFeedback(kind, checked.value)
    if (result.ok) setState({ step: 'sent', receipt: result.data })
    else setState({ step: 'editing', error: result.fields.content ?? result.message })
  }

  if (state.step === 'sent') {
    return (
      <PageShell title='投诉建议'>
        <View className='pufa-card' {...a11y({ role: 'status' })}>
          <Text className='feedback__done'>已收到，谢谢您的意见。</Text>
          <Text className='pufa-muted'>提交时间：{dayjs(state.receipt.receivedAt).format('YYYY年M月D日 HH:mm')}</Text>
          <Text className='pufa-muted'>需要答复的问题，请拨打 12333 咨询。</Text>
        </View>
      </PageShell>
    )
  }

  const error = state.step === 'editing' ? state.error : null
  return (
    <PageShell title='投诉建议' lead='对本程序或人社服务的意见、建议和投诉，都可以写在这里。'>
      <View className='pufa-card'>
        <Text className='feedback__label'>类型</Text>
        <ChoiceGroup label='类型' choices={KINDS} value={kind} onChange={setKind} />
      </View>
      <View className='pufa-card'>
        <Text className='feedback__label'>内容</Text>
        <TextArea
          className='feedback__text'
          value={content}
          onChange={(value) => setContent(value)}
          maxLength={FEEDBACK_MAX_CHARS}
          showCount
          rows={6}
          placeholder='请写下具体情况，不要填写身份证号等个人信息'
        />
        {error ? (
          <Text className='feedback__error' {...a11y({ role: 'alert' })}>
            {error}
          </Text>
        ) : null}
      </View>
      <Button
        className='pufa-tap'
        type='primary'
        size='large'
        block
        loading={state.step === 'sending'}
        disabled={state.step === 'sending'}
        onClick={submit}
        {...a11y({ role: 'button', disabled: state.step === 'sending' })}
      >
        {state.step === 'sending' ? '正在提交' : '提交'}
      </Button>
    </PageShell>
  )
}
