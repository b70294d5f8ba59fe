import { useEffect, useState, useSyncExternalStore } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import LinkRow from '../../../components/link-row'
import { a11y } from '../../../components/a11y'
import { chinaDateOf } from '../../../core/calendar/working-days'
import { formatChineseDate } from '../../../core/format-date'
import { hasNewMessages, hasNews, type FollowedReport } from '../../../core/tips/followed'
import { tipStatusName } from '../../../core/tips/status'
import { fetchAccountReports, type AccountReport } from '../../../services/account-reports'
import { checkSentReports, getFollowed, subscribeFollowed, type CheckOutcome } from '../../../services/followed-reports'
import { listOutbox, type OutboxReport } from '../../../services/report-outbox'
import OutboxStateBadge, { outboxStateName } from '../parts/outbox-state'
import { useOutbox } from '../parts/use-outbox'
import './index.scss'

const KIND_NAMES = { complaint: '投诉', tip: '举报' } as const

const OUTCOME_WORDS: Record<Exclude<CheckOutcome, 'nothing'>, string> = {
  updated: '办理进度已更新',
  offline: '现在没有网络，显示的是上次查到的进度',
  failed: '有的反映暂时查不到进度，请稍后再刷新',
}

function open(report: OutboxReport) {
  const page = report.state === 'sent' ? 'status' : 'receipt'
  void Taro.navigateTo({ url: `/packages/report/${page}/index?key=${encodeURIComponent(report.key)}` }).catch(() => undefined)
}

/** A report of the WeChat user's list: the status page opens it by its code, the session standing for the verifier. */
function openOwned(report: AccountReport) {
  void Taro.navigateTo({ url: `/packages/report/status/index?code=${encodeURIComponent(report.trackingCode)}` }).catch(() => undefined)
}

/** Where a report stands for its reporter: the service's status once sent, else the outbox state. */
function stateWords(report: OutboxReport, followed: FollowedReport | undefined): string {
  if (report.state !== 'sent') return outboxStateName(report.state)
  return tipStatusName(followed?.status ?? 'submitted')
}

export default function MyReportsPage() {
  const reports = useOutbox()
  const followed = useSyncExternalStore(subscribeFollowed, getFollowed, getFollowed)
  const [checking, setChecking] = useState(false)
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null)
  // WeChat: every report of this WeChat user, from any phone; null on H5 or when the service cannot say.
  const [account, setAccount] = useState<AccountReport[] | null>(null)

  async function refresh() {
    setChecking(true)
    const [checked, listed] = await Promise.all([checkSentReports(listOutbox()), fetchAccountReports()])
    setOutcome(checked)
    if (listed !== null) setAccount(listed)
    setChecking(false)
  }

  // On opening, and on coming back to it from a report's status page.
  useEffect(() => {
    void refresh()
  }, [])
  useDidShow(() => void refresh())
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()))
  // With the WeChat list, this phone adds only what the list lacks: reports not sent yet, or sent before signing in.
  const listedCodes = new Set(account?.map((report) => report.trackingCode))
  const shown = reports.filter((report) => !(report.receipt && listedCodes.has(report.receipt.trackingCode)))
  const sent = account !== null || reports.some((report) => report.state === 'sent')

  return (
    <PageShell
      title='我的反映'
      lead={account === null ? '在这台手机上提交过的反映。换了手机，请用查询码查询进度。' : '用这个微信提交过的反映，换了手机也能看到。'}
    >
      {account !== null && account.length > 0 ? (
        <View className='pufa-list'>
          {account.map((report) => {
            const date = formatChineseDate(chinaDateOf(new Date(report.submittedAt)))
            const kind = KIND_NAMES[report.kind]
            const state = tipStatusName(report.status)
            return (
              <LinkRow
                key={report.trackingCode}
                title={`${kind} · ${date}`}
                description={`查询码 ${report.trackingCode}`}
                label={`${kind}，${date}提交，${state}${report.changed ? '，有新进展' : ''}`}
                onClick={() => openOwned(report)}
              >
                <View className='my-reports__status'>
                  <Text className='my-reports__state'>办理进度：{state}</Text>
                  {report.changed ? <Text className='my-reports__news'>● 有新进展</Text> : null}
                </View>
              </LinkRow>
            )
          })}
        </View>
      ) : null}
      {shown.length === 0 && (account === null || account.length === 0) ? (
        <EmptyState title='还没有提交过反映' description='在“反映”页填写并提交后，会显示在这里。' />
      ) : (
        <View className='pufa-list'>
          {shown.map((report) => {
            const employer = report.payload.employer.name
            const date = formatChineseDate(chinaDateOf(new Date(report.createdAt)))
            const kind = KIND_NAMES[report.payload.kind] ?? '反映'
            const entry = report.receipt ? followed[report.receipt.trackingCode] : undefined
            const state = stateWords(report, entry)
            const news = report.state === 'sent' && hasNews(entry)
            const messages = report.state === 'sent' && hasNewMessages(entry)
            return (
              <LinkRow
                key={report.key}
                title={employer}
                description={`${kind} · ${date}`}
                label={`${employer}，${kind}，${date}提交，${state}${news ? '，有新进展' : ''}${messages ? '，有新消息' : ''}`}
                onClick={() => open(report)}
              >
                {report.receipt ? <Text className='pufa-muted'>查询码 {report.receipt.trackingCode}</Text> : null}
                {report.state === 'sent' ? (
                  <View className='my-reports__status'>
                    <Text className='my-reports__state'>办理进度：{state}</Text>
                    {news ? <Text className='my-reports__news'>● 有新进展</Text> : null}
                    {messages ? <Text className='my-reports__news'>● 有新消息</Text> : null}
                  </View>
                ) : (
                  <OutboxStateBadge state={report.state} />
                )}
              </LinkRow>
            )
          })}
        </View>
      )}
      {sent ? (
        <View className='my-reports__refresh'>
          <Button
            className='pufa-tap'
            size='large'
            block
            loading={checking}
            onClick={() => void refresh()}
            {...a11y({ role: 'button', disabled: checking })}
          >
            {checking ? '正在刷新' : '刷新办理进度'}
          </Button>
          {outcome && outcome !== 'nothing' && !checking ? (
            <Text className='pufa-muted my-reports__outcome' {...a11y({ role: 'status' })}>
              {OUTCOME_WORDS[outcome]}
            </Text>
          ) : null}
        </View>
      ) : null}
      <View className='pufa-list'>
        <LinkRow
          title='用查询码查询进度'
          description='在别的手机上提交的反映，也可以查'
          onClick={() => void Taro.navigateTo({ url: '/packages/report/status/index' }).catch(() => undefined)}
        />
      </View>
    </PageShell>
  )
}
