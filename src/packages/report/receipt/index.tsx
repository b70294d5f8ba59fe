import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import LinkRow from '../../../components/link-row'
import { a11y } from '../../../components/a11y'
import { describeFieldErrors, isOfflineError, verifierOf, type OutboxReport } from '../../../core/tips/outbox'
import { copyText } from '../../../services/clipboard'
import { getOutboxReport, retryOutboxReport } from '../../../services/report-outbox'
import DeadlineList from '../parts/deadline-list'
import OutboxStateBadge from '../parts/outbox-state'
import ProgressReminders from '../parts/progress-reminders'
import ReceiptPicture from '../parts/receipt-picture'
import ReportSummary from '../parts/report-summary'
import { useOutboxReport } from '../parts/use-outbox'
import './index.scss'

const TITLE = '反映回执'

function openMine() {
  void Taro.navigateTo({ url: '/packages/report/mine/index' }).catch(() => undefined)
}

export default function ReceiptPage() {
  const key = decodeURIComponent(useRouter().params.key ?? '')
  const report = useOutboxReport(key)

  if (!report) {
    return (
      <PageShell title={TITLE}>
        <EmptyState title='没有找到这份反映' description='本机提交过的反映，都可以在“我的反映”里查看。' />
        <View className='pufa-list'>
          <LinkRow title='我的反映' onClick={openMine} />
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell title={TITLE}>
      {report.state === 'sent' ? <Sent report={report} /> : <Unsent report={report} />}
      <ReportSummary report={report} />
      <View className='pufa-list'>
        <LinkRow title='我的反映' description='本机提交过的所有反映' onClick={openMine} />
      </View>
    </PageShell>
  )
}

function photoProgress(report: OutboxReport): string | null {
  if (report.photos.length === 0) return null
  const uploaded = report.photos.filter((photo) => photo.uploadId !== null).length
  return `照片已上传${uploaded}张，共${report.photos.length}张`
}

const OFFLINE_AFTER_RETRY = '现在没有网络，没能发出。不用一直等在这里：有网络时会自动发送，下次打开本程序也会继续发送。'

function Unsent({ report }: { report: OutboxReport }) {
  const [retrying, setRetrying] = useState(false)
  const [stillOffline, setStillOffline] = useState(false)
  const progress = photoProgress(report)

  if (report.state === 'needs_attention') {
    const problems = describeFieldErrors(report.fields)
    return (
      <View className='pufa-card' {...a11y({ role: 'alert' })}>
        <OutboxStateBadge state='needs_attention' large />
        {report.lastError ? <Text className='receipt__line'>{report.lastError}</Text> : null}
        {problems.map((problem) => (
          <Text key={problem} className='receipt__problem'>
            {problem}
          </Text>
        ))}
        <Button
          className='pufa-tap receipt__action'
          type='primary'
          size='large'
          block
          onClick={() => void Taro.navigateTo({ url: `/packages/report/form/index?key=${encodeURIComponent(report.key)}` }).catch(() => undefined)}
          {...a11y({ role: 'button' })}
        >
          回到表单修改
        </Button>
      </View>
    )
  }

  const waiting = report.state === 'waiting'
  return (
    <View className='pufa-card' {...a11y({ role: 'status' })}>
      <OutboxStateBadge state={report.state} detail={waiting ? '网络恢复后会自动发送' : undefined} large />
      {stillOffline && waiting ? (
        <Text className='receipt__line receipt__offline' {...a11y({ role: 'alert' })}>
          {OFFLINE_AFTER_RETRY}
        </Text>
      ) : null}
      {waiting && report.lastError && !isOfflineError(report.lastError) ? (
        <Text className='receipt__line'>{report.lastError}</Text>
      ) : null}
      {progress ? <Text className='receipt__line'>{progress}</Text> : null}
      <Text className='pufa-muted receipt__line'>
        {waiting ? '反映已保存在本机，下次打开本程序时也会继续发送。' : '正在发送，离开本页也会在后台继续。'}
      </Text>
      {waiting ? (
        <Button
          className='pufa-tap receipt__action'
          type='primary'
          size='large'
          block
          loading={retrying}
          disabled={retrying}
          onClick={() => {
            setRetrying(true)
            setStillOffline(false)
            void retryOutboxReport(report.key).finally(() => {
              setRetrying(false)
              const now = getOutboxReport(report.key)
              setStillOffline(now?.state === 'waiting' && isOfflineError(now.lastError))
            })
          }}
          {...a11y({ role: 'button', disabled: retrying })}
        >
          立即重试
        </Button>
      ) : null}
    </View>
  )
}

/** A code in its groups of four, which wrap only between groups: 「K7QF-3MZP-」 then 「9XRD-2WT8」. */
function CodeGroups({ code, className }: { code: string; className: string }) {
  const groups = code.split('-')
  return (
    <View className={className}>
      {groups.map((group, index) => (
        <Text key={index} className='receipt__group' userSelect>
          {index < groups.length - 1 ? `${group}-` : group}
        </Text>
      ))}
    </View>
  )
}

function Sent({ report }: { report: OutboxReport }) {
  const receipt = report.receipt
  const [copied, setCopied] = useState<string | null>(null)
  if (!receipt) return null
  const verifier = verifierOf(report)

  const copy = (what: string, data: string) => {
    void copyText(data).then((done) => setCopied(done ? what : null))
  }

  return (
    <>
      <View className='pufa-card' {...a11y({ role: 'status' })}>
        <OutboxStateBadge state='sent' detail='人社部门已收到您的反映' large />
      </View>

      <View className='pufa-card'>
        <Text className='receipt__heading' {...a11y({ role: 'heading', level: 2 })}>
          查询码
        </Text>
        <CodeGroups className='receipt__code' code={receipt.trackingCode} />
        <Button className='pufa-tap' size='large' block onClick={() => copy('查询码', receipt.trackingCode)} {...a11y({ role: 'button' })}>
          复制查询码
        </Button>
        {receipt.accessKey ? null : <Text className='pufa-muted receipt__line'>查询进度时，填写查询码和您留下的电话号码后四位。</Text>}
      </View>

      {receipt.accessKey ? (
        <View className='pufa-card'>
          <Text className='receipt__heading' {...a11y({ role: 'heading', level: 2 })}>
            查询密钥
          </Text>
          <CodeGroups className='receipt__key' code={receipt.accessKey} />
          <Text className='receipt__warning'>请抄下或截图保存，丢失后无法查询</Text>
          <Text className='pufa-muted receipt__line'>匿名反映不留电话，查询进度要用查询码和这个密钥。</Text>
          <Button className='pufa-tap' size='large' block onClick={() => copy('查询密钥', receipt.accessKey as string)} {...a11y({ role: 'button' })}>
            复制查询密钥
          </Button>
        </View>
      ) : null}

      {copied ? (
        <Text className='receipt__copied' {...a11y({ role: 'status' })}>
          {copied}已复制
        </Text>
      ) : null}

      <DeadlineList kind={report.payload.kind === 'tip' ? 'tip' : 'complaint'} deadlines={receipt.deadlines} />

      <ReceiptPicture report={report} />

      {verifier ? <ProgressReminders report={{ trackingCode: receipt.trackingCode, verifier, key: report.key }} /> : null}

      <Button
        className='pufa-tap receipt__action'
        type='primary'
        size='large'
        block
        onClick={() => void Taro.navigateTo({ url: `/packages/report/status/index?key=${encodeURIComponent(report.key)}` }).catch(() => undefined)}
        {...a11y({ role: 'button' })}
      >
        查看办理进度
      </Button>
    </>
  )
}
