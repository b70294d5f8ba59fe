import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import CheckRow from '../../../../components/check-row'
import PhotoPicker from '../../../../components/photo-picker'
import TextField from '../../../../components/text-field'
import { a11y } from '../../../../components/a11y'
import { formatChinaDateTime } from '../../../../core/format-date'
import { checkMessageBody, hasOpenQuestion, MESSAGE_BODY_MAX, REPLY_PHOTOS_MAX } from '../../../../core/tips/messages'
import type { QueuedReply } from '../../../../core/tips/reply-outbox'
import { discardPhoto } from '../../../../services/photo-files'
import { dropReply, onReplySent, pendingReplies, queueReply, retryReply, subscribeReplies } from '../../../../services/reply-outbox'
import { fetchMessages, type ReporterMessage, type TipStatusView } from '../../../../services/tip-status'
import './index.scss'

interface Props {
  trackingCode: string
  verifier: string
  /** What the status view said of the conversation; null from a service that has none. */
  summary: TipStatusView['messages'] | null
}

type Loaded = { step: 'loading' } | { step: 'failed'; message: string } | { step: 'done'; items: ReporterMessage[] }

const PENDING_WORDS: Record<QueuedReply['state'], string> = { waiting: '待发送', sending: '正在发送', refused: '没有发出' }

/**
 * 留言 on the status page: what staff wrote (a question marked 需要您回复), the reporter's replies,
 * and a form to reply in words and photos. A reply goes through the reply outbox: it is kept on the
 * phone until the service has it, through a bad network or the app closing, and is stored once.
 */
export default function Conversation({ trackingCode, verifier, summary }: Props) {
  const [loaded, setLoaded] = useState<Loaded>(summary && summary.count > 0 ? { step: 'loading' } : { step: 'done', items: [] })
  const pending = useSyncExternalStore(
    subscribeReplies,
    useCallback(() => pendingReplies(trackingCode), [trackingCode]),
    useCallback(() => pendingReplies(trackingCode), [trackingCode]),
  )

  const load = useCallback(async () => {
    const result = await fetchMessages(trackingCode, verifier)
    if (result.ok) setLoaded({ step: 'done', items: result.data.items })
    else setLoaded((previous) => (previous.step === 'done' && previous.items.length > 0 ? previous : { step: 'failed', message: result.status === null ? '现在没有网络，留言暂时显示不出来' : result.message }))
  }, [trackingCode, verifier])

  useEffect(() => {
    if (summary && summary.count > 0) void load()
  }, [load, summary])
  // A reply the service has just taken moves from the phone's list to the service's.
  useEffect(() => onReplySent((code) => code === trackingCode && void load()), [load, trackingCode])

  const items = loaded.step === 'done' ? loaded.items : []
  // A reply on its way answers the question already; the list, once read, is newer than the summary.
  const asked = pending.length === 0 && (items.length > 0 ? hasOpenQuestion(items) : (summary?.openQuestion ?? false))
  // Only the newest question still waits for an answer; the earlier ones were answered.
  const openQuestionIndex = items.reduce((last, item, index) => (item.author === 'staff' && item.kind === 'question' ? index : last), -1)
  return (
    <View className='pufa-card conversation'>
      <Text className='conversation__heading' {...a11y({ role: 'heading', level: 2 })}>
        留言
      </Text>
      {asked ? (
        <Text className='conversation__ask' {...a11y({ role: 'status' })}>
          工作人员有问题需要您回复，请看下面的留言。
        </Text>
      ) : null}
      {loaded.step === 'loading' ? <Text className='pufa-muted'>正在读取留言…</Text> : null}
      {loaded.step === 'failed' ? <Text className='pufa-problem'>{loaded.message}</Text> : null}
      {loaded.step === 'done' && items.length === 0 && pending.length === 0 ? (
        <Text className='pufa-muted conversation__empty'>还没有留言。工作人员需要了解情况时会在这里留言，您也可以在下面给工作人员留言。</Text>
      ) : null}
      {items.map((item, index) => (
        <MessageEntry key={item.id} item={item} awaitingReply={asked && index === openQuestionIndex} />
      ))}
      {pending.map((reply) => (
        <PendingEntry key={reply.clientId} reply={reply} />
      ))}
      <ReplyForm trackingCode={trackingCode} verifier={verifier} answering={asked} />
    </View>
  )
}

function MessageEntry({ item, awaitingReply }: { item: ReporterMessage; awaitingReply: boolean }) {
  const fromStaff = item.author === 'staff'
  const question = fromStaff && item.kind === 'question'
  const who = fromStaff ? '工作人员' : '我的回复'
  const when = formatChinaDateTime(item.at)
  return (
    <View className={`conversation__entry conversation__entry--${fromStaff ? 'staff' : 'reporter'}${question ? ' conversation__entry--question' : ''}`}>
      <View className='conversation__meta'>
        <Text className='conversation__who'>{who}</Text>
        {question ? <Text className='conversation__badge'>{awaitingReply ? '需要您回复' : '提问'}</Text> : null}
        <Text className='pufa-muted'>{when}</Text>
      </View>
      <Text className='conversation__body'>{item.body}</Text>
      {item.photos.length > 0 ? <Text className='pufa-muted'>附照片{item.photos.length}张</Text> : null}
    </View>
  )
}

function PendingEntry({ reply }: { reply: QueuedReply }) {
  const state = PENDING_WORDS[reply.state]
  return (
    <View className='conversation__entry conversation__entry--reporter conversation__entry--pending'>
      <View className='conversation__meta'>
        <Text className='conversation__who'>我的回复</Text>
        <Text className='conversation__state' {...a11y({ role: 'status' })}>
          {reply.lastError ? `${state}：${reply.lastError}` : state}
        </Text>
      </View>
      <Text className='conversation__body'>{reply.body}</Text>
      {reply.photos.length > 0 ? (
        <>
          <View className='conversation__photos' {...a11y({ hidden: true })}>
            {reply.photos.map((photo) => (
              <Image key={photo.path} className='conversation__thumb' src={photo.path} mode='aspectFill' />
            ))}
          </View>
          <Text className='pufa-muted'>附照片{reply.photos.length}张</Text>
        </>
      ) : null}
      <View className='conversation__actions'>
        {reply.state === 'waiting' ? (
          <Button className='pufa-tap' size='small' onClick={() => void retryReply(reply.clientId)} {...a11y({ role: 'button' })}>
            立即重试
          </Button>
        ) : null}
        {reply.state !== 'sending' ? (
          <Button className='pufa-tap' size='small' onClick={() => dropReply(reply.clientId)} {...a11y({ role: 'button', label: '删除这条没有发出的回复' })}>
            删除
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function ReplyForm({ trackingCode, verifier, answering }: { trackingCode: string; verifier: string; answering: boolean }) {
  const [body, setBody] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [consent, setConsent] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [queued, setQueued] = useState(false)

  function send() {
    const words = checkMessageBody(body, '回复')
    if (!words.ok) return setProblem(words.message)
    if (photos.length > 0 && !consent) return setProblem('带照片发送，请先勾选同意处理照片；不同意的话，请删掉照片再发送')
    try {
      queueReply({ trackingCode, verifier, body: words.value, photoPaths: photos })
    } catch (error) {
      return setProblem((error as Error).message)
    }
    setBody('')
    setPhotos([])
    setConsent(false)
    setProblem(null)
    setQueued(true)
  }

  return (
    <View className='conversation__form'>
      <TextField
        path='replyBody'
        label={answering ? '回复工作人员' : '给工作人员留言'}
        multiline
        value={body}
        maxLength={MESSAGE_BODY_MAX}
        onChange={(value) => {
          setBody(value)
          setQueued(false)
        }}
      />
      <Text className='conversation__label'>照片（选填）</Text>
      <PhotoPicker
        photos={photos}
        max={REPLY_PHOTOS_MAX}
        onAdd={(paths) => setPhotos((current) => [...current, ...paths].slice(0, REPLY_PHOTOS_MAX))}
        onRemove={(index) => {
          discardPhoto(photos[index])
          setPhotos(photos.filter((_, other) => other !== index))
        }}
      />
      {photos.length > 0 ? (
        <>
          <Text className='conversation__notice'>
            照片可能含有敏感个人信息（如工资条、银行流水）。处理这些信息需要您的单独同意（《个人信息保护法》第二十九条）。照片加密保存，只有负责处理反映的工作人员能够查看。
          </Text>
          <CheckRow label='我同意工作人员处理这些照片' checked={consent} onChange={setConsent} />
        </>
      ) : null}
      {problem ? (
        <Text className='pufa-problem conversation__problem' {...a11y({ role: 'alert' })}>
          {problem}
        </Text>
      ) : null}
      {queued ? (
        <Text className='conversation__done' {...a11y({ role: 'status' })}>
          回复已保存在手机上，会自动发给工作人员；没有网络时，网络恢复后会自动发送。
        </Text>
      ) : null}
      <Button className='pufa-tap' type='primary' size='large' block onClick={send} {...a11y({ role: 'button' })}>
        发送回复
      </Button>
    </View>
  )
}
