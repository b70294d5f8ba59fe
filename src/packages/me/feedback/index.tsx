import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import ChoiceGroup from '../../../components/choice-group'
import TextField from '../../../components/text-field'
import { a11y } from '../../../components/a11y'
import { useFeedbackQueue } from '../../../components/use-feedback'
import { checkFeedbackContact, checkFeedbackContent, FEEDBACK_MAX_CHARS, type FeedbackKind } from '../../../core/feedback'
import { describeQueuedFeedback, QUEUED_FEEDBACK_STATE_LABELS, type QueuedFeedback } from '../../../core/feedback-outbox'
import { formatSyncTime } from '../../../core/sync/status'
import { FeedbackStorageError, feedbackQueue } from '../../../services/feedback-outbox'
import './index.scss'

const TITLE = '投诉建议'
const KINDS: { value: Exclude<FeedbackKind, 'question_report'>; label: string }[] = [
  { value: 'suggestion', label: '意见建议' },
  { value: 'complaint', label: '投诉' },
]
// A mobile number as typed, with spaces, dashes or +86, still fits.
const CONTACT_MAX_CHARS = 20

// In China time, as every time the app shows: 「12月6日 17:22」.
const when = (at: number) => formatSyncTime(new Date(at).toISOString(), new Date()) ?? ''

/** What the person sees once the feedback is queued, following it from 待发送 to 已发送. */
function QueuedStatus({ item }: { item: QueuedFeedback }) {
  const details: Record<QueuedFeedback['state'], string> = {
    waiting: `意见已保存在手机上，${item.lastError ?? '正在准备发送'}，不用重复提交。`,
    sending: '正在发送，请稍候。',
    sent: '已收到，谢谢您的意见。',
    refused: item.lastError ?? '服务没有接受这条意见。',
  }
  return (
    <View className='pufa-card' {...a11y({ role: 'status' })}>
      <Text className='feedback__state'>发送状态：{QUEUED_FEEDBACK_STATE_LABELS[item.state]}</Text>
      <Text className='feedback__line'>{details[item.state]}</Text>
      <Text className='pufa-muted'>提交时间：{when(item.createdAt)}</Text>
      <Text className='pufa-muted'>需要答复的问题，请拨打 12333 咨询。</Text>
    </View>
  )
}

/** Earlier feedback from this device that has not reached the service yet. */
function Unsent({ items }: { items: QueuedFeedback[] }) {
  return (
    <View className='pufa-card'>
      <Text className='feedback__label' {...a11y({ role: 'heading', level: 2 })}>
        还没有发出的意见
      </Text>
      {items.map((item) => (
        <Text key={item.id} className='pufa-muted feedback__unsent'>
          {when(item.createdAt)}提交：{describeQueuedFeedback(item)}
        </Text>
      ))}
    </View>
  )
}

export default function FeedbackPage() {
  const queue = useFeedbackQueue()
  const [kind, setKind] = useState<FeedbackKind>('suggestion')
  const [content, setContent] = useState('')
  const [contact, setContact] = useState('')
  const [contentError, setContentError] = useState<string | null>(null)
  const [contactError, setContactError] = useState<string | null>(null)
  const [queuedId, setQueuedId] = useState<string | null>(null)
  const queued = queuedId === null ? null : (queue.find((item) => item.id === queuedId) ?? null)

  const submit = () => {
    const checkedContent = checkFeedbackContent(content)
    const checkedContact = checkFeedbackContact(contact)
    setContentError(checkedContent.ok ? null : checkedContent.message)
    setContactError(checkedContact.ok ? null : checkedContact.message)
    if (!checkedContent.ok || !checkedContact.ok) return
    try {
      setQueuedId(feedbackQueue.queue({ kind, content: checkedContent.value, contact: checkedContact.value }).id)
    } catch (failure) {
      if (!(failure instanceof FeedbackStorageError)) throw failure
      setContentError(failure.message)
    }
  }

  /** A new form; after a refusal, the refused text to put right. */
  const startOver = (refused: QueuedFeedback | null) => {
    setContent(refused?.content ?? '')
    setContact(refused?.contact ?? '')
    setContentError(null)
    setContactError(null)
    setQueuedId(null)
  }

  if (queued !== null) {
    const refused = queued.state === 'refused'
    return (
      <PageShell title={TITLE}>
        <QueuedStatus item={queued} />
        <Button className='pufa-tap' size='large' block onClick={() => startOver(refused ? queued : null)} {...a11y({ role: 'button' })}>
          {refused ? '修改后重新提交' : '再写一条'}
        </Button>
      </PageShell>
    )
  }

  const unsent = queue.filter((item) => item.state === 'waiting' || item.state === 'sending')
  return (
    <PageShell title={TITLE} lead='对本程序或人社服务的意见、建议和投诉，都可以写在这里。没有网络也可以提交，联网后自动发送。'>
      {unsent.length > 0 ? <Unsent items={unsent} /> : null}
      <View className='pufa-card'>
        <Text className='feedback__label'>类型</Text>
        <ChoiceGroup label='类型' choices={KINDS} value={kind} onChange={setKind} />
      </View>
      <View className='pufa-card'>
        <TextField
          path='content'
          label='内容'
          hint='请写下具体情况，不要填写身份证号等个人信息。'
          multiline
          maxLength={FEEDBACK_MAX_CHARS}
          value={content}
          onChange={(value) => {
            setContent(value)
            if (contentError) setContentError(null)
          }}
          error={contentError ?? undefined}
        />
        <TextField
          path='contact'
          label='联系电话'
          optional
          hint='需要工作人员联系您的，可以留下电话：手机，或者带区号的固定电话。号码加密保存，只用于处理这条意见。'
          keyboard='phone'
          maxLength={CONTACT_MAX_CHARS}
          value={contact}
          onChange={(value) => {
            setContact(value)
            if (contactError) setContactError(null)
          }}
          error={contactError ?? undefined}
        />
      </View>
      <Button className='pufa-tap' type='primary' size='large' block onClick={submit} {...a11y({ role: 'button' })}>
        提交
      </Button>
    </PageShell>
  )
}
